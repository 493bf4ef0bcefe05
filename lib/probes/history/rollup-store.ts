import type { Db, DbOrTx } from "../../db";
import { isConflictOrMissing } from "../scheduling/lease";
import { PROBE_OUTCOMES, type ProbeOutcome } from "../result";
import { addResult, decodeHistogram, emptyRollup, encodeHistogram, mergeRollups, type Rollup } from "./rollup";

// Raw probe results into ProbeRollup rows: per probe and region, one row per UTC hour
// from the raw results, then one per UTC day from the hour rows.
//
// - An hour is rolled up once it has settled (SETTLE_MS after it ends, when every
//   check started in it is stored), a day once all its hours are rolled up.
// - Rows are written once and never rewritten: each hour (or day) is computed wholly
//   from its source rows and inserted in one transaction unless already there. A
//   second instance doing the same hour computes the same rows and either finds them
//   or loses the insert race (unique violation) and then finds them.
// - Progress needs no bookkeeping table: periods are rolled up oldest first, so the
//   newest hour row is the watermark. Everything before it is rolled up; the next
//   hour to do is the one holding the first raw result after it. Empty stretches
//   (downtime) are skipped in one query.
// - Bounded per run (hours, rows read, days), so catching up after downtime or an
//   upgrade is spread over runs and never holds a long lock.
// - A result stored more than SETTLE_MS after its hour ended (only with a worker clock
//   minutes off) stays out of the rollups and is pruned with its hour.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Checks time out within 60 s; the rest is margin for batched writes and clock skew. */
export const SETTLE_MS = 5 * 60_000;

export type Period = "hour" | "day";
const floorTo = (ms: number, size: number) => Math.floor(ms / size) * size;

/** End of the newest settled hour: hours starting before it have all their results. */
export function settledUntil(now: Date): number {
  return floorTo(now.getTime() - SETTLE_MS, HOUR);
}

/** Start (epoch ms) of the newest row of the period: the watermark (see above). */
export async function newestStart(db: DbOrTx, period: Period): Promise<number | null> {
  const row = await db.probeRollup.findFirst({ where: { period }, orderBy: { start: "desc" }, select: { start: true } });
  return row ? row.start.getTime() : null;
}

/**
 * Raw results before this time are rolled up (hour rows exist for them); from it on,
 * read raw results. At most the end of the newest settled hour.
 */
export async function rolledUpUntil(db: DbOrTx, now: Date): Promise<Date> {
  const settled = settledUntil(now);
  const newest = await newestStart(db, "hour");
  const pending = await db.probeResult.findFirst({
    where: newest === null ? {} : { startedAt: { gte: new Date(newest + HOUR) } },
    orderBy: { startedAt: "asc" },
    select: { startedAt: true },
  });
  return new Date(pending ? Math.min(floorTo(pending.startedAt.getTime(), HOUR), settled) : settled);
}

interface Entry {
  probeId: string;
  region: string;
  rollup: Rollup;
}

const isOutcome = (value: string): value is ProbeOutcome => (PROBE_OUTCOMES as readonly string[]).includes(value);

/** The hour's raw results summed per probe and region, read in pages (an hour of 10,000 probes is 600,000 rows). */
async function sumHour(db: DbOrTx, start: number, pageSize: number): Promise<{ entries: Entry[]; read: number }> {
  const byKey = new Map<string, Entry>();
  let read = 0;
  let after: { startedAt: Date; id: string } | null = null;
  for (;;) {
    const page: Array<{ id: string; probeId: string; region: string; startedAt: Date; outcome: string; latencyMs: number }> = await db.probeResult.findMany({
      where: {
        startedAt: { gte: new Date(start), lt: new Date(start + HOUR) },
        ...(after ? { OR: [{ startedAt: { gt: after.startedAt } }, { startedAt: after.startedAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      take: pageSize,
      select: { id: true, probeId: true, region: true, startedAt: true, outcome: true, latencyMs: true },
    });
    for (const row of page) {
      // Vigil writes only ok | degraded | failed; anything else is left out rather than miscounted.
      if (!isOutcome(row.outcome)) continue;
      const key = `${row.probeId}\n${row.region}`;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { probeId: row.probeId, region: row.region, rollup: emptyRollup() }));
      addResult(entry.rollup, { outcome: row.outcome, latencyMs: row.latencyMs });
    }
    read += page.length;
    if (page.length < pageSize) break;
    const last = page.at(-1)!;
    after = { startedAt: last.startedAt, id: last.id };
  }
  return { entries: [...byKey.values()], read };
}

/** The day's hour rows merged per probe and region. */
async function sumDay(db: DbOrTx, start: number): Promise<Entry[]> {
  const byKey = new Map<string, Entry>();
  // Hour by hour, on the (period, start) index: a day of 10,000 probes is 240,000 rows.
  for (let hour = start; hour < start + DAY; hour += HOUR) {
    const rows = await db.probeRollup.findMany({ where: { period: "hour", start: new Date(hour) } });
    for (const row of rows) {
      const key = `${row.probeId}\n${row.region}`;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { probeId: row.probeId, region: row.region, rollup: emptyRollup() }));
      mergeRollups(entry.rollup, fromRow(row));
    }
  }
  return [...byKey.values()];
}

export function fromRow(row: { ok: number; degraded: number; failed: number; latencySumMs: number; latencyMaxMs: number; histogram: string }): Rollup {
  return {
    ok: row.ok,
    degraded: row.degraded,
    failed: row.failed,
    latencySumMs: row.latencySumMs,
    latencyMaxMs: row.latencyMaxMs,
    histogram: decodeHistogram(row.histogram),
  };
}

/** A ProbeRollup row for the period starting at `start` (also the demo seed's, lib/seed/demo.ts). */
export function rollupRow(probeId: string, region: string, period: Period, start: number, rollup: Rollup) {
  return {
    probeId,
    region,
    period,
    start: new Date(start),
    ok: rollup.ok,
    degraded: rollup.degraded,
    failed: rollup.failed,
    latencySumMs: rollup.latencySumMs,
    latencyMaxMs: rollup.latencyMaxMs,
    histogram: encodeHistogram(rollup.histogram),
  };
}

const ATTEMPTS = 3;

/** Another instance inserted the period first, a probe was deleted meanwhile, or PostgreSQL saw a write conflict or deadlock. */
function isLostRace(error: unknown): boolean {
  if (isConflictOrMissing(error)) return true;
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null;
  const kind = e?.meta?.driverAdapterError?.cause?.kind;
  return e?.code === "P2034" || kind === "UniqueConstraintViolation" || kind === "ForeignKeyConstraintViolation" || kind === "TransactionWriteConflict";
}

/**
 * Inserts the period's rows unless it already has some; false when it had. `compute`
 * runs again after a lost race (another instance inserted first, or a probe was
 * deleted meanwhile), and then usually finds the rows there.
 */
async function insertOnce(db: Db, period: Period, start: number, compute: () => Promise<Entry[]>): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const entries = (await compute()).sort((a, b) => (a.probeId === b.probeId ? cmp(a.region, b.region) : cmp(a.probeId, b.probeId)));
    try {
      return await db.$transaction(
        async (tx) => {
          if (await tx.probeRollup.findFirst({ where: { period, start: new Date(start) }, select: { probeId: true } })) return false;
          if (entries.length) {
            await tx.probeRollup.createMany({
              data: entries.map(({ probeId, region, rollup }) => rollupRow(probeId, region, period, start, rollup)),
            });
          }
          return true;
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
    } catch (error) {
      if (attempt >= ATTEMPTS || !isLostRace(error)) throw error;
    }
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface RollUpLimits {
  /** Hours rolled up per run at most (default 168: a week of a small setup in one run). */
  maxHours?: number;
  /** No further hour is started once this many raw results were read (default 250,000). */
  maxRows?: number;
  /** Days rolled up per run at most (default 31). */
  maxDays?: number;
  /** Raw results read per query (default 5,000). */
  pageSize?: number;
}

export interface RolledUp {
  /** Hours and days this run rolled up (not those another instance did first). */
  hours: number;
  days: number;
}

/** Rolls up the oldest settled hours not yet rolled up, then the days they complete. */
export async function rollUpProbeResults(db: Db, now: Date, limits: RollUpLimits = {}): Promise<RolledUp> {
  const hours = await rollUpHours(db, now, limits);
  const days = await rollUpDays(db, now, limits);
  return { hours, days };
}

async function rollUpHours(db: Db, now: Date, { maxHours = 168, maxRows = 250_000, pageSize = 5000 }: RollUpLimits): Promise<number> {
  const settled = settledUntil(now);
  const newest = await newestStart(db, "hour");
  let from = newest === null ? null : newest + HOUR;
  let tried = 0;
  let inserted = 0;
  let read = 0;
  while (tried < maxHours && read < maxRows) {
    const next = await db.probeResult.findFirst({
      where: { startedAt: { ...(from === null ? {} : { gte: new Date(from) }), lt: new Date(settled) } },
      orderBy: { startedAt: "asc" },
      select: { startedAt: true },
    });
    if (!next) break;
    const hour = floorTo(next.startedAt.getTime(), HOUR);
    const done = await insertOnce(db, "hour", hour, async () => {
      const summed = await sumHour(db, hour, pageSize);
      read += summed.read;
      return summed.entries;
    });
    tried++;
    if (done) inserted++;
    from = hour + HOUR;
  }
  return inserted;
}

async function rollUpDays(db: Db, now: Date, { maxDays = 31 }: RollUpLimits): Promise<number> {
  // A day is complete when every raw result in it is in a rolled-up hour.
  const complete = floorTo((await rolledUpUntil(db, now)).getTime(), DAY);
  const newest = await newestStart(db, "day");
  let from = newest === null ? null : newest + DAY;
  let tried = 0;
  let inserted = 0;
  while (tried < maxDays) {
    const next = await db.probeRollup.findFirst({
      where: { period: "hour", start: { ...(from === null ? {} : { gte: new Date(from) }), lt: new Date(complete) } },
      orderBy: { start: "asc" },
      select: { start: true },
    });
    if (!next) break;
    const day = floorTo(next.start.getTime(), DAY);
    tried++;
    if (await insertOnce(db, "day", day, () => sumDay(db, day))) inserted++;
    from = day + DAY;
  }
  return inserted;
}
