import { recordAudit } from "../audit/record";
import { componentsForUpdate } from "./resolve-defaults";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, isUniqueViolation, type DbOrTx } from "../db";
import { announceLatestUpdate } from "./alert-event";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { bumpRevision } from "../page/revision";
import { recomputeComponentStatus } from "../components/set-component-status";
import { addParsedIncidentUpdate, recomputeIncidentState } from "./add-incident-update";
import { remindedAtFor } from "./maintenance/reminder";
import { createParsedIncident, createParsedMaintenance } from "./create-incident";
import {
  AddIncidentUpdateInput,
  CancelMaintenanceInput,
  CreateIncidentInput,
  CreateMaintenanceInput,
  EditIncidentInput,
  EditMaintenanceInput,
  EditUpdateInput,
  PostmortemInput,
} from "./schemas";

// The console's incident mutations: authorise, run the domain verb, audit — in one
// transaction. Server actions and (later) the management API call these, never the
// domain verbs directly, so no transport can skip the role check or the audit row.
// Each parses its raw input here, once, and hands the parsed value down.

export async function openIncident(db: DbOrTx, staff: StaffContext, raw: CreateIncidentInput) {
  assertCan(staff, "incidents:write");
  const input = CreateIncidentInput.parse(raw);
  const existing = async () => (input.creationKey ? db.incident.findUnique({ where: { creationKey: input.creationKey } }) : null);
  // A double-submit (or a client retrying after a timeout) gets the incident it already opened.
  const opened = await existing();
  if (opened) return opened;
  try {
    return await inTransaction(db, async (tx) => {
      const incident = await createParsedIncident(tx, input);
      await recordAudit(tx, staff.actor, { action: "incident.create", targetType: "incident", targetId: incident.id, after: input });
      return incident;
    });
  } catch (error) {
    // Two submissions raced past the check above: the unique key let exactly one in.
    const winner = isUniqueViolation(error) ? await existing() : null;
    if (winner) return winner;
    throw error;
  }
}

/** Incidents need incidents:write, maintenances maintenance:write (an API key may hold one). */
async function assertCanWrite(db: DbOrTx, staff: StaffContext, incidentId: string): Promise<void> {
  const found = await db.incident.findUnique({ where: { id: incidentId }, select: { kind: true } });
  assertCan(staff, found?.kind === "maintenance" ? "maintenance:write" : "incidents:write");
}

export async function postIncidentUpdate(db: DbOrTx, staff: StaffContext, raw: AddIncidentUpdateInput) {
  const input = AddIncidentUpdateInput.parse(raw);
  await assertCanWrite(db, staff, input.incidentId);
  return inTransaction(db, async (tx) => {
    // Staff resolving return what they do not name to Operational (./resolve-defaults.ts); the
    // probes' own auto-resolve does not go through here: it leaves staff overrides alone.
    const incident = await tx.incident.findUnique({ where: { id: input.incidentId }, select: { kind: true, components: { select: { componentId: true } } } });
    const components = input.restoreComponents
      ? input.components
      : componentsForUpdate(
          incident?.kind === "maintenance" ? "maintenance" : "incident",
          input.status,
          incident?.components.map((c) => c.componentId) ?? [],
          input.components ?? [],
        );
    const update = await addParsedIncidentUpdate(tx, { ...input, components: components?.length ? components : undefined });
    await recordAudit(tx, staff.actor, {
      action: "incident.update",
      targetType: "incident",
      targetId: input.incidentId,
      after: { ...input, updateId: update.id },
    });
    return update;
  });
}

/** An update is written under its record's scope: a maintenance's updates need maintenance:write. */
async function assertCanWriteUpdate(db: DbOrTx, staff: StaffContext, updateId: string): Promise<void> {
  const found = await db.incidentUpdate.findUnique({ where: { id: updateId }, select: { incident: { select: { kind: true } } } });
  assertCan(staff, found?.incident.kind === "maintenance" ? "maintenance:write" : "incidents:write");
}

export async function editIncidentUpdate(db: DbOrTx, staff: StaffContext, raw: EditUpdateInput) {
  // Authorise before validating, as every staff verb does: no field errors for a caller without rights.
  await assertCanWriteUpdate(db, staff, typeof raw.updateId === "string" ? raw.updateId : "");
  const input = EditUpdateInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.incidentUpdate.findUnique({ where: { id: input.updateId } });
    if (!before) throw new NotFoundError("update");
    const after = await tx.incidentUpdate.update({ where: { id: input.updateId }, data: { body: input.body } });
    await recomputeIncidentState(tx, before.incidentId, true);
    await recordAudit(tx, staff.actor, {
      action: "incident.update_edited",
      targetType: "incident_update",
      targetId: input.updateId,
      before: { body: before.body },
      after: { body: after.body },
    });
    return after;
  });
}

export async function deleteIncidentUpdate(db: DbOrTx, staff: StaffContext, updateId: string) {
  await assertCanWriteUpdate(db, staff, updateId);
  return inTransaction(db, async (tx) => {
    const update = await tx.incidentUpdate.findUnique({ where: { id: updateId } });
    if (!update) throw new NotFoundError("update");
    if ((await tx.incidentUpdate.count({ where: { incidentId: update.incidentId } })) === 1) {
      throw new InvalidInputError("An incident keeps at least one update: edit it instead.");
    }
    await tx.incidentUpdate.delete({ where: { id: updateId } });
    await recomputeIncidentState(tx, update.incidentId, true);
    await recordAudit(tx, staff.actor, {
      action: "incident.update_deleted",
      targetType: "incident_update",
      targetId: updateId,
      before: { status: update.status, body: update.body, displayAt: update.displayAt },
    });
  });
}

export async function setPostmortem(db: DbOrTx, staff: StaffContext, raw: PostmortemInput) {
  assertCan(staff, "incidents:write");
  const input = PostmortemInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.incident.findUnique({ where: { id: input.incidentId }, select: { postmortem: true, kind: true, status: true } });
    if (!before) throw new NotFoundError("incident");
    if (input.notifySubscribers && !input.postmortem)
      throw new InvalidInputError("write the postmortem first", { postmortem: "write the postmortem to send it" });
    if (input.notifySubscribers && before.status !== "resolved") {
      throw new InvalidInputError("only a resolved incident's postmortem is sent", {
        notifySubscribers: "resolve the incident first, then send its postmortem",
      });
    }
    await tx.incident.update({ where: { id: input.incidentId }, data: { postmortem: input.postmortem, version: { increment: 1 } } });
    await bumpRevision(tx);
    if (input.notifySubscribers) await announceLatestUpdate(tx, "incident.postmortem", input.incidentId, new Date());
    await recordAudit(tx, staff.actor, {
      action: "incident.postmortem",
      targetType: "incident",
      targetId: input.incidentId,
      before: { postmortem: before.postmortem },
      after: { postmortem: input.postmortem, notifySubscribers: input.notifySubscribers },
    });
  });
}

export async function scheduleMaintenance(db: DbOrTx, staff: StaffContext, raw: CreateMaintenanceInput) {
  assertCan(staff, "maintenance:write");
  const input = CreateMaintenanceInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const maintenance = await createParsedMaintenance(tx, input);
    await recordAudit(tx, staff.actor, { action: "maintenance.create", targetType: "incident", targetId: maintenance.id, after: input });
    return maintenance;
  });
}

/** Renames an incident or changes its impact (its status moves only through updates). */
export async function editIncident(db: DbOrTx, staff: StaffContext, raw: EditIncidentInput) {
  const { incidentId, expectedVersion, ...changes } = EditIncidentInput.parse(raw);
  await assertCanWrite(db, staff, incidentId);
  return inTransaction(db, async (tx) => {
    const before = await tx.incident.findUnique({ where: { id: incidentId }, select: { name: true, impact: true, version: true } });
    if (!before) throw new NotFoundError("incident");
    const claimed = await tx.incident.updateMany({
      where: { id: incidentId, ...(expectedVersion === undefined ? {} : { version: expectedVersion }) },
      data: { ...changes, version: { increment: 1 } },
    });
    if (claimed.count !== 1) throw new ConflictError("Someone else changed this incident meanwhile: reload it and try again.");
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: "incident.edit",
      targetType: "incident",
      targetId: incidentId,
      before: { name: before.name, impact: before.impact },
      after: changes,
    });
    return tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
  });
}

/**
 * Deletes an incident or maintenance (admins): its updates and timeline leave the public page,
 * its alerts not yet sent are cancelled, and subscribers are not told. Statuses it set by hand
 * on its components are cleared (the probes decide again); a status someone set separately stays.
 */
export async function deleteIncident(db: DbOrTx, staff: StaffContext, incidentId: string) {
  assertCan(staff, "incidents:delete");
  return inTransaction(db, async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: {
        name: true,
        kind: true,
        status: true,
        startedAt: true,
        components: { select: { componentId: true, status: true } },
        _count: { select: { updates: true } },
      },
    });
    if (!incident) throw new NotFoundError("incident");
    const cancelled = await tx.notification.updateMany({
      where: { status: "pending", event: { incidentId } },
      data: { status: "cancelled", lastError: "the incident was deleted before it was sent" },
    });
    await tx.incident.delete({ where: { id: incidentId } });
    await tx.component.updateMany({ where: { autoIncidentId: incidentId }, data: { autoIncidentId: null } });
    const now = new Date();
    // An open incident's statuses on its components are its own: they go with it.
    const ownsStatuses = incident.kind !== "maintenance" && incident.status !== "resolved";
    for (const c of incident.components) {
      if (ownsStatuses)
        await tx.component.updateMany({ where: { id: c.componentId, manualStatus: c.status }, data: { manualStatus: null, manualSetAt: null } });
      await recomputeComponentStatus(tx, c.componentId, {
        source: incident.kind === "maintenance" ? "maintenance" : "incident",
        at: now,
        note: `${incident.kind} ${incidentId} deleted`,
      });
    }
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: incident.kind === "maintenance" ? "maintenance.delete" : "incident.delete",
      targetType: "incident",
      targetId: incidentId,
      before: { name: incident.name, kind: incident.kind, status: incident.status, startedAt: incident.startedAt, updates: incident._count.updates },
      after: { cancelledAlerts: cancelled.count },
    });
    return { kind: incident.kind };
  });
}

/**
 * Renames or reschedules a maintenance, or changes its components, until it has completed.
 * The job that moves maintenances along (maintenance/advance.ts) follows the new window; a
 * component taken out of one in progress returns to what the probes say at once.
 */
export async function editMaintenance(db: DbOrTx, staff: StaffContext, raw: EditMaintenanceInput) {
  assertCan(staff, "maintenance:write");
  const { incidentId, expectedVersion, components, remindBeforeMinutes, ...window } = EditMaintenanceInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.incident.findUnique({
      where: { id: incidentId },
      select: {
        kind: true,
        status: true,
        name: true,
        scheduledFor: true,
        scheduledUntil: true,
        remindBeforeMinutes: true,
        remindedAt: true,
        components: { select: { componentId: true } },
      },
    });
    if (before?.kind !== "maintenance") throw new NotFoundError("maintenance");
    if (before.status === "completed") throw new InvalidInputError("a completed maintenance cannot be changed; schedule a new one");
    const known = await tx.component.findMany({ where: { id: { in: components } }, select: { id: true } });
    const unknown = components.find((id) => !known.some((k) => k.id === id));
    if (unknown) throw new InvalidInputError("unknown component", { components: `no component ${unknown}` });
    const reminder = {
      scheduledFor: window.scheduledFor,
      remindBeforeMinutes: remindBeforeMinutes === undefined ? before.remindBeforeMinutes : remindBeforeMinutes,
    };
    const claimed = await tx.incident.updateMany({
      where: { id: incidentId, ...(expectedVersion === undefined ? {} : { version: expectedVersion }) },
      data: {
        ...window,
        ...(before.status === "scheduled" ? { startedAt: window.scheduledFor } : {}),
        remindBeforeMinutes: reminder.remindBeforeMinutes,
        remindedAt: remindedAtFor(reminder, new Date(), before.remindedAt),
        version: { increment: 1 },
      },
    });
    if (claimed.count !== 1) throw new ConflictError("Someone else changed this maintenance meanwhile: reload it and try again.");
    const old = before.components.map((c) => c.componentId);
    await tx.incidentComponent.deleteMany({ where: { incidentId, componentId: { notIn: components } } });
    for (const componentId of components.filter((id) => !old.includes(id))) {
      await tx.incidentComponent.create({ data: { incidentId, componentId, status: "under_maintenance" } });
    }
    const now = new Date();
    for (const componentId of new Set([...old, ...components])) {
      await recomputeComponentStatus(tx, componentId, { source: "maintenance", at: now, note: `maintenance ${incidentId} changed` });
    }
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: "maintenance.edit",
      targetType: "incident",
      targetId: incidentId,
      before: {
        name: before.name,
        scheduledFor: before.scheduledFor,
        scheduledUntil: before.scheduledUntil,
        components: old,
        remindBeforeMinutes: before.remindBeforeMinutes,
      },
      after: { ...window, components, remindBeforeMinutes: reminder.remindBeforeMinutes },
    });
    return tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
  });
}

/**
 * Calls off a maintenance that has not started: its last update completes it (components
 * never left what they were), the page says Canceled, and subscribers get a cancellation
 * in the maintenance's thread unless staff choose silence. One that has started is ended
 * with Completed instead: it happened.
 */
export async function cancelMaintenance(db: DbOrTx, staff: StaffContext, raw: CancelMaintenanceInput) {
  assertCan(staff, "maintenance:write");
  const input = CancelMaintenanceInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.incident.findUnique({ where: { id: input.incidentId }, select: { kind: true, status: true, version: true } });
    if (before?.kind !== "maintenance") throw new NotFoundError("maintenance");
    if (before.status !== "scheduled") {
      throw new InvalidInputError("only a maintenance that has not started can be canceled", {
        status: before.status === "completed" ? "it has already ended" : "it has started: post Completed to end it early",
      });
    }
    const now = new Date();
    // Listed on the day it was called off (the page's history), not on a start that never came.
    await tx.incident.update({ where: { id: input.incidentId }, data: { cancelledAt: now, startedAt: now } });
    const update = await addParsedIncidentUpdate(
      tx,
      {
        incidentId: input.incidentId,
        status: "completed",
        body: input.body,
        expectedVersion: input.expectedVersion ?? before.version,
        restoreComponents: false,
        notifySubscribers: input.notifySubscribers,
      },
      now,
    );
    await recordAudit(tx, staff.actor, {
      action: "maintenance.cancel",
      targetType: "incident",
      targetId: input.incidentId,
      after: { body: input.body, notifySubscribers: input.notifySubscribers },
    });
    return update;
  });
}
