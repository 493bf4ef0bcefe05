import { RENDER_HEADER, renderToken } from "./render-token";
import type { Locale } from "../i18n/locales";
import { chosenLocale, LANGUAGE_COOKIE, languageSwitch, negotiateLocale, readCookie } from "../i18n/negotiate";
import { findComponent, findGroup, getHomeSnapshot, getPageInfo, htmlCacheKey, incidentExists, publicCache, UNKNOWN_INCIDENT_KEY } from "./snapshot";

export { UNKNOWN_INCIDENT_KEY };
import { REVISION_HEADER } from "./live";
export { SNAPSHOT_PATH } from "./live";
import { contentSecurityPolicy } from "../http/csp";
import { inlineScriptHashes } from "../http/script-hashes";
import { lightenPageHtml } from "./light-html";
import { pageScript } from "./page-script";
import { StaleValue } from "./revision-cache";
import { encodeCachedBody, respond, type CachedBody, type CachedResponse, type RequestHeaders } from "../http/cached-response";

// Rendered HTML of the public pages, kept in the same revision cache as the data it
// shows. A burst of visitors during an outage then costs one React render per write
// (or per minute), not one per request, and every response carries validators a
// CDN can use. server/public-routes.ts serves from here before Next sees the request
// (Next strips Content-Encoding from handler responses, so pre-compressed bytes
// must leave through our own server); a miss renders the page once through Next
// itself, with an internal request marked by a per-process token.
//
// Languages: each page is kept once per language it was asked in (the visitor's cookie, else
// Accept-Language, else the page's language: lib/i18n/negotiate.ts), rendered by an internal
// request that carries that language's cookie. Responses say `Vary: Accept-Language, Cookie`
// (and Content-Language), and each variant has its own bytes, so its own ETag.

export { RENDER_HEADER, renderToken };

/** The cache key for a public page, or null when the request is not a cacheable public page view. */
export function publicPageKey(pathname: string, search: URLSearchParams): string | null {
  if (pathname === "/") return "/"; // query strings cannot bust the cache
  if (pathname === "/history") {
    const page = Number(search.get("page") ?? "1");
    return Number.isInteger(page) && page >= 1 && page <= 1200 ? `/history?page=${page}` : null;
  }
  if (/^\/incidents\/[A-Za-z0-9_-]{1,64}$/.test(pathname)) return pathname;
  if (/^\/groups\/[A-Za-z0-9_-]{1,64}$/.test(pathname)) return pathname;
  if (/^\/components\/[a-z0-9-]{1,100}$/.test(pathname)) return pathname;
  if (pathname === "/uptime") {
    const component = search.get("component");
    const page = Number(search.get("page") ?? "1");
    if ((component !== null && !/^[A-Za-z0-9_-]{1,100}$/.test(component)) || !Number.isInteger(page) || page < 1 || page > 100) return null;
    return `/uptime?${component ? `component=${component}&` : ""}page=${page}`;
  }
  return null;
}

/** A rendered page as served from memory, with the policy that lets exactly its own inline scripts run. */
interface RenderedPage extends CachedBody {
  csp: string;
}

/** What a cached page varies on besides the coding: any cache in between must key on these too. */
export const PAGE_VARY = "Accept-Encoding, Accept-Language, Cookie";

/**
 * A page rendered while the snapshot is stale carries the "as of" notice: it is kept as stale
 * too, so it is rendered again once the snapshot is fresh (lib/public/revision-cache.ts).
 * Checked before and after the render, as the snapshot can come back or go stale during it.
 */
async function render(origin: string, key: string, locale: Locale): Promise<RenderedPage | StaleValue<RenderedPage>> {
  const before = (await getHomeSnapshot()).staleSince;
  const page = await renderThroughNext(origin, key, locale);
  const after = publicCache().peekEntry("home")?.staleSince ?? null;
  const since = before !== null ? Date.parse(before) : after;
  return since === null ? page : new StaleValue(page, since);
}

async function renderThroughNext(origin: string, key: string, locale: Locale): Promise<RenderedPage> {
  const response = await fetch(new URL(key, origin), {
    headers: { [RENDER_HEADER]: renderToken(), cookie: `${LANGUAGE_COOKIE}=${locale}` },
    redirect: "manual",
  });
  if (response.status !== 200 && response.status !== 404) throw new Error(`render of ${key} answered ${response.status}`);
  const html = lightenPageHtml(await response.text(), (await pageScript())?.path ?? null);
  const csp = contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html), frameable: true });
  return { ...encodeCachedBody(html, key === UNKNOWN_INCIDENT_KEY ? 404 : response.status), csp };
}

/** The JSON snapshot the page's script polls, from memory. */
export async function snapshotResponse(method: string, headers: RequestHeaders): Promise<CachedResponse> {
  const { value, staleSince } = await getHomeSnapshot();
  return respond(method, headers, {
    ...value.encoded(),
    contentType: "application/json; charset=utf-8",
    stale: staleSince !== null,
    extra: { "Access-Control-Allow-Origin": "*", [REVISION_HEADER]: String(value.revision) },
  });
}

// Browsers send a few distinct Accept-Language strings; each is parsed once. Bounded: cleared when full.
const languageMemo = new Map<string, Locale | null>();
function acceptedLocale(header: string | null): Locale | null {
  if (header === null) return null;
  let locale = languageMemo.get(header);
  if (locale === undefined) {
    locale = negotiateLocale(header);
    if (languageMemo.size >= 256) languageMemo.clear();
    languageMemo.set(header, locale);
  }
  return locale;
}

/** The language a request gets (as resolveLocale decides, with the header's answer memoised). */
function requestedLocale(headers: RequestHeaders, pageLocale: Locale): Locale {
  return chosenLocale(readCookie(headers.get("cookie"), LANGUAGE_COOKIE)) ?? acceptedLocale(headers.get("accept-language")) ?? pageLocale;
}

/** A public page view (key from publicPageKey), rendered once per revision and language through Next at origin. */
export async function publicHtmlResponse(method: string, headers: RequestHeaders, origin: string, requested: string): Promise<CachedResponse | null> {
  // An unknown group or component is Next's 404 (rare: only a stale link), not a cache entry per made-up id.
  if (requested.startsWith("/groups/") && !findGroup((await getHomeSnapshot()).value, requested.slice("/groups/".length))) return null;
  if (requested.startsWith("/components/") && !findComponent((await getHomeSnapshot()).value, requested.slice("/components/".length))) return null;
  const uptimeOf = requested.startsWith("/uptime?component=") ? requested.slice("/uptime?component=".length).split("&")[0]! : null;
  if (uptimeOf !== null && !findComponent((await getHomeSnapshot()).value, uptimeOf, { byId: true })) return null;
  const incidentId = requested.startsWith("/incidents/") ? requested.slice("/incidents/".length) : null;
  const key = incidentId !== null && !(await incidentExists(incidentId)) ? UNKNOWN_INCIDENT_KEY : requested;
  const locale = requestedLocale(headers, (await getPageInfo()).locale);
  const entry = await publicCache().get(htmlCacheKey(key, locale), () => render(origin, key, locale));
  return respond(method, headers, {
    ...entry.value,
    contentType: "text/html; charset=utf-8",
    stale: entry.staleSince !== null,
    extra: { "Content-Security-Policy": entry.value.csp, Vary: PAGE_VARY, "Content-Language": locale },
  });
}

/** The switcher's `?lang=` on a cached page: keep the choice in a cookie and send the visitor back without it (never cached). */
export function languageSwitchResponse(method: string, url: URL): CachedResponse | null {
  const choice = languageSwitch(url);
  if (!choice) return null;
  return {
    status: 303,
    headers: { Location: choice.location, "Set-Cookie": choice.setCookie, "Cache-Control": "no-store", "Content-Length": "0" },
    body: method === "HEAD" ? null : Buffer.alloc(0),
  };
}

/** Next's own requests: the internal render, client-side navigation and prefetches go to Next. */
export function isNextInternalRequest(headers: RequestHeaders): boolean {
  return headers.get(RENDER_HEADER) === renderToken() || headers.get("rsc") !== null || headers.get("next-router-prefetch") !== null;
}
