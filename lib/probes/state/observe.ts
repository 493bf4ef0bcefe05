import type { Schedule } from "../checks/config";
import { combineRegions, type ProbeHealth, type ProbeStatus } from "./decide";
import { nextSlotAt } from "../scheduling/schedule";

// Which regions' states count for a probe right now (pure; the database side is
// observed-status.ts). A region whose newest applied result is older than three
// expected intervals counts as missing, so a stopped worker in one region cannot
// keep a component down (or up) on its own. When no region is fresh, the last
// known states stand: a stopped monitor must not turn an outage into an all-clear.

export const STALE_INTERVALS = 3;
/** Short intervals still get this long: a slow database or a GC pause is not a dead region. */
export const MIN_STALE_MS = 120_000;

export interface RegionState {
  region: string;
  confirmed: ProbeHealth | null;
  lastStartedAt: Date | null;
}

/** How long a region may go without a result before it stops voting. */
export function staleAfterMs(probe: { id: string; schedule: Schedule }, at: Date): number {
  let intervalMs: number;
  if ("intervalSeconds" in probe.schedule) {
    intervalMs = probe.schedule.intervalSeconds * 1000;
  } else {
    // A cron's period: the gap between its next two fire times (a cron that never fires again: never stale).
    const first = nextSlotAt(probe, at);
    const second = first && nextSlotAt(probe, first);
    if (!first || !second) return Infinity;
    intervalMs = second.getTime() - first.getTime();
  }
  const jitterMs = (probe.schedule.jitterSeconds ?? 0) * 1000;
  return Math.max(MIN_STALE_MS, STALE_INTERVALS * intervalMs + jitterMs);
}

/** The regions that vote at `at`: the fresh ones, or all of them when none is fresh. */
export function votingRegions<T extends RegionState>(regions: readonly T[], at: Date, staleMs: number): T[] {
  const fresh = regions.filter((r) => r.lastStartedAt !== null && at.getTime() - r.lastStartedAt.getTime() <= staleMs);
  return fresh.length > 0 ? fresh : [...regions];
}

/** One probe's status at `at` across its regions (null: no data yet). */
export function probeStatusAt(regions: readonly RegionState[], at: Date, staleMs: number): ProbeStatus | null {
  return combineRegions(votingRegions(regions, at, staleMs).map((r) => r.confirmed));
}
