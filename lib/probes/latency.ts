// Response-time percentiles per time bucket, for the public chart (pure; the loader
// with its cache is lib/public/latency.ts). Buckets are aligned to UTC multiples of
// their size, so every instance and every rebuild cuts time the same way, and a bucket
// that has closed never changes: the loader computes it once.

export interface LatencySample {
  /** Epoch milliseconds of the check's start. */
  at: number;
  latencyMs: number;
}

export interface LatencyStat {
  p50: number;
  p95: number;
  count: number;
}

/** Nearest-rank percentile of ascending values (p in (0, 100]); NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50 and p95 (whole milliseconds) of a bucket's latencies, or null when it has none. */
export function latencyStat(latencies: readonly number[]): LatencyStat | null {
  if (latencies.length === 0) return null;
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), count: sorted.length };
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

/** Samples grouped by the bucket (start, epoch ms) they fall in; samples outside the window are dropped. */
export function groupByBucket(samples: Iterable<LatencySample>, starts: readonly number[], bucketMs: number): Map<number, number[]> {
  const groups = new Map<number, number[]>(starts.map((s) => [s, []]));
  for (const sample of samples) {
    const start = Math.floor(sample.at / bucketMs) * bucketMs;
    groups.get(start)?.push(sample.latencyMs);
  }
  return groups;
}

/** One stat per bucket (null where a bucket has no samples), in time order. */
export function bucketLatencies(samples: Iterable<LatencySample>, end: Date, window: BucketWindow): Array<LatencyStat | null> {
  const starts = bucketStarts(end, window);
  const groups = groupByBucket(samples, starts, window.bucketMs);
  return starts.map((s) => latencyStat(groups.get(s) ?? []));
}
