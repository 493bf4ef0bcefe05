import type { z } from "zod";
import { InvalidInputError } from "../errors";
import { inTransaction, type DbOrTx } from "../db";
import { addParsedIncidentUpdate } from "./add-incident-update";
import { CreateIncidentInput, CreateMaintenanceInput } from "./schemas";
import { remindedAtFor } from "./maintenance/reminder";

// Each verb comes twice: `create…` parses what code built (the seed, automatic
// incidents, tests); `createParsed…` takes what a staff verb has parsed already, so a
// request is validated once.

/** Opens an incident with its first update (and the component statuses it sets). */
export async function createIncident(db: DbOrTx, raw: CreateIncidentInput, now = new Date()) {
  return createParsedIncident(db, CreateIncidentInput.parse(raw), now);
}

export async function createParsedIncident(db: DbOrTx, input: z.output<typeof CreateIncidentInput>, now = new Date()) {
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
    // The first update's fields were checked by CreateIncidentInput (the same body schema).
    await addParsedIncidentUpdate(
      tx,
      {
        incidentId: incident.id,
        status: input.status,
        body: input.body,
        displayAt: startedAt,
        components: input.components,
        restoreComponents: false,
        notifySubscribers: input.notifySubscribers,
      },
      now,
    );
    return incident;
  });
}

/** Schedules a maintenance window; components go Under Maintenance when it starts. */
export async function createMaintenance(db: DbOrTx, raw: CreateMaintenanceInput, now = new Date()) {
  return createParsedMaintenance(db, CreateMaintenanceInput.parse(raw), now);
}

export async function createParsedMaintenance(db: DbOrTx, input: z.output<typeof CreateMaintenanceInput>, now = new Date()) {
  return inTransaction(db, async (tx) => {
    // Named like an incident's unknown component (a 400 naming the field), not a foreign-key failure.
    const known = await tx.component.findMany({ where: { id: { in: input.components } }, select: { id: true } });
    const unknown = input.components.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length) throw new InvalidInputError("unknown component", { components: `no component ${unknown[0]}` });
    const maintenance = await tx.incident.create({
      data: {
        kind: "maintenance",
        name: input.name,
        status: "scheduled",
        impact: "none",
        startedAt: input.scheduledFor,
        scheduledFor: input.scheduledFor,
        scheduledUntil: input.scheduledUntil,
        remindBeforeMinutes: input.remindBeforeMinutes,
        remindedAt: remindedAtFor(input, now, null),
        components: {
          create: input.components.map((componentId) => ({ componentId, status: "under_maintenance" })),
        },
      },
    });
    await addParsedIncidentUpdate(
      tx,
      {
        incidentId: maintenance.id,
        status: "scheduled",
        body: input.body,
        displayAt: input.displayAt ?? now,
        restoreComponents: false,
        notifySubscribers: true,
      },
      now,
    );
    return maintenance;
  });
}
