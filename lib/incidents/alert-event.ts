import type { Tx } from "../db";
import { pageStatus } from "../status/rules";
import { ComponentStatus, Impact } from "../status/schemas";
import { statuspagePageId } from "../page/ids";
import { ACTIVE_MAINTENANCE_STATUSES } from "../components/set-component-status";
import { ALERT_EVENT_VERSION, AlertEvent, type AlertComponent, type AlertEventKind, type AlertUpdate } from "../notify/event";
import { loadIncident, type IncidentUpdateRecord } from "./read";
import { withPublicUrl } from "../page/public-url";
import { BRAND_ASSETS_SELECT, messageBrand } from "../settings/brand";
import { toLocale } from "../i18n/locales";
import { enqueueForSubscribers } from "../notify/outbox/enqueue";

// Reads what an alert shows, inside the transaction that saved the update, so the
// outbox row describes exactly the state that committed.

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function toAlertUpdate(u: IncidentUpdateRecord): AlertUpdate {
  return {
    id: u.id,
    status: u.status,
    body: u.body,
    displayAt: iso(u.displayAt),
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
    affectedComponents: u.affectedComponents?.map((a) => ({ id: a.code, name: a.name, oldStatus: a.old_status, newStatus: a.new_status })) ?? null,
  };
}

export async function buildAlertEvent(tx: Tx, kind: AlertEventKind, incidentId: string, updateId: string, now: Date): Promise<AlertEvent> {
  // One after another: these run on the transaction's single connection.
  const page = withPublicUrl(await tx.pageSetting.findUniqueOrThrow({ where: { id: 1 }, include: BRAND_ASSETS_SELECT }));
  const incident = await loadIncident(tx, incidentId);
  if (!incident) throw new Error(`incident ${incidentId} does not exist`);
  const components = await tx.component.findMany({ orderBy: { position: "asc" } });
  const open = await tx.incident.findMany({ where: { kind: "incident", resolvedAt: null }, select: { impact: true } });
  const maintenances = await tx.incident.count({ where: { kind: "maintenance", status: { in: [...ACTIVE_MAINTENANCE_STATUSES] } } });
  const status = pageStatus({
    componentStatuses: components.map((c) => ComponentStatus.parse(c.status)),
    openIncidentImpacts: open.map((i) => Impact.parse(i.impact)),
    maintenanceInProgress: maintenances > 0,
  });
  const affected = new Set(incident.components.map((c) => c.componentId));
  // Position within the parent, counting components only (groups at the top level are not
  // counted, unlike the Statuspage API's listing), so not lib/components/page-order.ts.
  const rank = new Map<string, number>();
  const alertComponents: AlertComponent[] = [];
  for (const c of components) {
    const position = (rank.get(c.groupId ?? "") ?? 0) + 1;
    rank.set(c.groupId ?? "", position);
    if (!affected.has(c.id)) continue;
    alertComponents.push({
      id: c.id,
      name: c.name,
      status: ComponentStatus.parse(c.status),
      description: c.description,
      position,
      groupId: c.groupId,
      showcase: c.showUptime,
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
    });
  }
  const updates = incident.updates.map(toAlertUpdate);
  const update = updates.find((u) => u.id === updateId);
  if (!update) throw new Error(`update ${updateId} is not part of incident ${incidentId}`);
  const pageUrl = page.url.replace(/\/$/, "");
  return AlertEvent.parse({
    version: ALERT_EVENT_VERSION,
    kind,
    occurredAt: iso(now),
    page: {
      id: statuspagePageId(page.createdAt),
      name: page.name,
      url: pageUrl,
      timeZone: page.timeZone,
      locale: toLocale(page.locale),
      statusIndicator: status.indicator,
      statusDescription: status.description,
      logoUrl: messageBrand(page).logoUrl,
      accentColor: messageBrand(page).accentColor,
    },
    incident: {
      id: incident.id,
      name: incident.name,
      status: incident.status,
      impact: incident.impact,
      url: `${pageUrl}/incidents/${incident.id}`,
      createdAt: iso(incident.createdAt),
      updatedAt: iso(incident.updatedAt),
      startedAt: iso(incident.startedAt),
      monitoringAt: isoOrNull(incident.monitoringAt),
      resolvedAt: isoOrNull(incident.resolvedAt),
      scheduledFor: isoOrNull(incident.scheduledFor),
      scheduledUntil: isoOrNull(incident.scheduledUntil),
      components: alertComponents,
      updates,
      postmortem: incident.postmortem,
    },
    update,
  });
}

/**
 * Queues an alert that adds no update of its own (a reminder, a published postmortem): it
 * announces the latest update again, to the incident's subscribers, in their thread.
 */
export async function announceLatestUpdate(tx: Tx, kind: "maintenance.reminder" | "incident.postmortem", incidentId: string, now: Date): Promise<void> {
  const latest = await tx.incidentUpdate.findFirstOrThrow({ where: { incidentId }, orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }] });
  const event = await buildAlertEvent(tx, kind, incidentId, latest.id, now);
  const componentIds = (await tx.incidentComponent.findMany({ where: { incidentId }, select: { componentId: true } })).map((c) => c.componentId);
  await enqueueForSubscribers(tx, { kind, incidentId, payload: event }, componentIds, now);
}
