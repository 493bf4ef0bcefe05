import { inTransaction, type DbOrTx } from "../../db";
import { ServiceError } from "../../errors";
import { addIncidentUpdate } from "../add-incident-update";
import { openForOngoingOutage } from "../auto-incident";
import type { MaintenanceStatus } from "../../status/schemas";
import { AUTOMATIC_MESSAGES, maintenanceTransition } from "./transition";

/**
 * Moves every maintenance whose window opened or closed to In progress / Completed,
 * setting its components to Under Maintenance and back (to what the probes say, when
 * they decide). An outage the probes still see at completion opens its automatic
 * incident then, in the same transaction. Safe on several instances at once: each move
 * claims the maintenance's version, so only one of them posts it.
 */
export async function advanceMaintenances(db: DbOrTx, now = new Date()): Promise<number> {
  const open = await db.incident.findMany({
    where: { kind: "maintenance", status: { not: "completed" } },
    include: { components: true },
  });
  let moved = 0;
  for (const m of open) {
    const next = maintenanceTransition({ status: m.status as MaintenanceStatus, scheduledFor: m.scheduledFor!, scheduledUntil: m.scheduledUntil! }, now);
    if (!next) continue;
    try {
      await inTransaction(db, async (tx) => {
        await addIncidentUpdate(
          tx,
          {
            incidentId: m.id,
            status: next,
            body: AUTOMATIC_MESSAGES[next],
            expectedVersion: m.version,
            components: m.components.map((c) => ({
              componentId: c.componentId,
              status: next === "in_progress" ? "under_maintenance" : "operational",
            })),
          },
          now,
        );
        if (next === "completed") for (const c of m.components) await openForOngoingOutage(tx, c.componentId, now);
      });
      moved++;
    } catch (error) {
      // Another instance moved it first: nothing to do.
      if (error instanceof ServiceError && error.code === "conflict") continue;
      throw error;
    }
  }
  return moved;
}
