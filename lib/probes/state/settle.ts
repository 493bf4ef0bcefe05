import type { ComponentStatus } from "../../status/schemas";

// Waiting for the other regions' votes before a component's observed status moves (pure;
// observed-status.ts applies it under the component's lock).
//
// Each region's result is written in its own transaction, so when one outage is seen by
// every region the quorum would pass through every step on the way (operational →
// partial → major within milliseconds), and an automatic incident would open at the
// first one. So a move waits while it is not what the regions will settle on: when
// `current` (the regions' confirmed votes now) differs from `projected` (their votes once
// each region still confirming a change has confirmed it), the written status stays as it
// was until those regions report, or until `waitMs` after the latest region's change.
// Nothing transient is written, and the wait is bounded: a region that went quiet
// cannot hold a status back for longer than that.

/** How long a move waits for the other regions (plus the schedule's jitter, within MAX_VOTE_WAIT_MS). */
export const VOTE_WAIT_MS = 5_000;
export const MAX_VOTE_WAIT_MS = 30_000;

/** The wait for probes whose regions start up to `jitterSeconds` apart. */
export function voteWaitMs(jitterSeconds: readonly number[]): number {
  return Math.min(MAX_VOTE_WAIT_MS, VOTE_WAIT_MS + Math.max(0, ...jitterSeconds) * 1000);
}

export interface SettleInput {
  /** The observed status written now. */
  previous: ComponentStatus | null;
  /** What the regions' confirmed votes say now. */
  current: ComponentStatus | null;
  /** What they will say once every region still confirming a change has confirmed it. */
  projected: ComponentStatus | null;
  /** The latest change of any voting region's confirmed health (null: none known). */
  lastChangeAt: Date | null;
  at: Date;
  waitMs: number;
}

export interface Settled {
  /** The observed status to write (the previous one while waiting). */
  observed: ComponentStatus | null;
  /** While waiting: when to look again at the latest. */
  heldUntil: Date | null;
}

export function settleObserved(input: SettleInput): Settled {
  const { previous, current, projected, lastChangeAt, at } = input;
  if (current === previous) return { observed: previous, heldUntil: null };
  if (projected === current || lastChangeAt === null) return { observed: current, heldUntil: null };
  const until = new Date(lastChangeAt.getTime() + input.waitMs);
  return at.getTime() < until.getTime() ? { observed: previous, heldUntil: until } : { observed: current, heldUntil: null };
}
