import { db } from "../db";
import {
  PUBLIC_CACHE_CONTROL,
  cachedRouteHandler,
  encodeCachedBody,
  plainResponse,
  respond,
  type CachedBody,
  type CachedResponse,
  type RequestHeaders,
} from "../http/cached-response";
import { publicCache } from "../public/snapshot";
import { buildStatuspageDocuments } from "./map";
import { UPTIME_PATH, uptimeResponse } from "./uptime";
import { loadStatuspageSource } from "./queries";
import { STATUSPAGE_PATHS, type StatuspageErrorResponse, type StatuspagePath } from "../status/statuspage-schemas";

// The Statuspage v2 API, served like the public page: every body is built, serialized
// and compressed once per write (one cache entry for all endpoints, one query), then
// answered from memory with an ETag. server/http-server.ts calls this through
// publicPageResponse before Next sees the request; app/api/v2/[...path]/route.ts
// calls it too (under `next dev`, or when the server's attempt failed), so both
// paths send the same bytes.

const PREFIX = "/api/v2/";
const CACHE_KEY = "statuspage:v2";
const JSON_TYPE = "application/json; charset=utf-8";
const ALLOWED_METHODS = "GET, HEAD, OPTIONS";
const CORS = { "Access-Control-Allow-Origin": "*" };

export function isStatuspagePath(pathname: string): boolean {
  return pathname.startsWith(PREFIX);
}

function isKnownPath(pathname: string): pathname is StatuspagePath {
  return (STATUSPAGE_PATHS as readonly string[]).includes(pathname);
}

async function buildBodies(): Promise<Map<StatuspagePath, CachedBody>> {
  const documents = buildStatuspageDocuments(await loadStatuspageSource(db()));
  return new Map(STATUSPAGE_PATHS.map((path) => [path, encodeCachedBody(JSON.stringify(documents[path]))]));
}

function errorResponse(method: string, status: number, error: StatuspageErrorResponse["error"], extra: Record<string, string> = {}): CachedResponse {
  return plainResponse(method, status, JSON.stringify({ error } satisfies StatuspageErrorResponse), {
    ...CORS,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    "Content-Type": JSON_TYPE,
    ...extra,
  });
}

const NOT_FOUND = {
  code: "not_found",
  message: "There is no Statuspage API endpoint at this path. Try /api/v2/summary.json.",
} as const;

/** When there is no data to serve at all (the database is unreachable and nothing was cached yet). */
function statuspageUnavailable(method: string): CachedResponse {
  return errorResponse(
    method,
    503,
    { code: "unavailable", message: "Status data is temporarily unavailable. Try again shortly." },
    {
      "Cache-Control": "no-store",
      "Retry-After": "5",
    },
  );
}

/** A CORS preflight: any origin may read, with any request headers it asks for. */
function preflight(headers: RequestHeaders): CachedResponse {
  const requested = headers.get("access-control-request-headers");
  return {
    status: 204,
    headers: {
      ...CORS,
      "Access-Control-Allow-Methods": ALLOWED_METHODS,
      // Echo only a plain header-name list, never arbitrary text.
      ...(requested && /^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/.test(requested)
        ? { "Access-Control-Allow-Headers": requested, Vary: "Access-Control-Request-Headers" }
        : {}),
      "Access-Control-Max-Age": "86400",
    },
    body: null,
  };
}

/**
 * Answers any request under /api/v2/ (`search`: the query, read by uptime.json only, so the
 * others never parse one); throws only when there is no data to serve at all.
 */
export async function statuspageResponse(
  method: string,
  pathname: string,
  headers: RequestHeaders,
  search: () => URLSearchParams = () => new URLSearchParams(),
): Promise<CachedResponse> {
  if (method === "OPTIONS") return preflight(headers);
  if (method !== "GET" && method !== "HEAD") {
    return errorResponse(
      method,
      405,
      { code: "method_not_allowed", message: `${method} is not supported; the Statuspage API is read-only` },
      { Allow: ALLOWED_METHODS },
    );
  }
  if (pathname === UPTIME_PATH) return uptimeResponse(method, search(), headers);
  if (!isKnownPath(pathname)) {
    return errorResponse(method, 404, NOT_FOUND);
  }
  const entry = await publicCache().get(CACHE_KEY, buildBodies);
  return respond(method, headers, {
    ...entry.value.get(pathname)!,
    contentType: JSON_TYPE,
    stale: entry.staleSince !== null,
    extra: CORS,
  });
}

/** The App Router handler app/api/v2/[...path]/route.ts exports for every method (plain bytes: Next strips Content-Encoding). */
export const statuspageRouteResponse = cachedRouteHandler(
  "statuspage API",
  (r) => statuspageResponse(r.method, r.url.pathname, r.headers, () => r.url.searchParams),
  statuspageUnavailable,
);
