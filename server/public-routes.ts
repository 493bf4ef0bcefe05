// The public fast path: requests answered from memory before Next sees them, as one table
// walked in order (the first route whose `match` says yes answers; `null` hands the request
// to Next). Each presenter owns its bytes; this file only decides who answers what.
import { badgeResponse, isBadgePath } from "../lib/badges/serve";
import { demoTargetResponse, isDemoTargetPath } from "../lib/demo/target";
import { EMBED_PATH, embedResponse } from "../lib/embed/serve";
import { HEALTHZ_PATH, healthzResponse, READYZ_PATH, readyzResponse } from "../lib/health/checks";
import { feedResponse, isFeedPath } from "../lib/feeds/serve";
import type { CachedResponse, RequestHeaders } from "../lib/http/cached-response";
import { METRICS_PATH, metricsResponse } from "../lib/metrics/serve";
import { isNextInternalRequest, languageSwitchResponse, publicHtmlResponse, publicPageKey, SNAPSHOT_PATH, snapshotResponse } from "../lib/public/html";
import { isLatencyImagePath, latencyImageResponse } from "../lib/public/latency-images";
import { isPageScriptPath, pageScriptResponse } from "../lib/public/page-script";
import { isStatuspagePath, statuspageResponse } from "../lib/statuspage/serve";
import { LANGUAGE_PARAM } from "../lib/i18n/negotiate";

export interface PublicRequest {
  method: string;
  /** The path as `new URL` normalises it (matching needs no more, so most requests never build the URL). */
  pathname: string;
  readonly url: URL;
  /** The query (empty without one: no URL is built for a target without `?`). */
  readonly search: URLSearchParams;
  headers: RequestHeaders;
  /** Where this server answers itself, for the one-off internal render of a page. */
  origin: string;
}

export interface PublicRoute {
  name: string;
  /** "any": every method reaches `respond` (it answers OPTIONS, 405s); "read": GET and HEAD only. */
  methods: "any" | "read";
  match: (request: PublicRequest) => boolean;
  respond: (request: PublicRequest) => Promise<CachedResponse | null> | CachedResponse | null;
}

export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  {
    name: "statuspage-v2",
    methods: "any",
    match: (r) => isStatuspagePath(r.pathname),
    respond: (r) => statuspageResponse(r.method, r.pathname, r.headers, () => r.search),
  },
  { name: "metrics", methods: "any", match: (r) => r.pathname === METRICS_PATH, respond: (r) => metricsResponse(r.method, r.headers) },
  { name: "healthz", methods: "read", match: (r) => r.pathname === HEALTHZ_PATH, respond: (r) => healthzResponse(r.method) },
  { name: "readyz", methods: "read", match: (r) => r.pathname === READYZ_PATH, respond: (r) => readyzResponse(r.method) },
  { name: "embed", methods: "read", match: (r) => r.pathname === EMBED_PATH, respond: (r) => embedResponse(r.method, r.headers) },
  { name: "badge", methods: "read", match: (r) => isBadgePath(r.pathname), respond: (r) => badgeResponse(r.method, r.url, r.headers) },
  { name: "feed", methods: "read", match: (r) => isFeedPath(r.pathname), respond: (r) => feedResponse(r.method, r.url, r.headers) },
  {
    name: "latency-image",
    methods: "read",
    match: (r) => isLatencyImagePath(r.pathname),
    respond: (r) => latencyImageResponse(r.method, r.pathname, r.headers),
  },
  {
    name: "page-script",
    methods: "read",
    match: (r) => isPageScriptPath(r.pathname),
    respond: (r) => pageScriptResponse(r.method, r.pathname, r.headers),
  },
  { name: "demo-target", methods: "read", match: (r) => isDemoTargetPath(r.pathname), respond: (r) => demoTargetResponse(r.method, r.pathname) },
  // Below this line Next's own requests (the internal render, client navigation) go to Next.
  { name: "next-internal", methods: "read", match: (r) => isNextInternalRequest(r.headers), respond: () => null },
  { name: "snapshot", methods: "read", match: (r) => r.pathname === SNAPSHOT_PATH, respond: (r) => snapshotResponse(r.method, r.headers) },
  {
    name: "language",
    methods: "read",
    match: (r) => r.search.has(LANGUAGE_PARAM) && publicPageKey(r.pathname, r.search) !== null,
    respond: (r) => languageSwitchResponse(r.method, r.url),
  },
  {
    name: "page",
    methods: "read",
    match: (r) => publicPageKey(r.pathname, r.search) !== null,
    respond: (r) => publicHtmlResponse(r.method, r.headers, r.origin, publicPageKey(r.pathname, r.search)!),
  },
];

/**
 * Answers a public page view, the JSON snapshot, the Statuspage API, a badge, the embed
 * script, /metrics or the demo probes' target from memory, or null when the request is
 * none of them (client-side navigation, assets, other APIs, the internal render itself).
 */
export function publicPageResponse(method: string, url: URL, headers: RequestHeaders, origin: string): Promise<CachedResponse | null> {
  return answer({ method, pathname: url.pathname, url, search: url.searchParams, headers, origin });
}

/**
 * A path that `new URL` leaves as it is: absolute, no %-escapes, dot segments, backslashes,
 * fragments or characters outside printable ASCII.
 */
const PLAIN_PATH = /^\/(?!\/)(?:(?!\/\.)[\x21-\x7e])*$/;
const NEEDS_URL = /[%\\#]/;

const NO_QUERY = new URLSearchParams();

/** The target's path as `new URL(target, origin).pathname` says it, without building a URL when the path is plain (pure). */
export function targetPathname(target: string, url: () => URL): string {
  const query = target.indexOf("?");
  const rawPath = query === -1 ? target : target.slice(0, query);
  return PLAIN_PATH.test(rawPath) && !NEEDS_URL.test(rawPath) ? rawPath : url().pathname;
}

/** publicPageResponse for the server's raw request target, building the URL only when a route reads more than its path. */
export function publicTargetResponse(method: string, target: string, headers: RequestHeaders, origin: string): Promise<CachedResponse | null> {
  let parsed: URL | undefined;
  const url = () => {
    parsed ??= new URL(target, origin);
    return parsed;
  };
  return answer({
    method,
    pathname: targetPathname(target, url),
    get url() {
      return url();
    },
    get search() {
      return target.includes("?") ? url().searchParams : NO_QUERY;
    },
    headers,
    origin,
  });
}

async function answer(request: PublicRequest): Promise<CachedResponse | null> {
  const { method } = request;
  const isRead = method === "GET" || method === "HEAD";
  for (const route of PUBLIC_ROUTES) {
    if (route.methods === "read" && !isRead) continue;
    if (route.match(request)) return route.respond(request);
  }
  return null;
}
