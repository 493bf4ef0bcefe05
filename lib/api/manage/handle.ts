import { z } from "zod";
import { recordAudit } from "../../audit/record";
import { authenticateApiKey, RateLimitedError, type ApiScope } from "../../api-keys/keys";
import type { DbOrTx } from "../../db";
import { ServiceError } from "../../errors";
import { invalidatePublicSnapshot } from "../../public/snapshot";
import { API_ROUTES, type ApiRoute } from "./routes";

// The management API's one entry point (app/api/manage/v1/[...path]/route.ts calls
// it): match the route, authenticate the key, check its scope and rate limit, parse
// the body and query once with the route's zod schemas, run, and turn every error
// into `{ error: { code, message, fields } }` with the right status. No stack trace
// or SQL text ever leaves the server.

export const API_PREFIX = "/api/manage/v1";
const MAX_BODY_BYTES = 100_000;

export interface ApiRequest {
  method: string;
  url: URL;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  ip: string | null;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

type ErrorCode = "invalid" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "internal" | "method_not_allowed";

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

function errorResponse(code: ErrorCode, message: string, fields?: Record<string, string>, headers: Record<string, string> = {}): ApiResponse {
  return { status: STATUS[code], headers, body: { error: { code, message, ...(fields ? { fields } : {}) } } };
}

/** Domain inputs are camelCase; the API's fields are snake_case. */
const apiFieldName = (path: readonly PropertyKey[]) => path.map((p) => String(p).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(".") || "body";

function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[apiFieldName([...issue.path, key])] = "unknown field";
    } else if (issue.code === "invalid_type") {
      // zod's default reads "Invalid input: expected string, received undefined".
      fields[apiFieldName(issue.path)] ??= /received undefined$/.test(issue.message) ? "required" : `expected ${issue.expected}`;
    } else {
      fields[apiFieldName(issue.path)] ??= issue.message;
    }
  }
  return fields;
}

export function errorToApiResponse(error: unknown): ApiResponse {
  if (error instanceof z.ZodError) return errorResponse("invalid", "Some fields are not valid.", zodFields(error));
  if (error instanceof RateLimitedError) {
    return errorResponse("rate_limited", error.message, undefined, { "Retry-After": String(error.retryAfterSeconds) });
  }
  if (error instanceof ServiceError) {
    const fields = error.fields && Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [apiFieldName([k]), v]));
    return errorResponse(error.code === "invalid" ? "invalid" : error.code, error.message, fields);
  }
  console.error("[vigil] management API failed:", error);
  return errorResponse("internal", "Something went wrong on our side. Nothing was saved; please try again.");
}

function pattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/\{(\w+)\}/g, "(?<$1>[A-Za-z0-9_-]{1,64})")}$`);
}

const COMPILED = API_ROUTES.map((r) => ({ route: r, regex: pattern(r.path) }));

function match(method: string, path: string): { route: ApiRoute; params: Record<string, string> } | { allow: string[] } | null {
  const candidates = COMPILED.map(({ route, regex }) => ({ route, m: regex.exec(path) })).filter((c) => c.m !== null);
  if (candidates.length === 0) return null;
  const hit = candidates.find((c) => c.route.method === method);
  if (!hit) return { allow: candidates.map((c) => c.route.method) };
  return { route: hit.route, params: { ...(hit.m!.groups ?? {}) } };
}

async function parseBody(route: ApiRoute, request: ApiRequest): Promise<unknown> {
  if (!route.body) return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new ServiceError("invalid", "Send the body as JSON with `Content-Type: application/json`.");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ServiceError("invalid", `The body is larger than ${MAX_BODY_BYTES / 1000} kB.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServiceError("invalid", "The body is not valid JSON.");
  }
  return route.body.parse(json);
}

function parseQuery(route: ApiRoute, url: URL): unknown {
  const entries = Object.fromEntries(url.searchParams.entries());
  if (!route.query) {
    if (Object.keys(entries).length > 0)
      throw new z.ZodError([{ code: "unrecognized_keys", keys: Object.keys(entries), path: [], message: "unknown query parameter", input: entries }]);
    return undefined;
  }
  return route.query.parse(entries);
}

export interface ManageOptions {
  pageUrl: string;
  rateLimitPerMinute: number;
  now?: Date;
}

export async function handleManageRequest(db: DbOrTx, request: ApiRequest, options: ManageOptions): Promise<ApiResponse> {
  const path = request.url.pathname.slice(API_PREFIX.length) || "/";
  const found = match(request.method, path);
  if (!found) return errorResponse("not_found", `No API operation at ${request.url.pathname}. See /api/openapi.json.`);
  if ("allow" in found) {
    return errorResponse("method_not_allowed", `${request.method} is not supported here; use ${found.allow.join(" or ")}.`, undefined, {
      Allow: found.allow.join(", "),
    });
  }
  const { route, params } = found;
  let staff: Awaited<ReturnType<typeof authenticateApiKey>>;
  try {
    staff = await authenticateApiKey(db, request.headers.get("authorization"), request.ip, options.rateLimitPerMinute, options.now);
  } catch (error) {
    return errorToApiResponse(error);
  }
  let response: ApiResponse;
  try {
    if (!staffHasScope(staff.keyScopes, route.scope)) {
      throw new ServiceError("forbidden", `This API key does not have the ${route.scope} scope.`);
    }
    const query = parseQuery(route, request.url);
    const body = await parseBody(route, request);
    const result = await route.run({
      db,
      staff,
      params,
      body,
      query,
      pageUrl: options.pageUrl,
      idempotencyKey: request.headers.get("idempotency-key"),
    });
    if (route.method !== "GET") invalidatePublicSnapshot();
    response = { status: route.status, headers: {}, body: result };
  } catch (error) {
    response = errorToApiResponse(error);
  }
  // Every use of a key is in the audit log, next to the change it made (if any).
  await recordAudit(db, staff.actor, {
    action: "api.request",
    targetType: "api_key",
    targetId: staff.keyId,
    after: { method: request.method, path: request.url.pathname, status: response.status },
  }).catch((error) => console.error("[vigil] could not audit an API request:", error));
  return response;
}

function staffHasScope(scopes: readonly ApiScope[], scope: ApiScope): boolean {
  return scopes.includes(scope);
}
