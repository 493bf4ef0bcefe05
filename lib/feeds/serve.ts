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
import { getHomeSnapshot, publicCache } from "../public/snapshot";
import { toFeedEntry } from "./entries";
import { loadFeedSource } from "./queries";
import { FEED_ITEM_LIMIT, renderFeed, selectFeedEntries, type FeedFormat } from "./render";

// RSS and Atom feeds (/feed.rss, /feed.atom, ?component=<slug>), served like the public
// page: each variant is rendered and compressed once per write, in the revision cache,
// then answered from memory with an ETag. server/http-server.ts answers through
// publicPageResponse before Next; app/feed.rss/route.ts and app/feed.atom/route.ts call
// this too (under `next dev`), so both paths send the same bytes.

const FEED_PATHS: Record<string, FeedFormat> = { "/feed.rss": "rss", "/feed.atom": "atom" };
const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};
const TEXT_TYPE = "text/plain; charset=utf-8";
const HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "X-Content-Type-Options": "nosniff",
  // Opened in a browser tab, a feed is a document that may run and load nothing.
  "Content-Security-Policy": "default-src 'none'",
};
const UNKNOWN_COMPONENT = "There is no component with this slug. /feed.rss and /feed.atom list the whole page.\n";

export function feedFormat(pathname: string): FeedFormat | null {
  return FEED_PATHS[pathname] ?? null;
}

export function isFeedPath(pathname: string): boolean {
  return feedFormat(pathname) !== null;
}

type FeedBody = CachedBody & { contentType: string };

function encode(text: string, status: number, contentType: string): FeedBody {
  return { ...encodeCachedBody(text, status), contentType };
}

async function buildFeed(format: FeedFormat, componentSlug: string | null): Promise<FeedBody> {
  const { page, component, incidents } = await loadFeedSource(db(), componentSlug, FEED_ITEM_LIMIT);
  // The component went away since the snapshot that let the request through.
  if (componentSlug !== null && !component) return encode(UNKNOWN_COMPONENT, 404, TEXT_TYPE);
  const channel = {
    pageName: page.name,
    pageUrl: page.url.replace(/\/+$/, ""),
    timeZone: page.timeZone,
    component,
    emptyUpdated: page.createdAt,
  };
  const entries = selectFeedEntries(incidents.map(toFeedEntry), { componentId: component?.id ?? null });
  return encode(renderFeed(format, channel, entries), 200, CONTENT_TYPES[format]);
}

/** Slugs checked against the (in-memory) public snapshot first, so made-up ones never take cache entries. */
async function isKnownSlug(slug: string): Promise<boolean> {
  const { value } = await getHomeSnapshot();
  return value.items.some((item) => (item.type === "component" ? item.component.slug === slug : item.group.components.some((c) => c.slug === slug)));
}

function plain(method: string, status: number, text: string, extra: Record<string, string> = {}): CachedResponse {
  return plainResponse(method, status, text, { ...HEADERS, "Cache-Control": PUBLIC_CACHE_CONTROL, "Content-Type": TEXT_TYPE, ...extra });
}

/** Answers GET or HEAD for a feed URL (see isFeedPath); throws only when there is no data to serve at all. */
export async function feedResponse(method: string, url: { pathname: string; searchParams: URLSearchParams }, headers: RequestHeaders): Promise<CachedResponse> {
  const format = feedFormat(url.pathname);
  if (!format) return plain(method, 404, "Not found.\n");
  const slug = url.searchParams.get("component");
  if (slug !== null && !(await isKnownSlug(slug))) return plain(method, 404, UNKNOWN_COMPONENT);
  // "c:" keeps a component whose slug is "all" apart from the whole-page feed.
  const key = `feed:${format}:${slug === null ? "all" : `c:${slug}`}`;
  const entry = await publicCache().get(key, () => buildFeed(format, slug));
  const { contentType, ...body } = entry.value;
  return respond(method, headers, { ...body, contentType, stale: entry.staleSince !== null, extra: HEADERS });
}

/** When there is no data at all (the database is unreachable and nothing was cached yet). */
function feedUnavailable(method: string): CachedResponse {
  return plain(method, 503, "Status data is temporarily unavailable. Try again shortly.\n", { "Cache-Control": "no-store", "Retry-After": "5" });
}

/** The App Router handler both feed routes export (plain bytes: Next strips Content-Encoding). */
export const feedRouteResponse = cachedRouteHandler("feed", (r) => feedResponse(r.method, r.url, r.headers), feedUnavailable);
