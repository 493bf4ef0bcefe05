import type { Db } from "../../db";
import { computeObservedStatus, lockComponent, recomputeObservedStatus } from "./observed-status";

// Observed statuses that time alone changes: a region that stops reporting stops voting
// after three intervals (observe.ts), but no result arrives to say so. This job looks
// at every component with probes (a cheap read first) and re-derives, under the
// component's lock, only those whose observed status would move. Idempotent and safe
// on several instances: the second one finds nothing left to change.

export async function reconcileObservedStatuses(db: Db, now = new Date()): Promise<number> {
  const components = await db.component.findMany({
    where: { OR: [{ probes: { some: {} } }, { observedStatus: { not: null } }] },
    select: { id: true, observedStatus: true },
  });
  let changed = 0;
  for (const c of components) {
    if ((await computeObservedStatus(db, c.id, now)) === c.observedStatus) continue;
    const change = await db.$transaction(async (tx) => {
      if (!(await lockComponent(tx, c.id))) return null;
      return recomputeObservedStatus(tx, c.id, { at: now, reason: "a region stopped or resumed reporting" });
    });
    if (change && change.observed !== change.previous) changed++;
  }
  return changed;
}
