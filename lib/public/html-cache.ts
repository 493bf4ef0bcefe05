import { createHash, randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { getHomeSnapshot, publicCache } from "./snapshot";
import { respond, type CachedBody, type CachedResponse, type RequestHeaders } from "./http";
import { isStatuspagePath, statuspageResponse } from "../statuspage/serve";
import { badgeResponse, isBadgePath } from "../badges/serve";
import { EMBED_PATH, embedResponse } from "../embed/serve";
import { METRICS_PATH, metricsResponse } from "../metrics/serve";
import { feedResponse, isFeedPath } from "../feeds/serve";
import { demoTargetResponse, isDemoTargetPath } from "../demo/target";

// Rendered HTML of the public pages, kept in the same revision cache as the data it
// shows. A burst of visitors during an outage then costs one React render per write
// (or per minute), not one per request, and every response carries validators a
// CDN can use. scripts/server.ts serves from here before Next sees the request
// (Next strips Content-Encoding from handler responses, so pre-compressed bytes
// must leave through our own server); a miss renders the page once through Next
// itself, with an internal request marked by a per-process token.

const globalForToken = globalThis as unknown as { vigilRenderToken?: string };
export const RENDER_HEADER = "x-vigil-render";
export const SNAPSHOT_PATH = "/api/public/snapshot";

export function renderToken(): string {
  globalForToken.vigilRenderToken ??= randomBytes(16).toString("hex");
  return globalForToken.vigilRenderToken;
}

/** The cache key for a public page, or null when the request is not a cacheable public page view. */
export function publicPageKey(pathname: string, search: URLSearchParams): string | null {
  if (pathname === "/") return "/"; // query strings cannot bust the cache
  if (pathname === "/history") {
    const page = Number(search.get("page") ?? "1");
    return Number.isInteger(page) && page >= 1 && page <= 1200 ? `/history?page=${page}` : null;
  }
  if (/^\/incidents\/[A-Za-z0-9_-]{1,64}$/.test(pathname)) return pathname;
  return null;
}

async function render(origin: string, key: string): Promise<CachedBody> {
  const response = await fetch(new URL(key, origin), { headers: { [RENDER_HEADER]: renderToken() }, redirect: "manual" });
  if (response.status !== 200 && response.status !== 404) throw new Error(`render of ${key} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    body,
    gzipped: gzipSync(body, { level: 6 }),
    etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
  };
}

/**
 * Answers a public page view, the JSON snapshot, the Statuspage API, a badge, the embed
 * script, /metrics or the demo probes' target from memory, or null when the request is
 * none of them (client-side navigation, assets, other APIs, the internal render itself).
 */
export async function publicPageResponse(method: string, url: URL, headers: RequestHeaders, origin: string): Promise<CachedResponse | null> {
  if (isStatuspagePath(url.pathname)) return statuspageResponse(method, url.pathname, headers);
  if (url.pathname === METRICS_PATH) return metricsResponse(method, headers);
  if (method !== "GET" && method !== "HEAD") return null;
  if (url.pathname === EMBED_PATH) return embedResponse(method, headers);
  if (isBadgePath(url.pathname)) return badgeResponse(method, url, headers);
  if (isFeedPath(url.pathname)) return feedResponse(method, url, headers);
  if (isDemoTargetPath(url.pathname)) return demoTargetResponse(method, url.pathname);
  if (headers.get(RENDER_HEADER) === renderToken()) return null;
  if (headers.get("rsc") !== null || headers.get("next-router-prefetch") !== null) return null;
  if (url.pathname === SNAPSHOT_PATH) {
    const { value, staleSince } = await getHomeSnapshot();
    return respond(method, headers, {
      status: 200,
      etag: value.etag,
      contentType: "application/json; charset=utf-8",
      body: value.json,
      gzipped: value.jsonGzipped,
      stale: staleSince !== null,
      extra: { "Access-Control-Allow-Origin": "*" },
    });
  }
  const key = publicPageKey(url.pathname, url.searchParams);
  if (!key) return null;
  const entry = await publicCache().get(`html:${key}`, () => render(origin, key));
  return respond(method, headers, {
    ...entry.value,
    contentType: "text/html; charset=utf-8",
    stale: entry.staleSince !== null,
    extra: {},
  });
}
