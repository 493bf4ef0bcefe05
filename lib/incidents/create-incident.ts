import { inTransaction, type DbOrTx } from "../db";
import { addIncidentUpdate } from "./add-incident-update";
import { CreateIncidentInput, CreateMaintenanceInput } from "./schemas";

/** Opens an incident with its first update (and the component statuses it sets). */
export async function createIncident(db: DbOrTx, rawInput: CreateIncidentInput, now = new Date()) {
  const input = CreateIncidentInput.parse(rawInput);
  const startedAt = input.displayAt ?? now;
  return inTransaction(db, async (tx) => {
    const incident = await tx.incident.create({
      data: {
        kind: "incident",
        name: input.name,
        status: input.status,
        impact: input.impact,
        startedAt,
        backfilled: input.backfilled,
        creationKey: input.creationKey ?? null,
      },
    });
    await addIncidentUpdate(
      tx,
      {
        incidentId: incident.id,
        status: input.status,
        body: input.body,
        displayAt: startedAt,
        components: input.components,
        notifySubscribers: input.notifySubscribers,
      },
      now,
    );
    return incident;
  });
}

/** Schedules a maintenance window; components go Under Maintenance when it starts. */
export async function createMaintenance(db: DbOrTx, rawInput: CreateMaintenanceInput, now = new Date()) {
  const input = CreateMaintenanceInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const maintenance = await tx.incident.create({
      data: {
        kind: "maintenance",
        name: input.name,
        status: "scheduled",
        impact: "none",
        startedAt: input.scheduledFor,
        scheduledFor: input.scheduledFor,
        scheduledUntil: input.scheduledUntil,
        components: {
          create: input.components.map((componentId) => ({ componentId, status: "under_maintenance" })),
        },
      },
    });
    await addIncidentUpdate(tx, { incidentId: maintenance.id, status: "scheduled", body: input.body, displayAt: input.displayAt ?? now }, now);
    return maintenance;
  });
}
