import { inTransaction, type DbOrTx } from "../../db";
import { announceLatestUpdate } from "../alert-event";
import { reminderDue } from "./reminder";

/**
 * Queues the reminder of every maintenance whose reminder time has come (./reminder.ts).
 * Safe on several instances at once: each claims the maintenance's remindedAt first, so
 * exactly one queues it. The reminder announces the latest update again; it adds none.
 */
export async function remindMaintenances(db: DbOrTx, now = new Date()): Promise<number> {
  const candidates = await db.incident.findMany({
    where: { kind: "maintenance", status: "scheduled", remindedAt: null, cancelledAt: null, remindBeforeMinutes: { not: null }, scheduledFor: { gt: now } },
    select: { id: true, status: true, scheduledFor: true, remindBeforeMinutes: true, remindedAt: true, cancelledAt: true },
  });
  let sent = 0;
  for (const m of candidates) {
    if (!reminderDue({ ...m, scheduledFor: m.scheduledFor! }, now)) continue;
    const queued = await inTransaction(db, async (tx) => {
      const claimed = await tx.incident.updateMany({ where: { id: m.id, remindedAt: null, status: "scheduled" }, data: { remindedAt: now } });
      if (claimed.count !== 1) return false;
      await announceLatestUpdate(tx, "maintenance.reminder", m.id, now);
      return true;
    });
    if (queued) sent++;
  }
  return sent;
}
