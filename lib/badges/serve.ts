import {
  cachedRouteHandler,
  encodeCachedBody,
  plainResponse,
  respond,
  type CachedBody,
  type CachedResponse,
  type RequestHeaders,
} from "../http/cached-response";
import { StaleValue } from "../public/revision-cache";
import { getHomeSnapshot, publicCache } from "../public/snapshot";
import { badgeData, badgeFor, badgeRequestKey, NO_DATA_COLOR, parseBadgeRequest, type BadgeData, type BadgeRequest } from "./badge";

export { isBadgePath } from "./badge";
import { renderBadge } from "./svg";

// SVG badges (/badge.svg, /badge/<slug>.svg), served like the public page: one cache
// entry per write holds the data every badge reads, plus each variant's bytes,
// rendered and compressed on first request. server/http-server.ts answers through
// publicPageResponse before Next; app/badge.svg/route.ts and app/badge/[slug]/route.ts
// call this too (under `next dev`), so both paths send the same bytes.

const CACHE_KEY = "badges";
// ?label= makes the variants unbounded; past this many per write, render without keeping.
const MAX_VARIANTS = 500;
// Image proxies (GitHub's camo) and CDNs may keep a badge for a minute.
export const BADGE_CACHE_CONTROL = "public, max-age=60, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400";
const SVG_TYPE = "image/svg+xml; charset=utf-8";
const HEADERS = {
  "Cache-Control": BADGE_CACHE_CONTROL,
  "Access-Control-Allow-Origin": "*",
  "Cross-Origin-Resource-Policy": "cross-origin",
  // The SVG is an image: opened on its own it may run nothing.
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  "X-Content-Type-Options": "nosniff",
};

class BadgeSet {
  private readonly bodies = new Map<string, CachedBody>();

  constructor(
    private readonly data: BadgeData,
    readonly stale: boolean,
  ) {}

  body(request: BadgeRequest): CachedBody {
    const key = badgeRequestKey(request);
    const known = this.bodies.get(key);
    if (known) return known;
    const { status, spec } = badgeFor(this.data, request);
    const cached = encodeCachedBody(renderBadge(spec), status);
    if (this.bodies.size < MAX_VARIANTS) this.bodies.set(key, cached);
    return cached;
  }
}

/** From the home snapshot; kept as stale while it is, so the badges follow it back (lib/public/revision-cache.ts). */
async function buildBadgeSet(): Promise<BadgeSet | StaleValue<BadgeSet>> {
  const { value, staleSince } = await getHomeSnapshot();
  const badges = new BadgeSet(badgeData(value), staleSince !== null);
  return staleSince === null ? badges : new StaleValue(badges, Date.parse(staleSince));
}

/** Answers GET or HEAD for a badge URL (see isBadgePath). */
export async function badgeResponse(
  method: string,
  url: { pathname: string; searchParams: URLSearchParams },
  headers: RequestHeaders,
): Promise<CachedResponse> {
  const request = parseBadgeRequest(url.pathname, url.searchParams);
  const entry = await publicCache().get(CACHE_KEY, buildBadgeSet);
  return respond(method, headers, {
    ...entry.value.body(request),
    contentType: SVG_TYPE,
    stale: entry.staleSince !== null || entry.value.stale,
    extra: HEADERS,
  });
}

/** When there is no data at all (the database is unreachable and nothing was cached yet): still an image. */
function badgeUnavailable(method: string): CachedResponse {
  const svg = renderBadge({ label: "status", message: "unavailable", color: NO_DATA_COLOR, style: "flat" });
  return plainResponse(method, 503, svg, { ...HEADERS, "Cache-Control": "no-store", "Content-Type": SVG_TYPE, "Retry-After": "5" });
}

/** The App Router handler both badge routes export (plain bytes: Next strips Content-Encoding). */
export const badgeRouteResponse = cachedRouteHandler("badge", (r) => badgeResponse(r.method, r.url, r.headers), badgeUnavailable);
