// What a worker did since it was last asked: for its once-a-minute log line
// (scripts/worker.ts) and the benchmark (scripts/bench/probes.ts).
//
// Lag is how late a check started: its actual start minus its planned start (its
// slot plus jitter). It includes waiting for the slot's claim and for a free place
// under PROBE_CONCURRENCY, so it is the number that says whether the schedule keeps up.

export interface WorkerStats {
  /** Checks run and handed to the writer. */
  checks: number;
  /** Of those, failed ones (the target's problem, not the worker's). */
  failed: number;
  /** Slots another process of the same region had claimed first. */
  claimedElsewhere: number;
  /** Slots skipped because the probe's previous check was still running. */
  overlapped: number;
  /** Slots skipped because the worker fell behind (their time passed before they could start). */
  behind: number;
  /** Checks that started over a second after they were due. */
  late: number;
  /** Failures to claim, run or record (the worker's problem). */
  errors: number;
  /** Start lag of each check, in ms. */
  lagsMs: number[];
}

export function emptyStats(): WorkerStats {
  return { checks: 0, failed: 0, claimedElsewhere: 0, overlapped: 0, behind: 0, late: 0, errors: 0, lagsMs: [] };
}

/** The p-th percentile (0-100, nearest rank) of the values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const ms = (value: number | null) => (value === null ? "–" : `${Math.round(value)} ms`);

/** "9,998 checks (12 failed), lag p50 3 ms p99 41 ms, 0 errors" */
export function formatStats(stats: WorkerStats): string {
  const count = stats.checks.toLocaleString("en-US");
  const extra = [
    stats.claimedElsewhere > 0 ? `${stats.claimedElsewhere.toLocaleString("en-US")} run by another worker` : null,
    stats.overlapped > 0 ? `${stats.overlapped.toLocaleString("en-US")} skipped (previous check still running)` : null,
    stats.behind > 0 ? `${stats.behind.toLocaleString("en-US")} skipped (worker behind)` : null,
    stats.late > 0 ? `${stats.late.toLocaleString("en-US")} started over a second late` : null,
  ].filter((s) => s !== null);
  return (
    `${count} check${stats.checks === 1 ? "" : "s"} (${stats.failed.toLocaleString("en-US")} failed), ` +
    `lag p50 ${ms(percentile(stats.lagsMs, 50))} p99 ${ms(percentile(stats.lagsMs, 99))}, ` +
    `${stats.errors} error${stats.errors === 1 ? "" : "s"}` +
    (extra.length > 0 ? `; ${extra.join(", ")}` : "")
  );
}
