import { randomBytes } from "node:crypto";
import { getHomeSnapshot, incidentExists, publicCache, UNKNOWN_INCIDENT_KEY } from "./snapshot";

export { UNKNOWN_INCIDENT_KEY };
import { contentSecurityPolicy } from "../http/csp";
import { inlineScriptHashes } from "../http/script-hashes";
import { encodeCachedBody, respond, type CachedBody, type CachedResponse, type RequestHeaders } from "../http/cached-response";

// Rendered HTML of the public pages, kept in the same revision cache as the data it
// shows. A burst of visitors during an outage then costs one React render per write
// (or per minute), not one per request, and every response carries validators a
// CDN can use. server/public-routes.ts serves from here before Next sees the request
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

/** A rendered page as served from memory, with the policy that lets exactly its own inline scripts run. */
interface RenderedPage extends CachedBody {
  csp: string;
}

async function render(origin: string, key: string): Promise<RenderedPage> {
  const response = await fetch(new URL(key, origin), { headers: { [RENDER_HEADER]: renderToken() }, redirect: "manual" });
  if (response.status !== 200 && response.status !== 404) throw new Error(`render of ${key} answered ${response.status}`);
  const html = Buffer.from(await response.arrayBuffer());
  const csp = contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html.toString("utf8")), frameable: true });
  return { ...encodeCachedBody(html, response.status), csp };
}

/** The JSON snapshot the page's script polls, from memory. */
export async function snapshotResponse(method: string, headers: RequestHeaders): Promise<CachedResponse> {
  const { value, staleSince } = await getHomeSnapshot();
  return respond(method, headers, {
    ...value.encoded(),
    contentType: "application/json; charset=utf-8",
    stale: staleSince !== null,
    extra: { "Access-Control-Allow-Origin": "*" },
  });
}

/** A public page view (key from publicPageKey), rendered once per revision through Next at origin. */
export async function publicHtmlResponse(method: string, headers: RequestHeaders, origin: string, requested: string): Promise<CachedResponse> {
  const incidentId = requested.startsWith("/incidents/") ? requested.slice("/incidents/".length) : null;
  const key = incidentId !== null && !(await incidentExists(incidentId)) ? UNKNOWN_INCIDENT_KEY : requested;
  const entry = await publicCache().get(`html:${key}`, () => render(origin, key));
  return respond(method, headers, {
    ...entry.value,
    contentType: "text/html; charset=utf-8",
    stale: entry.staleSince !== null,
    extra: { "Content-Security-Policy": entry.value.csp },
  });
}

/** Next's own requests: the internal render, client-side navigation and prefetches go to Next. */
export function isNextInternalRequest(headers: RequestHeaders): boolean {
  return headers.get(RENDER_HEADER) === renderToken() || headers.get("rsc") !== null || headers.get("next-router-prefetch") !== null;
}
