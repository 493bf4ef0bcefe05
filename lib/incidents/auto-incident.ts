import { recordAudit, SYSTEM_ACTOR } from "../audit/record";
import { recomputeComponentStatus } from "../components/set-component-status";
import type { Tx } from "../db";
import { addIncidentUpdate } from "./add-incident-update";
import { createIncident } from "./create-incident";
import type { ComponentStatus, Impact } from "../status/schemas";

// Automatic incidents for components with autoIncident on: a confirmed outage opens
// one incident, recovery resolves it. Called from observed-status.ts when the
// observed status moves, inside the transaction that holds the component's row lock.
//
// - One outage, one incident: Component.autoIncidentId is claimed by compare-and-swap
//   before the incident is created, so a replay or a second worker finds it taken.
// - The incident lists the component with the status it shows, but does not keep the
//   status-by-hand layer an incident normally sets: the probes keep deciding while it
//   is open (an escalation or recovery is recorded as a probe change with its evidence),
//   and resolving it leaves any status staff set by hand in place.
// - Staff may post updates or resolve it by hand; recovery then only forgets the id.
// - No incident is opened during a maintenance in progress (failures are expected then)
//   or while staff have set the component to Operational by hand.

const PENDING = "pending";

const isOutage = (s: ComponentStatus | null) => s === "partial_outage" || s === "major_outage";

export function impactFor(observed: ComponentStatus): Impact {
  return observed === "major_outage" ? "major" : "minor";
}

export type AutoIncidentAction = { opened: string } | { resolved: string } | null;

export async function syncAutoIncident(
  tx: Tx,
  componentId: string,
  change: { previous: ComponentStatus | null; observed: ComponentStatus | null; at: Date },
): Promise<AutoIncidentAction> {
  if (isOutage(change.observed) && !isOutage(change.previous)) return openAutoIncident(tx, componentId, change.observed!, change.at);
  if (change.observed === "operational") return resolveAutoIncident(tx, componentId, change.at);
  return null;
}

async function openAutoIncident(tx: Tx, componentId: string, observed: ComponentStatus, at: Date): Promise<AutoIncidentAction> {
  const c = await tx.component.findUniqueOrThrow({
    where: { id: componentId },
    select: { name: true, status: true, autoIncident: true, autoIncidentId: true, manualStatus: true, manualSetAt: true },
  });
  // Staff saying "Operational" by hand outranks the probes, so it outranks their incident too.
  if (!c.autoIncident || c.status === "under_maintenance" || c.manualStatus === "operational" || c.autoIncidentId === PENDING) return null;
  if (c.autoIncidentId !== null) {
    const previous = await tx.incident.findUnique({ where: { id: c.autoIncidentId }, select: { resolvedAt: true } });
    // Still open (the outage eased to degraded and came back): it is the same outage.
    if (previous && previous.resolvedAt === null) return null;
  }
  const claimed = await tx.component.updateMany({
    where: { id: componentId, autoIncidentId: c.autoIncidentId },
    data: { autoIncidentId: PENDING },
  });
  if (claimed.count !== 1) return null;
  const impact = impactFor(observed);
  const incident = await createIncident(
    tx,
    {
      name: `${c.name} – We are investigating issues`,
      status: "investigating",
      impact,
      body: `We are aware of issues with ${c.name} and are investigating.`,
      // What the page shows: a status set by hand if there is one (so nothing moves), else the probes'.
      components: [{ componentId, status: c.manualStatus ? (c.manualStatus as ComponentStatus) : observed }],
      creationKey: `auto:${componentId}:${at.getTime()}`,
    },
    at,
  );
  // Put the status-by-hand layer back as it was (normally none), so the probes keep deciding.
  await tx.component.update({
    where: { id: componentId },
    data: { autoIncidentId: incident.id, manualStatus: c.manualStatus, manualSetAt: c.manualSetAt },
  });
  await recomputeComponentStatus(tx, componentId, { source: "incident", at, note: `incident ${incident.id}` });
  await recordAudit(tx, SYSTEM_ACTOR, {
    action: "incident.auto_open",
    targetType: "incident",
    targetId: incident.id,
    after: { componentId, observed, impact },
  });
  return { opened: incident.id };
}

async function resolveAutoIncident(tx: Tx, componentId: string, at: Date): Promise<AutoIncidentAction> {
  const c = await tx.component.findUniqueOrThrow({ where: { id: componentId }, select: { name: true, autoIncidentId: true } });
  const incidentId = c.autoIncidentId;
  if (incidentId === null || incidentId === PENDING) return null;
  const cleared = await tx.component.updateMany({ where: { id: componentId, autoIncidentId: incidentId }, data: { autoIncidentId: null } });
  if (cleared.count !== 1) return null;
  const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { resolvedAt: true } });
  // Resolved (or deleted) by staff meanwhile: forgetting it is all that is left to do.
  if (!incident || incident.resolvedAt !== null) return null;
  await addIncidentUpdate(
    tx,
    {
      incidentId,
      status: "resolved",
      body: `This incident has been resolved: checks of ${c.name} are passing again.`,
      // No restoreComponents: the incident set no override, and one staff set by hand
      // (on this or another component of the incident) stays until they clear it.
    },
    at,
  );
  await recordAudit(tx, SYSTEM_ACTOR, { action: "incident.auto_resolve", targetType: "incident", targetId: incidentId, after: { componentId } });
  return { resolved: incidentId };
}
