import type { DbOrTx } from "../db";
import { INITIAL_STATE_TEXT } from "./state-codec";

// One check per probe, region and slot, however many processes run the same region.
//
// ProbeState.lastStartedAt holds the newest slot claimed for (probe, region): a worker
// runs a slot only after moving it forward by compare-and-swap, so of two web
// instances with the same PROBE_REGION exactly one runs each slot. Slots are the
// un-jittered times of schedule.ts (the same in every process), so both ask for the
// same value. A worker that dies after claiming loses that one slot; the next slot is
// free for anyone, so another process takes over within one interval.
//
// The decision state (state JSON) keeps its own startedAt of the last *applied*
// result; that, not this column, is what late and replayed results are checked against.

const code = (error: unknown) => (typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined);

/** Unique violation (the row was created meanwhile) or foreign key violation (the probe is gone). */
export function isConflictOrMissing(error: unknown): boolean {
  return code(error) === "P2002" || code(error) === "P2003";
}

/** True when this process may run the probe's slot `slotAt` for `region`. */
export async function claimSlot(db: DbOrTx, probeId: string, region: string, slotAt: Date): Promise<boolean> {
  const claimed = await db.probeState.updateMany({
    where: { probeId, region, OR: [{ lastStartedAt: null }, { lastStartedAt: { lt: slotAt } }] },
    data: { lastStartedAt: slotAt },
  });
  if (claimed.count === 1) return true;
  if (await db.probeState.findUnique({ where: { probeId_region: { probeId, region } }, select: { probeId: true } })) return false;
  try {
    await db.probeState.create({ data: { probeId, region, state: INITIAL_STATE_TEXT, lastStartedAt: slotAt } });
    return true;
  } catch (error) {
    if (isConflictOrMissing(error)) return false;
    throw error;
  }
}

/**
 * Makes sure the (probe, region) state row exists, outside any transaction (a lost
 * creation race would abort a PostgreSQL transaction). False when the probe is gone.
 */
export async function ensureProbeState(db: DbOrTx, probeId: string, region: string): Promise<boolean> {
  if (await db.probeState.findUnique({ where: { probeId_region: { probeId, region } }, select: { probeId: true } })) return true;
  try {
    await db.probeState.create({ data: { probeId, region, state: INITIAL_STATE_TEXT } });
    return true;
  } catch (error) {
    if (code(error) === "P2002") return true;
    if (code(error) === "P2003") return false;
    throw error;
  }
}
