import type { z } from "zod";
import { inTransaction, type DbOrTx, type Tx } from "../db";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { bumpRevision } from "../page/revision";
import { recomputeComponentStatus } from "../components/set-component-status";
import { buildAlertEvent } from "./alert-event";
import { alertKindForUpdate } from "../notify/event";
import { enqueueForSubscribers } from "../notify/outbox/enqueue";
import { ComponentStatus, INCIDENT_STATUSES, MAINTENANCE_STATUSES, type AnyIncidentStatus } from "../status/schemas";
import { type AffectedComponentChange, encodeAffectedComponents } from "./affected-components";
import { deriveIncidentState } from "./derive-state";
import { AddIncidentUpdateInput, type AffectedComponent } from "./schemas";

/**
 * Records the statuses this update gives its components. An incident's status is a
 * status set by hand (it wins over probes until cleared; Operational clears it); a
 * maintenance's components follow its window, re-derived after its status moves.
 */
async function recordComponentStatuses(tx: Tx, incident: { id: string; kind: string }, components: readonly AffectedComponent[], at: Date): Promise<void> {
  for (const c of components) {
    const component = await tx.component.findUnique({ where: { id: c.componentId }, select: { id: true } });
    if (!component) throw new InvalidInputError("unknown component", { components: `no component ${c.componentId}` });
    if (incident.kind !== "maintenance") {
      await tx.component.update({
        where: { id: c.componentId },
        data: c.status === "operational" ? { manualStatus: null, manualSetAt: null } : { manualStatus: c.status, manualSetAt: at },
      });
    }
    await tx.incidentComponent.upsert({
      where: { incidentId_componentId: { incidentId: incident.id, componentId: c.componentId } },
      create: { incidentId: incident.id, componentId: c.componentId, status: c.status },
      update: incident.kind === "maintenance" ? {} : { status: c.status },
    });
  }
}

/** Re-derives each component's status and lists what changed, in Statuspage's affected_components shape. */
async function applyComponentStatuses(
  tx: Tx,
  incident: { id: string; kind: string },
  componentIds: readonly string[],
  at: Date,
  before: ReadonlyMap<string, { name: string; status: string }>,
): Promise<AffectedComponentChange[]> {
  const affected: AffectedComponentChange[] = [];
  for (const id of componentIds) {
    await recomputeComponentStatus(tx, id, {
      source: incident.kind === "maintenance" ? "maintenance" : "incident",
      at,
      note: `incident ${incident.id}`,
    });
    const after = await tx.component.findUniqueOrThrow({ where: { id }, select: { status: true } });
    const old = before.get(id);
    if (old) affected.push({ code: id, name: old.name, old_status: ComponentStatus.parse(old.status), new_status: ComponentStatus.parse(after.status) });
  }
  return affected;
}

/** Re-derives the incident's cached status from its updates (after any change to them). */
export async function recomputeIncidentState(tx: Tx, incidentId: string, bumpVersion: boolean): Promise<void> {
  const updates = await tx.incidentUpdate.findMany({
    where: { incidentId },
    select: { status: true, displayAt: true, createdAt: true },
  });
  const state = deriveIncidentState(updates.map((u) => ({ ...u, status: u.status as AnyIncidentStatus })));
  await tx.incident.update({
    where: { id: incidentId },
    data: { ...state, ...(bumpVersion ? { version: { increment: 1 } } : {}) },
  });
  await bumpRevision(tx);
}

/** Posts an update and recomputes the incident's derived status from all its updates. */
export async function addIncidentUpdate(db: DbOrTx, raw: AddIncidentUpdateInput, now = new Date()) {
  return addParsedIncidentUpdate(db, AddIncidentUpdateInput.parse(raw), now);
}

/** addIncidentUpdate for input a staff verb (or createParsedIncident) has parsed already. */
export async function addParsedIncidentUpdate(db: DbOrTx, input: z.output<typeof AddIncidentUpdateInput>, now = new Date()) {
  return inTransaction(db, async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: input.incidentId },
      select: { id: true, kind: true, version: true, status: true, cancelledAt: true },
    });
    if (!incident) throw new NotFoundError("incident");
    if (input.expectedVersion !== undefined) {
      // Claim the version first: of two staff posting on the same version, exactly one wins.
      const claimed = await tx.incident.updateMany({
        where: { id: incident.id, version: input.expectedVersion },
        data: { version: { increment: 1 } },
      });
      if (claimed.count !== 1) {
        throw new ConflictError(
          "Someone else updated this incident while you were writing. Your text is kept below: check the latest update, then post again.",
        );
      }
    }
    const allowed: readonly AnyIncidentStatus[] = incident.kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
    if (!allowed.includes(input.status)) {
      throw new InvalidInputError(`a ${incident.kind} cannot be ${input.status}`, {
        status: `expected one of ${allowed.join(", ")}`,
      });
    }
    const displayAt = input.displayAt ?? now;
    const changeAt = displayAt < now ? displayAt : now;
    const components = input.restoreComponents
      ? (await tx.incidentComponent.findMany({ where: { incidentId: incident.id } })).map((c) => ({
          componentId: c.componentId,
          status: "operational" as const,
        }))
      : (input.components ?? []);
    await recordComponentStatuses(tx, incident, components, changeAt);
    // A maintenance's components change with its window, whatever this update names.
    const touched =
      incident.kind === "maintenance"
        ? (await tx.incidentComponent.findMany({ where: { incidentId: incident.id }, select: { componentId: true } })).map((c) => c.componentId)
        : components.map((c) => c.componentId);
    const before = new Map(
      (await tx.component.findMany({ where: { id: { in: touched } }, select: { id: true, name: true, status: true } })).map((c) => [c.id, c]),
    );
    const isFirst = (await tx.incidentUpdate.count({ where: { incidentId: incident.id } })) === 0;
    const update = await tx.incidentUpdate.create({
      data: {
        incidentId: incident.id,
        status: input.status,
        body: input.body,
        displayAt,
        notifySubscribers: input.notifySubscribers,
      },
    });
    await recomputeIncidentState(tx, incident.id, input.expectedVersion === undefined);
    const affected = await applyComponentStatuses(tx, incident, touched, changeAt, before);
    // Statuspage lists what the update set; a maintenance lists only what moved.
    const listed = incident.kind === "maintenance" ? affected.filter((a) => a.old_status !== a.new_status) : affected;
    const saved =
      listed.length > 0 ? await tx.incidentUpdate.update({ where: { id: update.id }, data: { affectedComponents: encodeAffectedComponents(listed) } }) : update;
    // The alerts this update causes go into the outbox in this same transaction.
    const alert = input.notifySubscribers
      ? alertKindForUpdate({
          incidentKind: incident.kind === "maintenance" ? "maintenance" : "incident",
          previousStatus: isFirst ? null : (incident.status as AnyIncidentStatus),
          status: input.status,
          cancelled: incident.cancelledAt !== null,
        })
      : null;
    if (alert) {
      const event = await buildAlertEvent(tx, alert, incident.id, saved.id, now);
      const componentIds = (await tx.incidentComponent.findMany({ where: { incidentId: incident.id }, select: { componentId: true } })).map(
        (c) => c.componentId,
      );
      await enqueueForSubscribers(tx, { kind: alert, incidentId: incident.id, updateId: saved.id, payload: event }, componentIds, now);
    }
    return saved;
  });
}
