import { createHash } from "node:crypto";
import type { Schedule } from "../checks/config";
import { nextCronTime, parseCron, type CronFields } from "./cron";

// When each probe runs next. Pure and deterministic (given `random`), so any worker
// process computes the same slots and the worker can store nextRunAt.
//
// Interval probes are spread by id: a probe's slots are epoch + offsetMs(id) + k * interval,
// so 1,000 probes on a 60 s interval run evenly across the minute instead of all at :00,
// and the slot of a probe never drifts with how long its checks take.
// Cron probes fire when their expression says (UTC; see cron.ts), so many cron probes
// with the same expression fire together: give them jitterSeconds to spread them.
// Jitter is added after the slot is chosen, so it never accumulates.
//
// Cron next times are computed here (node-cron parses, cron.ts walks) rather than by
// scheduling one node-cron task per probe: one worker loop can then treat both kinds
// alike (ordered by nextRunAt, bounded by createLimiter) and survive restarts.

export interface SchedulableProbe {
  id: string;
  schedule: Schedule;
}

/** A stable offset in [0, intervalMs) from a real hash of the id (same in every process). */
export function offsetMs(probeId: string, intervalMs: number): number {
  if (!Number.isInteger(intervalMs) || intervalMs <= 0) throw new RangeError(`intervalMs must be a positive integer, got ${intervalMs}`);
  // 48 bits of SHA-1: far more than any interval, so the modulo bias is negligible.
  const hash = createHash("sha1").update(probeId).digest().readUIntBE(0, 6);
  return hash % intervalMs;
}

// Parsed expressions, by text: every probe on "*/30 * * * * *" shares one entry.
const parsedCron = new Map<string, CronFields>();

function cronFields(probeId: string, expression: string): CronFields {
  const cached = parsedCron.get(expression);
  if (cached) return cached;
  const fields = parseCron(expression);
  // Schedule.parse rejects these, so only an unparsed schedule can get here.
  if (typeof fields === "string") throw new RangeError(`probe ${probeId}: ${fields}`);
  if (parsedCron.size >= 1000) parsedCron.clear();
  parsedCron.set(expression, fields);
  return fields;
}

/** The probe's next slot strictly after `after`, without jitter (null: a cron that never fires again). */
export function nextSlotAt(probe: SchedulableProbe, after: Date): Date | null {
  const { schedule } = probe;
  if ("cron" in schedule) {
    return nextCronTime(cronFields(probe.id, schedule.cron), after);
  }
  const interval = schedule.intervalSeconds * 1000;
  const offset = offsetMs(probe.id, interval);
  const k = Math.floor((after.getTime() - offset) / interval) + 1;
  return new Date(offset + k * interval);
}

/**
 * When to run the probe next: its next slot after `after`, plus a random jitter in
 * [0, jitterSeconds). Pass the time the previous run was due (the value this returned
 * last time), or now at start-up or after the schedule changed; a run that overran
 * its slots then skips them instead of queueing a backlog. `random` returns [0, 1).
 */
export function nextRunAt(probe: SchedulableProbe, after: Date, random: () => number = Math.random): Date | null {
  const slot = nextSlotAt(probe, after);
  if (slot === null) return null;
  const jitterMs = (probe.schedule.jitterSeconds ?? 0) * 1000;
  return jitterMs > 0 ? new Date(slot.getTime() + Math.floor(random() * jitterMs)) : slot;
}

/**
 * The shortest time between two of the probe's slots (within its next `count` fires for a
 * cron): how long one check has before the next is due. Null: a cron that stops firing.
 */
export function shortestGapMs(probe: SchedulableProbe, from: Date, count = 8): number | null {
  if ("intervalSeconds" in probe.schedule) return probe.schedule.intervalSeconds * 1000;
  let shortest: number | null = null;
  let previous = nextSlotAt(probe, from);
  for (let i = 0; i < count && previous; i++) {
    const next = nextSlotAt(probe, previous);
    if (!next) break;
    const gap = next.getTime() - previous.getTime();
    shortest = shortest === null ? gap : Math.min(shortest, gap);
    previous = next;
  }
  return shortest;
}

/** How many of the probe's slots fall in (after, until]: those a stalled worker skips (at most `cap`). */
export function slotsBetween(probe: SchedulableProbe, after: Date, until: Date, cap = 10_000): number {
  if (until.getTime() <= after.getTime()) return 0;
  if ("intervalSeconds" in probe.schedule) {
    const first = nextSlotAt(probe, after)!;
    if (first.getTime() > until.getTime()) return 0;
    return Math.min(cap, 1 + Math.floor((until.getTime() - first.getTime()) / (probe.schedule.intervalSeconds * 1000)));
  }
  let count = 0;
  for (let slot = nextSlotAt(probe, after); slot && slot.getTime() <= until.getTime() && count < cap; slot = nextSlotAt(probe, slot)) count++;
  return count;
}

export { createLimiter, createOverlapGuard, type Limiter, type OverlapGuard } from "../../async/concurrency";
