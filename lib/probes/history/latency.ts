import { answered, percentile as estimate, type Rollup } from "./rollup";

// Response-time percentiles per time bucket, for the public chart (pure; the loader
// with its cache is lib/public/latency.ts). Buckets are aligned to UTC multiples of
// their size, so every instance and every rebuild cuts time the same way, and a bucket
// that has closed never changes: the loader computes it once.
//
// A bucket's p50 and p95 always come from a latency histogram (rollup.ts), whether its
// checks were read as raw results or as hour rollups: both give the same histogram, so
// the chart does not move when an hour is rolled up, and instances agree.

export interface LatencyStat {
  p50: number;
  p95: number;
  count: number;
}

/** Exact nearest-rank percentile of ascending values (p in (0, 100]); NaN for none. The estimates follow its rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50 and p95 (whole milliseconds) of a bucket's answered checks, or null when none answered. */
export function latencyStat(rollup: Rollup): LatencyStat | null {
  const count = answered(rollup);
  if (count === 0) return null;
  return { p50: Math.round(estimate(rollup, 50)), p95: Math.round(estimate(rollup, 95)), count };
}

export interface BucketWindow {
  bucketMs: number;
  count: number;
}

/** Start times (epoch ms) of the `count` buckets ending with the one that contains `end`. */
export function bucketStarts(end: Date, { bucketMs, count }: BucketWindow): number[] {
  const last = Math.floor(end.getTime() / bucketMs) * bucketMs;
  return Array.from({ length: count }, (_, i) => last - (count - 1 - i) * bucketMs);
}
