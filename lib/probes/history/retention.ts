import type { DbOrTx } from "../../db";
import { newestStart, rolledUpUntil, type Period } from "./rollup-store";

// Probe history at three grains (README "History"): raw results for
// PROBE_RAW_RETENTION_DAYS (7), hour rollups PROBE_HOURLY_RETENTION_DAYS (90), day
// rollups PROBE_DAILY_RETENTION_DAYS (400). A grain is deleted only once the next
// coarser one holds it: raw results once their hour is rolled up, hour rows once their
// day is, so a rollup job that is behind (downtime, catching up) never loses data.
// Status changes keep their own copy of the checks behind them (evidence), and the
// 90-day bars come from the status history. Deleted in bounded batches, oldest first,
// so one run never holds a long write lock; safe on several instances at once.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface Batches {
  batchSize?: number;
  maxBatches?: number;
}

/** Deletes raw results older than `retentionDays` whose hour is rolled up. */
export async function pruneProbeResults(db: DbOrTx, now: Date, retentionDays: number, { batchSize = 5000, maxBatches = 40 }: Batches = {}): Promise<number> {
  const cutoff = new Date(Math.min(now.getTime() - retentionDays * DAY_MS, (await rolledUpUntil(db, now)).getTime()));
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const batch = await db.probeResult.findMany({ where: { startedAt: { lt: cutoff } }, select: { id: true }, take: batchSize, orderBy: { startedAt: "asc" } });
    if (batch.length === 0) break;
    deleted += (await db.probeResult.deleteMany({ where: { id: { in: batch.map((r) => r.id) } } })).count;
    if (batch.length < batchSize) break;
  }
  return deleted;
}

export interface RollupRetention {
  hourlyDays: number;
  dailyDays: number;
}

/** Deletes hour rows past retention whose day is rolled up, and day rows past retention. */
export async function pruneProbeRollups(
  db: DbOrTx,
  now: Date,
  { hourlyDays, dailyDays }: RollupRetention,
  { maxBatches = 40 }: Batches = {},
): Promise<{ hours: number; days: number }> {
  const newestDay = await newestStart(db, "day");
  // Days are rolled up oldest first: every hour before the newest day's end is in a day row.
  const hours =
    newestDay === null ? 0 : await prunePeriod(db, "hour", Math.min(now.getTime() - hourlyDays * DAY_MS, newestDay + DAY_MS), 6 * HOUR_MS, maxBatches);
  const days = await prunePeriod(db, "day", now.getTime() - dailyDays * DAY_MS, 30 * DAY_MS, maxBatches);
  return { hours, days };
}

/** Rows of `period` starting before `cutoff`, `step` of time per statement (one hour of 10,000 probes is 10,000 rows). */
async function prunePeriod(db: DbOrTx, period: Period, cutoff: number, step: number, maxBatches: number): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const oldest = await db.probeRollup.findFirst({ where: { period, start: { lt: new Date(cutoff) } }, orderBy: { start: "asc" }, select: { start: true } });
    if (!oldest) break;
    const until = new Date(Math.min(cutoff, oldest.start.getTime() + step));
    deleted += (await db.probeRollup.deleteMany({ where: { period, start: { lt: until } } })).count;
  }
  return deleted;
}

export interface ProbeRetention extends RollupRetention {
  rawDays: number;
}

export async function pruneProbeHistory(db: DbOrTx, now: Date, retention: ProbeRetention): Promise<{ raw: number; hours: number; days: number }> {
  const raw = await pruneProbeResults(db, now, retention.rawDays);
  return { raw, ...(await pruneProbeRollups(db, now, retention)) };
}
