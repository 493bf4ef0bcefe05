import { breathe } from "../../async/breathe";
import type { Db } from "../../db";
import { computeObservedStatus, lockComponent, recomputeObservedStatus, type ObservedChange } from "./observed-status";

// Observed statuses that time alone changes: a region that stops reporting stops voting
// after three intervals (observe.ts), and a move that waited for other regions is due
// once its bound has passed (settle.ts), but no result arrives to say so. This job looks
// at every component with probes (a cheap read first) and re-derives, under the
// component's lock, only those whose observed status would move. Idempotent and safe
// on several instances: the second one finds nothing left to change.

export async function reconcileObservedStatuses(db: Db, now = new Date()): Promise<number> {
  const components = await db.component.findMany({
    where: { OR: [{ probes: { some: {} } }, { observedStatus: { not: null } }] },
    select: { id: true, observedStatus: true },
  });
  let changed = 0;
  for (const [n, c] of components.entries()) {
    // Thousands of components: on SQLite the loop would otherwise hold every request for seconds.
    if (n % 10 === 9) await breathe();
    if ((await computeObservedStatus(db, c.id, now)) === c.observedStatus) continue;
    const change = await settleObservedStatus(db, c.id, now, "a region stopped or resumed reporting");
    if (change && change.observed !== change.previous) changed++;
  }
  return changed;
}

/**
 * Re-derives one component's observed status at `at` under its lock, waiting for the
 * regions still confirming a change within their bound: the worker calls it when a move
 * it held back is due. Null when the component is gone.
 */
export async function settleObservedStatus(db: Db, componentId: string, at: Date, reason?: string): Promise<ObservedChange | null> {
  return db.$transaction(async (tx) => {
    if (!(await lockComponent(tx, componentId))) return null;
    return recomputeObservedStatus(tx, componentId, { at, waitForRegions: true, ...(reason ? { reason } : {}) });
  });
}
