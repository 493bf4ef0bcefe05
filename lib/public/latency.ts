import type { DbOrTx } from "../db";
import { bucketStarts, latencyStat, type BucketWindow, type LatencyStat } from "../probes/history/latency";
import { addResult, emptyRollup, mergeRollups, type Rollup } from "../probes/history/rollup";
import { fromRow, rolledUpUntil, SETTLE_MS } from "../probes/history/rollup-store";
import { reportError } from "../db-reachability";

// Response-time series for the public page (p50 and p95 per hour over 24 h, per 6 hours
// over 7 d), built into the home snapshot so page views never query for them.
//
// Sources: hours already rolled up (lib/probes/history/rollup-store.ts, every 5 minutes) are
// read from their hour rows, one per probe and region; later hours (normally just the
// current one) from raw results. Either way a bucket's p50 and p95 are estimated from
// its latency histogram (lib/probes/history/latency.ts), so the numbers do not depend on how far
// the rollups have got.
//
// Freshness: results arrive every few seconds, but the snapshot is rebuilt only on
// writes and at least once a minute (publicCache's maxAgeMs). Rather than bump the
// revision for every result, the chart follows the snapshot, and this loader runs at
// most once per REFRESH_MS however often the snapshot is rebuilt: a chart is at most
// about two minutes behind. Each run reads only the buckets still open (the current
// six hours); closed buckets are computed once and kept (results are never edited),
// so the first build reads 7 days of hour rows and later ones a few hours.

const HOUR = 3_600_000;
export const DAY_WINDOW: BucketWindow = { bucketMs: HOUR, count: 24 };
export const WEEK_WINDOW: BucketWindow = { bucketMs: 6 * HOUR, count: 28 };
export const REFRESH_MS = 60_000;
/**
 * A chart mixes one kind of probe only: HTTP timings before gRPC, WebSocket, TCP connects,
 * ICMP, DNS, mail, TLS. Heartbeats are never charted: their "latency" is the job's duration.
 */
const KIND_PRIORITY = ["http", "grpc", "websocket", "tcp", "icmp", "dns", "mail", "tls"];

export interface LatencySeriesView {
  /** ISO start of the first bucket. */
  start: string;
  bucketMinutes: number;
  /** Whole milliseconds per bucket, oldest first; null where no check answered. */
  p50: Array<number | null>;
  p95: Array<number | null>;
}

export interface ComponentLatency {
  day: LatencySeriesView;
  week: LatencySeriesView;
}

/** The probes whose results make each component's chart: its enabled probes of the highest-priority kind it has. */
export function chartProbes(probes: ReadonlyArray<{ id: string; componentId: string; kind: string }>): Map<string, string[]> {
  const byComponent = new Map<string, { rank: number; ids: string[] }>();
  for (const p of probes) {
    const rank = KIND_PRIORITY.indexOf(p.kind);
    if (rank < 0) continue;
    const current = byComponent.get(p.componentId);
    if (!current || rank < current.rank) byComponent.set(p.componentId, { rank, ids: [p.id] });
    else if (rank === current.rank) current.ids.push(p.id);
  }
  return new Map([...byComponent].map(([componentId, { ids }]) => [componentId, ids.sort()]));
}

type StatsByComponent = Map<string, LatencyStat>;
const bucketKey = (window: BucketWindow, start: number) => `${window.bucketMs}:${start}`;

export class LatencyLoader {
  /** Closed buckets only: bucketKey -> component -> stat. */
  private readonly memo = new Map<string, StatsByComponent>();
  private selection = "";

  async load(db: DbOrTx, now: Date): Promise<Map<string, ComponentLatency>> {
    const probes = await db.probe.findMany({ where: { enabled: true }, select: { id: true, componentId: true, kind: true } });
    const chart = chartProbes(probes);
    const selection = JSON.stringify([...chart].sort(([a], [b]) => a.localeCompare(b)));
    // Another set of probes makes other numbers: start over (rare: staff changed probes).
    if (selection !== this.selection) {
      this.memo.clear();
      this.selection = selection;
    }
    if (chart.size === 0) return new Map();
    const componentOf = new Map([...chart].flatMap(([componentId, ids]) => ids.map((id) => [id, componentId] as const)));
    // A bucket is closed once every check started in it is stored.
    const isClosed = (window: BucketWindow, start: number) => start + window.bucketMs + SETTLE_MS <= now.getTime();

    const weekStarts = bucketStarts(now, WEEK_WINDOW);
    const dayStarts = bucketStarts(now, DAY_WINDOW);
    const todo = weekStarts.filter((w) => {
      const hours = dayStarts.filter((h) => h >= w && h < w + WEEK_WINDOW.bucketMs);
      return !(this.memo.has(bucketKey(WEEK_WINDOW, w)) && hours.every((h) => this.memo.has(bucketKey(DAY_WINDOW, h))));
    });
    const open = new Map<string, StatsByComponent>();
    // Raw results before `rolled` are in hour rows (and may be pruned); later ones are not.
    const rolled = todo.length ? (await rolledUpUntil(db, now)).getTime() : 0;
    const probeIds = [...componentOf.keys()];
    for (const w of todo) {
      const end = w + WEEK_WINDOW.bucketMs;
      // One six-hour bucket at a time keeps memory bounded on the first build.
      const byHour = new Map<number, Map<string, Rollup>>();
      const at = (hour: number, componentId: string) => {
        const components = byHour.get(hour) ?? byHour.set(hour, new Map()).get(hour)!;
        return components.get(componentId) ?? components.set(componentId, emptyRollup()).get(componentId)!;
      };
      if (w < rolled) {
        const rows = await db.probeRollup.findMany({
          where: { period: "hour", probeId: { in: probeIds }, start: { gte: new Date(w), lt: new Date(Math.min(end, rolled)) } },
        });
        for (const row of rows) {
          const componentId = componentOf.get(row.probeId);
          if (componentId) mergeRollups(at(row.start.getTime(), componentId), fromRow(row));
        }
      }
      if (end > rolled) {
        const rows = await db.probeResult.findMany({
          where: { probeId: { in: probeIds }, startedAt: { gte: new Date(Math.max(w, rolled)), lt: new Date(end) }, outcome: { in: ["ok", "degraded"] } },
          select: { probeId: true, startedAt: true, latencyMs: true },
        });
        for (const r of rows) {
          const componentId = componentOf.get(r.probeId);
          // Only answered checks were read; the chart uses the histogram, not the outcome counts.
          if (componentId) addResult(at(Math.floor(r.startedAt.getTime() / HOUR) * HOUR, componentId), { outcome: "ok", latencyMs: r.latencyMs });
        }
      }
      const store = (window: BucketWindow, start: number, rollups: ReadonlyMap<string, Rollup>) => {
        const stats: StatsByComponent = new Map();
        for (const [componentId, rollup] of rollups) {
          const stat = latencyStat(rollup);
          if (stat) stats.set(componentId, stat);
        }
        (isClosed(window, start) ? this.memo : open).set(bucketKey(window, start), stats);
      };
      const week = new Map<string, Rollup>();
      for (const components of byHour.values()) {
        for (const [componentId, rollup] of components) mergeRollups(week.get(componentId) ?? week.set(componentId, emptyRollup()).get(componentId)!, rollup);
      }
      store(WEEK_WINDOW, w, week);
      for (const h of dayStarts) if (h >= w && h < end) store(DAY_WINDOW, h, byHour.get(h) ?? new Map());
    }
    const wanted = new Set([...weekStarts.map((w) => bucketKey(WEEK_WINDOW, w)), ...dayStarts.map((h) => bucketKey(DAY_WINDOW, h))]);
    for (const key of this.memo.keys()) if (!wanted.has(key)) this.memo.delete(key);

    const series = (componentId: string, window: BucketWindow, starts: number[]): LatencySeriesView => {
      const stats = starts.map((s) => (this.memo.get(bucketKey(window, s)) ?? open.get(bucketKey(window, s)))?.get(componentId) ?? null);
      return {
        start: new Date(starts[0]!).toISOString(),
        bucketMinutes: window.bucketMs / 60_000,
        p50: stats.map((s) => s?.p50 ?? null),
        p95: stats.map((s) => s?.p95 ?? null),
      };
    };
    const views = new Map<string, ComponentLatency>();
    for (const componentId of chart.keys()) {
      const week = series(componentId, WEEK_WINDOW, weekStarts);
      if (week.p50.every((v) => v === null)) continue; // no answered check in 7 days: no chart
      views.set(componentId, { day: series(componentId, DAY_WINDOW, dayStarts), week });
    }
    return views;
  }
}

interface LatencyState {
  loader: LatencyLoader;
  value: Map<string, ComponentLatency> | null;
  builtAt: number;
  pending: Promise<Map<string, ComponentLatency>> | null;
}

// On globalThis: server/http-server.ts and Next's bundles each build snapshots with their own module copies.
const globalForLatency = globalThis as unknown as { vigilLatency?: LatencyState };

/**
 * The charts' data, reloaded at most once per REFRESH_MS. Never fails the snapshot:
 * on an error the previous series (or none) are served and the next build retries.
 */
export async function getLatencyByComponent(db: DbOrTx, now = new Date()): Promise<Map<string, ComponentLatency>> {
  const state = (globalForLatency.vigilLatency ??= { loader: new LatencyLoader(), value: null, builtAt: -Infinity, pending: null });
  if (state.value && now.getTime() - state.builtAt < REFRESH_MS) return state.value;
  state.pending ??= state.loader
    .load(db, now)
    .then((value) => {
      state.value = value;
      state.builtAt = now.getTime();
      return value;
    })
    .catch((error: unknown) => {
      reportError(error, "response-time chart data");
      return state.value ?? new Map<string, ComponentLatency>();
    })
    .finally(() => {
      state.pending = null;
    });
  return state.pending;
}
