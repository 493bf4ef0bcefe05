import { z } from "zod";
import type { ProbeOutcome } from "../result";

// Probe results summed per hour and per day (pure; stored by rollup-store.ts as
// ProbeRollup rows). A rollup counts checks by outcome and keeps a latency histogram
// over fixed buckets, so rollups merge by adding (hours into a day, regions and probes
// into one chart bucket) and p50/p95 come out of any merge.
//
// Latency (sum, max, histogram) covers answered checks only (ok and degraded), like
// the response-time chart: a failed check's latency is mostly its timeout. The sum
// fits an Int column: a probe never overlaps itself per region, so a day's sum is at
// most 86,400,000 ms.

/**
 * Upper bounds (exclusive, ms) of the latency buckets: 1-2-2.5-3-4-5-6-8 per decade from
 * 1 ms to 60 s (neighbours at most 4/3 apart), then one bucket for 60 s and above.
 * Never edit: stored histograms are counts by index into this list.
 */
export const LATENCY_BOUNDS_MS: readonly number[] = [
  1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 125, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1250, 1500, 2000, 2500, 3000, 4000, 5000,
  6000, 8000, 10_000, 12_500, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000, 60_000,
];
export const BUCKET_COUNT = LATENCY_BOUNDS_MS.length + 1;

export interface Rollup {
  ok: number;
  degraded: number;
  failed: number;
  /** Sum and maximum of answered checks' latencies. */
  latencySumMs: number;
  latencyMaxMs: number;
  /** Answered checks per latency bucket; always BUCKET_COUNT long in memory. */
  histogram: number[];
}

export function emptyRollup(): Rollup {
  return { ok: 0, degraded: 0, failed: 0, latencySumMs: 0, latencyMaxMs: 0, histogram: new Array<number>(BUCKET_COUNT).fill(0) };
}

/** The bucket a latency falls in: the first whose upper bound is above it. */
export function bucketIndex(latencyMs: number): number {
  let lo = 0;
  let hi = LATENCY_BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (latencyMs < LATENCY_BOUNDS_MS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Adds one check into `into` (an accumulator: it is changed and returned). */
export function addResult(into: Rollup, result: { outcome: ProbeOutcome; latencyMs: number }): Rollup {
  into[result.outcome]++;
  if (result.outcome === "failed") return into;
  into.latencySumMs += result.latencyMs;
  into.latencyMaxMs = Math.max(into.latencyMaxMs, result.latencyMs);
  into.histogram[bucketIndex(result.latencyMs)]!++;
  return into;
}

/** Adds `other` into `into` (changed and returned), e.g. `hours.reduce(mergeRollups, emptyRollup())`. */
export function mergeRollups(into: Rollup, other: Rollup): Rollup {
  into.ok += other.ok;
  into.degraded += other.degraded;
  into.failed += other.failed;
  into.latencySumMs += other.latencySumMs;
  into.latencyMaxMs = Math.max(into.latencyMaxMs, other.latencyMaxMs);
  for (let i = 0; i < BUCKET_COUNT; i++) into.histogram[i]! += other.histogram[i] ?? 0;
  return into;
}

/** Answered checks (those with a latency in the histogram). */
export function answered(rollup: Rollup): number {
  return rollup.ok + rollup.degraded;
}

/**
 * The p-th percentile (p in (0, 100]) of answered checks' latencies, estimated from the
 * histogram; NaN when none answered. It takes the same rank as the exact nearest-rank
 * percentile (latency.ts), so it lies in the bucket holding the exact value. Latencies
 * are whole milliseconds, so bucket [lo, hi) holds lo … hi−1, and the rank's values
 * are taken as spread evenly over that range; in the highest occupied bucket over
 * lo … max, ending at the maximum (one check there is exactly the maximum). So it is
 * exact below 6 ms and for the top check, and off by less than a third of the exact
 * value elsewhere (at 60 s and beyond, by less than max − 60 s).
 */
export function percentile(rollup: Rollup, p: number): number {
  const total = rollup.histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return NaN;
  const rank = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)));
  let before = 0;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    const count = rollup.histogram[i]!;
    if (before + count < rank) {
      before += count;
      continue;
    }
    const k = rank - before;
    const lo = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
    if (before + count === total) return lo + (k / count) * (Math.max(lo, rollup.latencyMaxMs) - lo);
    return lo + ((k - 0.5) / count) * (LATENCY_BOUNDS_MS[i]! - 1 - lo);
  }
  return NaN; // unreachable: the counts add up to total
}

const StoredHistogram = z.array(z.number().int().nonnegative()).max(BUCKET_COUNT);

/** The histogram column: a JSON array of counts by bucket, trailing zeros left out. */
export function encodeHistogram(histogram: readonly number[]): string {
  let end = histogram.length;
  while (end > 0 && histogram[end - 1] === 0) end--;
  return JSON.stringify(histogram.slice(0, end));
}

export function decodeHistogram(text: string): number[] {
  const counts = StoredHistogram.parse(JSON.parse(text));
  return [...counts, ...new Array<number>(BUCKET_COUNT - counts.length).fill(0)];
}
