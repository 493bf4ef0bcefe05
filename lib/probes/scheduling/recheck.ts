import type { Thresholds } from "../checks/config";
import { isConfirming, type ProbeState } from "../state/decide";

// Fast confirmation (pure; the worker and scripts/bench/detection.ts schedule by it).
// While a region is confirming a change (its streak leads away from its confirmed
// health: a first failure, or a first success while down), the next check comes
// `recheckSeconds` after this one ended instead of at the next slot. Three failures then
// take seconds rather than three intervals, and since each re-check is an independent
// trial, random failures still need failuresToDown in a row (0.02³ per check at 2 %).
// A re-check that could not end before the next slot is not made: the slot is the re-check.

export interface RecheckInput {
  /** The region's decision state after the check. */
  state: ProbeState;
  thresholds: Thresholds;
  /** When the check ended. */
  endedAt: Date;
  /** The probe's next regular slot (null: none, a cron that stops). */
  nextSlotAt: Date | null;
  timeoutMs: number;
}

/** When to check again before the next slot, or null to wait for it. */
export function recheckAt({ state, thresholds, endedAt, nextSlotAt, timeoutMs }: RecheckInput): Date | null {
  if (thresholds.recheckSeconds === 0 || !isConfirming(state, thresholds)) return null;
  const at = endedAt.getTime() + thresholds.recheckSeconds * 1000;
  if (nextSlotAt !== null && at + timeoutMs > nextSlotAt.getTime()) return null;
  return new Date(at);
}
