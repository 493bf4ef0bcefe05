import type { Db, DbOrTx } from "../../db";
import { INITIAL_STATE_TEXT } from "../state/state-codec";

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
 * For the worker's batch transactions: on SQLite they queue for the one connection
 * behind each other (Prisma's defaults, 2 s to start and 5 s to finish, are for
 * requests), and one that gives up costs a whole batch.
 */
export const BATCH_TRANSACTION = { maxWait: 15_000, timeout: 30_000 } as const;

export interface SlotClaim {
  probeId: string;
  slotAt: Date;
}

/**
 * claimSlot for many slots of one region (the worker's next 250 ms) in one transaction,
 * one commit instead of one per slot; true where this process may run the slot. Rows
 * are claimed in probe id order, so two processes claiming overlapping sets cannot
 * deadlock. Probes without a state row yet get theirs afterwards, outside the
 * transaction (a lost creation race would abort a PostgreSQL transaction): all in one
 * insert, or one by one when another process created one of them meanwhile.
 */
export async function claimSlots(db: Db, region: string, slots: readonly SlotClaim[]): Promise<boolean[]> {
  if (slots.length === 0) return [];
  if (slots.length === 1) return [await claimSlot(db, slots[0]!.probeId, region, slots[0]!.slotAt)];
  const order = slots.map((_, i) => i).sort((a, b) => (slots[a]!.probeId < slots[b]!.probeId ? -1 : slots[a]!.probeId > slots[b]!.probeId ? 1 : 0));
  const won = slots.map(() => false);
  const lost: number[] = [];
  await db.$transaction(async (tx) => {
    for (const i of order) {
      const { probeId, slotAt } = slots[i]!;
      const claimed = await tx.probeState.updateMany({
        where: { probeId, region, OR: [{ lastStartedAt: null }, { lastStartedAt: { lt: slotAt } }] },
        data: { lastStartedAt: slotAt },
      });
      if (claimed.count === 1) won[i] = true;
      else lost.push(i);
    }
  }, BATCH_TRANSACTION);
  if (lost.length === 0) return won;
  const existing = await db.probeState.findMany({
    where: { region, probeId: { in: lost.map((i) => slots[i]!.probeId) } },
    select: { probeId: true },
  });
  const exists = new Set(existing.map((row) => row.probeId));
  const missing = lost.filter((i) => !exists.has(slots[i]!.probeId));
  if (missing.length === 0) return won;
  // New probes (a start with 10,000 of them): their rows at once, claimed as created.
  try {
    await db.probeState.createMany({
      data: missing.map((i) => ({ probeId: slots[i]!.probeId, region, state: INITIAL_STATE_TEXT, lastStartedAt: slots[i]!.slotAt })),
    });
    for (const i of missing) won[i] = true;
  } catch (error) {
    // Another process created one of them meanwhile, or a probe is gone: one by one.
    if (!isConflictOrMissing(error)) throw error;
    for (const i of missing) won[i] = await claimSlot(db, slots[i]!.probeId, region, slots[i]!.slotAt);
  }
  return won;
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
