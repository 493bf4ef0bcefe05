import type { Schedule } from "../checks/config";
import { nextSlotAt } from "../scheduling/schedule";

// When a heartbeat's next ping is due (pure). The schedule says when pings are expected:
//   interval: every N seconds from the last ping (a job's own clock drifts; Vigil follows it);
//   cron:     at the expression's next fire time after the last ping (a backup at 03:00).
// A ping may come up to graceSeconds after that; past "expected + grace" a miss is due.
// After a miss the next one is a period later, so a job that stopped keeps failing once
// per period (and the thresholds count those) instead of once for ever.

export interface HeartbeatTiming {
  id: string;
  schedule: Schedule;
  graceSeconds: number;
}

const graceMs = (h: HeartbeatTiming) => h.graceSeconds * 1000;

/** The next expected time strictly after `after` (null: a cron that never fires again). */
export function nextExpectedAt(h: HeartbeatTiming, after: Date): Date | null {
  if ("intervalSeconds" in h.schedule) return new Date(after.getTime() + h.schedule.intervalSeconds * 1000);
  return nextSlotAt({ id: h.id, schedule: h.schedule }, after);
}

/** Due after a ping (or the heartbeat's creation) at `at`: the next expected time plus the grace. */
export function dueAfterPing(h: HeartbeatTiming, at: Date): Date | null {
  const expected = nextExpectedAt(h, at);
  return expected && new Date(expected.getTime() + graceMs(h));
}

/** Due after the miss recorded at `dueAt`: the period after the one that was missed. */
export function dueAfterMiss(h: HeartbeatTiming, dueAt: Date): Date | null {
  const missedExpected = new Date(dueAt.getTime() - graceMs(h));
  const expected = nextExpectedAt(h, missedExpected);
  return expected && new Date(expected.getTime() + graceMs(h));
}
