import { db } from "../db";
import { env } from "../env";
import { encodeCachedBody, type CachedBody } from "../http/cached-response";
import { currentRevision } from "../page/revision";
import { addMonths, groupByPeriod } from "../time/periods";
import { addDays, startOfZonedDay, zonedDayKey } from "../time/zoned";
import { buildSnapshot, toIncidentView, UPTIME_DAYS } from "./build-snapshot";
import { getLatencyByComponent } from "./latency";
import { loadFirstIncidentStart, loadIncidentIds, loadIncidentsBetween, loadPageSetting, loadStatusRows } from "./queries";
import { loadIncident } from "../incidents/read";
import { signingSecret } from "../page/signing";
import { RevisionCache, type StaleValue } from "./revision-cache";
import { latencyChartSvg } from "./latency-svg";
import type { ComponentView, GroupView, IncidentView, PageInfo, PublicSnapshot } from "./types";
import { reportError } from "../db-reachability";
import { LOCALES, type Locale } from "../i18n/locales";

/** Every unknown incident id's page is this one rendered 404 (an id no incident can have: ids have no "~"). */
export const UNKNOWN_INCIDENT_KEY = "/incidents/~unknown";

/** A rendered page's cache entry: one per page and language. */
export function htmlCacheKey(page: string, locale: Locale): string {
  return `html:${page}|${locale}`;
}

const globalForCache = globalThis as unknown as { vigilPublicCache?: RevisionCache };

export function publicCache(): RevisionCache {
  globalForCache.vigilPublicCache ??= new RevisionCache({
    readRevision: () => currentRevision(db()),
    pollMs: env().SNAPSHOT_POLL_MS,
    maxAgeMs: 60_000,
    maxEntries: 500,
    // The home page and the unknown-incident page in every language: a flood of other keys cannot push them out.
    keep: new Set(["home", "incident-ids", "signing-secret", ...LOCALES.flatMap((l) => [htmlCacheKey("/", l), htmlCacheKey(UNKNOWN_INCIDENT_KEY, l)])]),
    onError: (error) => reportError(error, "public snapshot refresh"),
  });
  return globalForCache.vigilPublicCache;
}

/** Call after any write the public page shows (the revision bump covers other instances). */
export function invalidatePublicSnapshot(): void {
  globalForCache.vigilPublicCache?.invalidate();
}

export interface Served<T> {
  value: T;
  /** ISO time of the last good build when the database could not be reached since. */
  staleSince: string | null;
}

/** A cached read of the public path (one entry per key and revision), with its staleness. */
export async function served<T>(key: string, load: () => Promise<T | StaleValue<T>>): Promise<Served<T>> {
  const entry = await publicCache().get(key, load);
  return { value: entry.value, staleSince: entry.staleSince ? new Date(entry.staleSince).toISOString() : null };
}

export interface HomeSnapshot extends PublicSnapshot {
  /**
   * The snapshot as JSON bytes, compressed and with its ETag: made on the first request for
   * them, once per build. Not made with the snapshot itself, as the page and the other
   * presenters never need them (at 1,000 components they are 9 MB to keep and compress).
   */
  encoded(): CachedBody;
  /** A component's response-time chart as an SVG image (lib/public/latency-svg.ts), made on first request, once per build; null when it has none. */
  latencyImage(slug: string, window: "day" | "week"): CachedBody | null;
}

export function getHomeSnapshot(): Promise<Served<HomeSnapshot>> {
  return served("home", async () => {
    const now = new Date();
    const timeZone = (await loadPageSetting(db())).timeZone;
    const since = startOfZonedDay(addDays(zonedDayKey(now, timeZone), -UPTIME_DAYS), timeZone);
    // The charts' data has its own, slower refresh (at most once a minute; see latency.ts).
    const [rows, latency] = await Promise.all([loadStatusRows(db(), since), getLatencyByComponent(db(), now)]);
    const snapshot = buildSnapshot(rows, now, latency);
    let encoded: CachedBody | undefined;
    const images = new Map<string, CachedBody | null>();
    const latencyImage = (slug: string, window: "day" | "week"): CachedBody | null => {
      const key = `${slug}|${window}`;
      if (!images.has(key)) {
        const series = findComponent(snapshot, slug)?.latency?.[window];
        images.set(key, series ? encodeCachedBody(latencyChartSvg(series)) : null);
      }
      return images.get(key)!;
    };
    return { ...snapshot, encoded: () => (encoded ??= encodeCachedBody(JSON.stringify(snapshot))), latencyImage };
  });
}

/**
 * The page's signing secret for the public subscribe form, from the same cache: the form
 * renders while the database is away (the secret never changes; start creates it).
 */
export function getPublicSigningSecret(): Promise<string> {
  return served("signing-secret", () => signingSecret(db())).then((s) => s.value);
}

/**
 * Whether the page's public URL is https, from the snapshot already in memory (false before
 * its first build): the server adds HSTS only then, so a plain-http install is never pinned.
 */
export function publicUrlIsHttps(): boolean {
  const fromEnv = env().PUBLIC_URL;
  if (fromEnv) return fromEnv.startsWith("https://");
  return globalForCache.vigilPublicCache?.peek<HomeSnapshot>("home")?.page.url.startsWith("https://") ?? false;
}

/** A group of the page by id, from the snapshot (null when there is none). */
export function findGroup(snapshot: PublicSnapshot, id: string): GroupView | null {
  for (const item of snapshot.items) if (item.type === "group" && item.group.id === id) return item.group;
  return null;
}

/** A component of the page by slug (or id too, with `byId`), from the snapshot (null when there is none). */
export function findComponent(snapshot: PublicSnapshot, key: string, { byId = false } = {}): ComponentView | null {
  const matches = (c: ComponentView) => c.slug === key || (byId && c.id === key);
  for (const item of snapshot.items) {
    if (item.type === "component" && matches(item.component)) return item.component;
    if (item.type === "group") for (const c of item.group.components) if (matches(c)) return c;
  }
  return null;
}

export function getPageInfo(): Promise<PageInfo> {
  return getHomeSnapshot().then((s) => s.value.page);
}

/**
 * Whether an incident (or maintenance) with this id exists, from one cached set per revision:
 * a flood of made-up ids costs no query and no cache entry each (negative caching).
 */
export async function incidentExists(id: string): Promise<boolean> {
  return (await served("incident-ids", () => loadIncidentIds(db()))).value.has(id);
}

export async function getIncidentView(id: string): Promise<Served<IncidentView | null>> {
  if (!(await incidentExists(id))) return { value: null, staleSince: null };
  return served(`incident:${id}`, async () => {
    const row = await loadIncident(db(), id);
    return row ? toIncidentView(row) : null;
  });
}

export interface HistoryPage {
  months: { month: string; incidents: IncidentView[] }[];
  page: number;
  hasOlder: boolean;
}

export const MONTHS_PER_HISTORY_PAGE = 3;

/** Page 1 is the current quarter-ish: the 3 most recent months; older pages go back to the first incident. */
export function getHistoryPage(page: number): Promise<Served<HistoryPage>> {
  return served(`history:${page}`, async () => {
    const { timeZone } = await getPageInfo();
    const thisMonth = zonedDayKey(new Date(), timeZone).slice(0, 7);
    const monthKey = (offset: number) => addMonths(thisMonth, -offset);
    const newest = (page - 1) * MONTHS_PER_HISTORY_PAGE;
    const months = Array.from({ length: MONTHS_PER_HISTORY_PAGE }, (_, i) => monthKey(newest + i));
    const from = startOfZonedDay(`${months.at(-1)}-01`, timeZone);
    const to = startOfZonedDay(`${monthKey(newest - 1)}-01`, timeZone);
    const [rows, first] = await Promise.all([loadIncidentsBetween(db(), from, to), loadFirstIncidentStart(db())]);
    const views = rows.map(toIncidentView);
    return {
      page,
      hasOlder: first !== null && first < from,
      months: groupByPeriod(views, (v) => v.startedAt, { timeZone, unit: "month", keys: months, outside: "drop" }).map(({ key, items }) => ({
        month: key,
        incidents: items,
      })),
    };
  });
}
