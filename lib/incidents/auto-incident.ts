import { recordAudit, SYSTEM_ACTOR } from "../audit/record";
import { recomputeComponentStatus } from "../components/set-component-status";
import type { Tx } from "../db";
import { addIncidentUpdate } from "./add-incident-update";
import { createIncident } from "./create-incident";
import { coversAt } from "./maintenance/window";
import { IncidentStatus, type ComponentStatus, type Impact, type MaintenanceStatus } from "../status/schemas";

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
// - Its impact follows the worst status reached: a partial outage that becomes a major
//   one raises it to major, with an update saying so (claimed by compare-and-swap on the
//   impact, so it is posted once). Easing back does not lower it.
// - Staff may post updates or resolve it by hand; recovery then only forgets the id.
// - None is opened or raised while a maintenance covers the component (its window, see
//   maintenance/window.ts: failures are expected then, and nobody is paged), nor while
//   staff have set the component to Operational by hand. An outage still going on when
//   the maintenance completes opens one then (openForOngoingOutage, from advance.ts).

const PENDING = "pending";

const isOutage = (s: ComponentStatus | null) => s === "partial_outage" || s === "major_outage";

export function impactFor(observed: ComponentStatus): Impact {
  return observed === "major_outage" ? "major" : "minor";
}

const IMPACT_RANK: Record<Impact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

export type AutoIncidentAction = { opened: string } | { raised: string } | { resolved: string } | null;

export async function syncAutoIncident(
  tx: Tx,
  componentId: string,
  change: { previous: ComponentStatus | null; observed: ComponentStatus | null; at: Date },
): Promise<AutoIncidentAction> {
  if (isOutage(change.observed) && !isOutage(change.previous)) return openAutoIncident(tx, componentId, change.observed!, change.at);
  if (isOutage(change.observed)) return raiseAutoIncident(tx, componentId, change.observed!, change.at);
  if (change.observed === "operational") return resolveAutoIncident(tx, componentId, change.at);
  return null;
}

/** After a maintenance completes: the outage the probes still see is now news (nothing was opened or raised during the window). */
export async function openForOngoingOutage(tx: Tx, componentId: string, at: Date): Promise<AutoIncidentAction> {
  const c = await tx.component.findUnique({ where: { id: componentId }, select: { observedStatus: true } });
  const observed = (c?.observedStatus ?? null) as ComponentStatus | null;
  if (!isOutage(observed)) return null;
  // One may have been open before the window and worsened during it.
  return (await openAutoIncident(tx, componentId, observed!, at)) ?? raiseAutoIncident(tx, componentId, observed!, at);
}

/** Whether a maintenance covers the component at `at` (window.ts). */
async function inMaintenance(tx: Tx, componentId: string, at: Date): Promise<boolean> {
  const rows = await tx.incidentComponent.findMany({
    where: { componentId, incident: { kind: "maintenance", status: { not: "completed" } } },
    select: { incident: { select: { status: true, scheduledFor: true, scheduledUntil: true } } },
  });
  return rows.some(({ incident: m }) => coversAt({ ...m, status: m.status as MaintenanceStatus }, at));
}

interface ManualLayer {
  manualStatus: string | null;
  manualSetAt: Date | null;
}

/** An incident's update sets the status-by-hand layer; this puts it back as it was (normally none), so the probes keep deciding. */
async function restoreManualLayer(tx: Tx, componentId: string, c: ManualLayer, incidentId: string, at: Date, extra: { autoIncidentId?: string } = {}) {
  await tx.component.update({ where: { id: componentId }, data: { ...extra, manualStatus: c.manualStatus, manualSetAt: c.manualSetAt } });
  await recomputeComponentStatus(tx, componentId, { source: "incident", at, note: `incident ${incidentId}` });
}

async function openAutoIncident(tx: Tx, componentId: string, observed: ComponentStatus, at: Date): Promise<AutoIncidentAction> {
  const c = await tx.component.findUniqueOrThrow({
    where: { id: componentId },
    select: { name: true, autoIncident: true, autoIncidentId: true, manualStatus: true, manualSetAt: true },
  });
  // Staff saying "Operational" by hand outranks the probes, so it outranks their incident too.
  if (!c.autoIncident || c.manualStatus === "operational" || c.autoIncidentId === PENDING) return null;
  if (await inMaintenance(tx, componentId, at)) return null;
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
  await restoreManualLayer(tx, componentId, c, incident.id, at, { autoIncidentId: incident.id });
  await recordAudit(tx, SYSTEM_ACTOR, {
    action: "incident.auto_open",
    targetType: "incident",
    targetId: incident.id,
    after: { componentId, observed, impact },
  });
  return { opened: incident.id };
}

async function raiseAutoIncident(tx: Tx, componentId: string, observed: ComponentStatus, at: Date): Promise<AutoIncidentAction> {
  const c = await tx.component.findUniqueOrThrow({
    where: { id: componentId },
    select: { name: true, autoIncidentId: true, manualStatus: true, manualSetAt: true },
  });
  if (c.autoIncidentId === null || c.autoIncidentId === PENDING) return null;
  const incident = await tx.incident.findUnique({ where: { id: c.autoIncidentId }, select: { id: true, status: true, impact: true, resolvedAt: true } });
  if (!incident || incident.resolvedAt !== null) return null;
  const impact = impactFor(observed);
  const before = incident.impact as Impact;
  if (IMPACT_RANK[impact] <= IMPACT_RANK[before]) return null;
  if (await inMaintenance(tx, componentId, at)) return null;
  const claimed = await tx.incident.updateMany({ where: { id: incident.id, impact: before, resolvedAt: null }, data: { impact } });
  if (claimed.count !== 1) return null;
  await addIncidentUpdate(
    tx,
    {
      incidentId: incident.id,
      status: IncidentStatus.parse(incident.status),
      body: `${c.name} is now failing its checks everywhere: this is a major outage. We are still investigating.`,
      components: [{ componentId, status: c.manualStatus ? (c.manualStatus as ComponentStatus) : observed }],
    },
    at,
  );
  await restoreManualLayer(tx, componentId, c, incident.id, at);
  await recordAudit(tx, SYSTEM_ACTOR, {
    action: "incident.auto_raise",
    targetType: "incident",
    targetId: incident.id,
    before: { impact: before },
    after: { componentId, observed, impact },
  });
  return { raised: incident.id };
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
