import { z } from "zod";
import { SCOPE_LABELS } from "../api-keys/keys";
import { API_PREFIX } from "./manage/handle";
import { API_ROUTES } from "./manage/routes";
import { ErrorResponse } from "./manage/schemas";

// The OpenAPI 3.1 document, generated from the same route list and zod schemas the
// API runs on (never edited by hand). Served at /api/openapi.json.

type JsonSchema = Record<string, unknown>;

/** Converts a schema, moving named (`.meta({ id })`) schemas into components. */
function converter() {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const generated = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
    // Named schemas land in $defs: move them to the document's components.
    const json = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    const { $defs, $schema: _schema, ...rest } = json;
    for (const [id, def] of Object.entries($defs ?? {})) components[id] = def;
    return rest;
  };
  return { convert, components };
}

const errorResponses = (statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        description:
          {
            400: "Invalid input (bad JSON, unknown or wrong fields)",
            401: "Missing, unknown or revoked key",
            403: "The key lacks the scope",
            404: "Not found",
            409: "Changed by someone else meanwhile",
            412: "If-Match does not match the record's ETag; nothing changed",
            429: "Rate limit reached (see Retry-After)",
          }[s] ?? "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        ...(s === 429
          ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds until the next request is allowed." }, ...RATE_LIMIT_HEADERS } }
          : {}),
      },
    ]),
  );

// IETF draft-ietf-httpapi-ratelimit-headers: on every answer to a valid key.
const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": { schema: { type: "integer" }, description: "Requests allowed per sliding minute for this key." },
  "RateLimit-Remaining": { schema: { type: "integer" }, description: "Requests left in the window." },
  "RateLimit-Reset": { schema: { type: "integer" }, description: "Seconds until the window has room again." },
};

export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
  const { convert, components } = converter();
  convert(ErrorResponse, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const query = route.query ? convert(route.query, "input") : null;
    const queryParams = query
      ? Object.entries((query.properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({ name, in: "query", required: false, schema }))
      : [];
    const operation: Record<string, unknown> = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      security: [{ apiKey: [] }],
      "x-scope": route.scope,
      // Routes shared by incidents and maintenances: the record's kind decides which scope applies.
      ...(route.recordScopes ? { "x-record-scopes": route.recordScopes } : {}),
      description: route.recordScopes
        ? `Needs an API key with the scope of the record: ${route.recordScopes.map((s) => `\`${s}\` (${SCOPE_LABELS[s]})`).join(" for an incident, ")} for a maintenance.`
        : `Needs an API key with the \`${route.scope}\` scope (${SCOPE_LABELS[route.scope]}).`,
      parameters: [
        ...params,
        ...queryParams,
        ...(route.currentEtag
          ? [
              {
                name: "If-Match",
                in: "header",
                required: false,
                schema: { type: "string" },
                description: "The ETag you last read; 412 if the record changed since.",
              },
            ]
          : []),
        ...(route.method === "POST" && route.path === "/incidents"
          ? [
              {
                name: "Idempotency-Key",
                in: "header",
                required: false,
                schema: { type: "string", minLength: 8, maxLength: 100 },
                description: "Retries with the same key open one incident.",
              },
            ]
          : []),
      ],
      ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: convert(route.body, "input") } } } } : {}),
      responses: {
        [String(route.status)]: {
          description: "OK",
          headers: {
            ...RATE_LIMIT_HEADERS,
            ...(route.etag ? { ETag: { schema: { type: "string" }, description: "The record's version, for If-Match." } } : {}),
          },
          content: { "application/json": { schema: convert(route.response, "output") } },
        },
        ...errorResponses(route.currentEtag ? [400, 401, 403, 404, 409, 412, 429] : [400, 401, 403, 404, 409, 429]),
      },
    };
    const path = `${API_PREFIX}${route.path}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Vigil management API",
      version: "1.0.0",
      description:
        "Open and update incidents, set component statuses and schedule maintenance from scripts and tools. Authenticate with `Authorization: Bearer <key>`; admins create keys in the console under API keys. The public, unauthenticated Statuspage-compatible API is at /api/v2/*.json.",
    },
    servers: [{ url: serverUrl.replace(/\/$/, "") }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A Vigil API key (vgl_…)" } },
      schemas: components,
    },
    paths,
  };
}
