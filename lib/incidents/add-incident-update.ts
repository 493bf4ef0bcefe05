import { inTransaction, type DbOrTx, type Tx } from "../db";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { bumpRevision } from "../page/revision";
import { setComponentStatus } from "../components/set-component-status";
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES, type AnyIncidentStatus } from "../status/schemas";
import { deriveIncidentState } from "./derive-state";
import { AddIncidentUpdateInput, type AffectedComponent } from "./schemas";

interface AffectedComponentJson {
  code: string;
  name: string;
  old_status: string;
  new_status: string;
}

/** Sets each component to the status this update gives it, recording the change. */
async function applyComponentStatuses(
  tx: Tx,
  incident: { id: string; kind: string },
  components: readonly AffectedComponent[],
  at: Date,
): Promise<AffectedComponentJson[]> {
  const affected: AffectedComponentJson[] = [];
  for (const c of components) {
    const component = await tx.component.findUnique({ where: { id: c.componentId }, select: { name: true, status: true } });
    if (!component) throw new InvalidInputError("unknown component", { components: `no component ${c.componentId}` });
    await setComponentStatus(tx, {
      componentId: c.componentId,
      status: c.status,
      source: incident.kind === "maintenance" ? "maintenance" : "incident",
      at,
      note: `incident ${incident.id}`,
    });
    await tx.incidentComponent.upsert({
      where: { incidentId_componentId: { incidentId: incident.id, componentId: c.componentId } },
      create: { incidentId: incident.id, componentId: c.componentId, status: c.status },
      update: { status: c.status },
    });
    affected.push({ code: c.componentId, name: component.name, old_status: component.status, new_status: c.status });
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
export async function addIncidentUpdate(db: DbOrTx, rawInput: AddIncidentUpdateInput, now = new Date()) {
  const input = AddIncidentUpdateInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: input.incidentId }, select: { id: true, kind: true, version: true } });
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
      : input.components;
    const affected = components?.length ? await applyComponentStatuses(tx, incident, components, changeAt) : null;
    const update = await tx.incidentUpdate.create({
      data: {
        incidentId: incident.id,
        status: input.status,
        body: input.body,
        displayAt,
        affectedComponents: affected ? JSON.stringify(affected) : null,
        notifySubscribers: input.notifySubscribers,
      },
    });
    await recomputeIncidentState(tx, incident.id, input.expectedVersion === undefined);
    return update;
  });
}
