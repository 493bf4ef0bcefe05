import { z } from "zod";
import { recordAudit } from "../../audit/record";
import { authenticateApiKey, RateLimitedError } from "../../api-keys/keys";
import type { Verdict } from "../../api-keys/sliding-window";
import type { StaffSubscriberOptions } from "../../subscribers/staff-verbs";
import type { ApiScope } from "../../api-keys/schemas";
import type { DbOrTx } from "../../db";
import { ServiceError } from "../../errors";
import { readJsonBody, type JsonBodySource } from "../../http/json-body";
import { routeMatcher } from "../../http/route-match";
import { errorToJson, jsonError, type ErrorContract } from "../../http/json-errors";
import { invalidatePublicSnapshot } from "../../public/snapshot";
import { API_ROUTES, type ApiRoute } from "./routes";
import { reportError } from "../../db-reachability";

// The management API's one entry point (app/api/manage/v1/[...path]/route.ts calls
// it): match the route, authenticate the key, check its scope and rate limit, parse
// the body and query once with the route's zod schemas, run, and turn every error
// into `{ error: { code, message, fields } }` with the right status. No stack trace
// or SQL text ever leaves the server.

export const API_PREFIX = "/api/manage/v1";
const MAX_BODY_BYTES = 100_000;

export interface ApiRequest extends JsonBodySource {
  method: string;
  url: URL;
  ip: string | null;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Domain inputs are camelCase; the API's fields are snake_case. */
const apiFieldName = (path: readonly PropertyKey[]) => path.map((p) => String(p).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(".");

// docs/api.md: every refused input is a 400 `invalid`, with short field messages.
const CONTRACT: ErrorContract = {
  invalid: { status: 400, message: "Some fields are not valid." },
  fields: { root: "body", key: apiFieldName, shortMessages: true },
  bodyStatus: "invalid",
  internal: { message: "Something went wrong on our side. Nothing was saved; please try again.", log: "management API" },
};

/** IETF draft-ietf-httpapi-ratelimit-headers, the separate-fields form. */
function rateLimitHeaders(v: Verdict): Record<string, string> {
  return { "RateLimit-Limit": String(v.limit), "RateLimit-Remaining": String(v.remaining), "RateLimit-Reset": String(v.resetSeconds) };
}

/** If-Match said another version than the record's: nothing was run. */
class PreconditionFailed extends Error {
  constructor(readonly current: string) {
    super("precondition failed");
  }
}

/** If-Match: `*`, or a list of ETags compared weakly (RFC 9110 §13.1.1 asks strong, but ours are all weak). */
export function etagMatches(ifMatch: string, current: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const tags = ifMatch.split(",").map(opaque);
  return tags.includes("*") || tags.includes(opaque(current));
}

export function errorToApiResponse(error: unknown): ApiResponse {
  if (error instanceof PreconditionFailed) {
    return jsonError("precondition_failed", "The record changed since you read it (If-Match does not match its ETag). Read it again, then retry.", {
      headers: { ETag: error.current },
    });
  }
  if (error instanceof RateLimitedError) {
    return jsonError("rate_limited", error.message, { headers: { "Retry-After": String(error.retryAfterSeconds), ...rateLimitHeaders(error.verdict) } });
  }
  return errorToJson(error, CONTRACT);
}

const match = routeMatcher(API_ROUTES);

async function parseBody(route: ApiRoute, request: ApiRequest): Promise<unknown> {
  if (!route.body) return undefined;
  return route.body.parse(await readJsonBody(request, { maxBytes: route.maxBodyBytes ?? MAX_BODY_BYTES }));
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
  /** Tests: mail and private webhooks without the environment. */
  subscriberOptions?: StaffSubscriberOptions;
}

export async function handleManageRequest(db: DbOrTx, request: ApiRequest, options: ManageOptions): Promise<ApiResponse> {
  const path = request.url.pathname.slice(API_PREFIX.length) || "/";
  const found = match(request.method, path);
  if (!found) return jsonError("not_found", `No API operation at ${request.url.pathname}. See /api/openapi.json.`);
  if ("allow" in found) {
    return jsonError("method_not_allowed", `${request.method} is not supported here; use ${found.allow.join(" or ")}.`, {
      headers: { Allow: found.allow.join(", ") },
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
    assertRouteScope(staff.keyScopes, route);
    const query = parseQuery(route, request.url);
    const body = await parseBody(route, request);
    const ctx = {
      db,
      staff,
      params,
      body,
      query,
      pageUrl: options.pageUrl,
      idempotencyKey: request.headers.get("idempotency-key"),
      subscriberOptions: options.subscriberOptions,
    };
    const ifMatch = request.headers.get("if-match");
    if (ifMatch !== null && route.currentEtag) {
      const current = await route.currentEtag({ ...ctx, body: undefined, query: undefined });
      // Not found: the operation itself answers 404.
      if (current !== null && !etagMatches(ifMatch, current)) {
        throw new PreconditionFailed(current);
      }
    }
    const result = await route.run(ctx);
    if (route.method !== "GET") invalidatePublicSnapshot();
    response = { status: route.status, headers: route.etag ? { ETag: route.etag(result as never) } : {}, body: result };
  } catch (error) {
    response = errorToApiResponse(error);
  }
  response.headers = { ...rateLimitHeaders(staff.rate), ...response.headers };
  // Every use of a key is in the audit log, next to the change it made (if any).
  await recordAudit(db, staff.actor, {
    action: "api.request",
    targetType: "api_key",
    targetId: staff.keyId,
    after: { method: request.method, path: request.url.pathname, status: response.status },
  }).catch((error) => reportError(error, "auditing an API request"));
  return response;
}

/**
 * The coarse check, before the body is read: the route's scope, or for a route on a
 * record that may be an incident or a maintenance any of its `recordScopes`. The verb
 * then checks the scope the record's kind needs (lib/incidents/staff-verbs.ts).
 */
function assertRouteScope(scopes: readonly ApiScope[], route: ApiRoute): void {
  const accepted = route.recordScopes ?? [route.scope];
  if (!accepted.some((scope) => scopes.includes(scope))) {
    throw new ServiceError("forbidden", `This API key does not have the ${accepted.join(" or ")} scope.`);
  }
}
