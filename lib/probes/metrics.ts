import { histogramSamples, registerCollector, type MetricFamily } from "../prometheus/registry";
import type { ProbeOutcome, ProbeResult } from "./result";

// Prometheus metrics of the checks this process ran since it started (counters reset
// on restart, which Prometheus' rate() expects):
//   vigil_probe_duration_seconds{probe,name,component,region}        histogram
//   vigil_probe_checks_total{probe,name,component,region,result}     counter, result = ok | degraded | failed
//   vigil_probe_slots_skipped_total{probe,name,component,region,reason} counter, reason = overlap | behind
//   vigil_probe_checks_late_total{probe,name,component,region}       counter: started over a second late
// Kept on globalThis: the worker (Next's bundle) records, and a scrape may be served by
// server/http-server.ts's copy of the modules.

export const DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

export interface CheckLabels {
  probe: string;
  name: string;
  component: string;
  region: string;
}

/** Why a slot was skipped: the probe's previous check was still running, or the worker fell behind (its time passed before it could start). */
export const SKIP_REASONS = ["overlap", "behind"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

interface Series {
  labels: CheckLabels;
  /** Per-bucket (not cumulative) counts, one per DURATION_BUCKETS entry. */
  buckets: number[];
  sum: number;
  count: number;
  results: Record<ProbeOutcome, number>;
  skipped: Record<SkipReason, number>;
  late: number;
}

const globalForMetrics = globalThis as unknown as { vigilProbeMetrics?: Map<string, Series> };

function store(): Map<string, Series> {
  globalForMetrics.vigilProbeMetrics ??= new Map();
  return globalForMetrics.vigilProbeMetrics;
}

function seriesFor(labels: CheckLabels): Series {
  const key = `${labels.probe}\u0000${labels.region}`;
  let series = store().get(key);
  if (!series) {
    series = {
      labels,
      buckets: DURATION_BUCKETS.map(() => 0),
      sum: 0,
      count: 0,
      results: { ok: 0, degraded: 0, failed: 0 },
      skipped: { overlap: 0, behind: 0 },
      late: 0,
    };
    store().set(key, series);
  }
  // A renamed probe or component keeps its counts (a counter must not go backwards).
  series.labels = labels;
  return series;
}

export function observeCheck(labels: CheckLabels, result: Pick<ProbeResult, "outcome" | "errorClass" | "latencyMs">): void {
  // A cancelled check says nothing about the target.
  if (result.errorClass === "aborted") return;
  const series = seriesFor(labels);
  const seconds = result.latencyMs / 1000;
  const bucket = DURATION_BUCKETS.findIndex((le) => seconds <= le);
  if (bucket >= 0) series.buckets[bucket]! += 1;
  series.sum += seconds;
  series.count += 1;
  series.results[result.outcome] += 1;
}

export function observeSkippedSlots(labels: CheckLabels, reason: SkipReason, count = 1): void {
  if (count > 0) seriesFor(labels).skipped[reason] += count;
}

export function observeLateCheck(labels: CheckLabels): void {
  seriesFor(labels).late += 1;
}

/** Drops series of probes that no longer exist (called when the worker reloads). */
export function retainProbeMetrics(probeIds: ReadonlySet<string>): void {
  for (const [key, series] of store()) if (!probeIds.has(series.labels.probe)) store().delete(key);
}

export function resetProbeMetrics(): void {
  store().clear();
}

export function probeMetricFamilies(): MetricFamily[] {
  const all = [...store().values()].sort(
    (a, b) =>
      a.labels.component.localeCompare(b.labels.component) || a.labels.probe.localeCompare(b.labels.probe) || a.labels.region.localeCompare(b.labels.region),
  );
  return [
    {
      name: "vigil_probe_duration_seconds",
      help: "Duration of probe checks run by this process, in seconds.",
      type: "histogram",
      samples: all.flatMap((s) => {
        let cumulative = 0;
        return histogramSamples({
          labels: { ...s.labels },
          buckets: DURATION_BUCKETS.map((le, i) => ({ le, count: (cumulative += s.buckets[i]!) })),
          sum: Math.round(s.sum * 1000) / 1000,
          count: s.count,
        });
      }),
    },
    {
      name: "vigil_probe_checks_total",
      help: "Probe checks run by this process, by result (ok, degraded, failed).",
      type: "counter",
      samples: all.flatMap((s) => (["ok", "degraded", "failed"] as const).map((result) => ({ labels: { ...s.labels, result }, value: s.results[result] }))),
    },
    {
      name: "vigil_probe_slots_skipped_total",
      help: "Probe slots this process skipped: overlap (the previous check was still running) or behind (the worker fell behind).",
      type: "counter",
      samples: all.flatMap((s) => SKIP_REASONS.map((reason) => ({ labels: { ...s.labels, reason }, value: s.skipped[reason] }))),
    },
    {
      name: "vigil_probe_checks_late_total",
      help: "Probe checks this process started more than a second after they were due.",
      type: "counter",
      samples: all.map((s) => ({ labels: { ...s.labels }, value: s.late })),
    },
  ];
}

/** Adds the probe metrics to /metrics (registering twice is harmless). */
export function registerProbeMetrics(): void {
  registerCollector("probes", probeMetricFamilies);
}
