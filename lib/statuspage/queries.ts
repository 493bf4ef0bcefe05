import type { DbOrTx } from "../db";
import { loadPageSetting } from "../public/queries";
import { RECENT_LIMIT, type IncidentRow, type StatuspageSource } from "./map";

// The Statuspage API's one read: everything its endpoints show, once per write.

const incidentSelect = {
  id: true,
  kind: true,
  name: true,
  status: true,
  impact: true,
  startedAt: true,
  monitoringAt: true,
  resolvedAt: true,
  scheduledFor: true,
  scheduledUntil: true,
  postmortem: true,
  createdAt: true,
  updatedAt: true,
  updates: {
    orderBy: [{ displayAt: "desc" as const }, { createdAt: "desc" as const }],
    select: {
      id: true,
      incidentId: true,
      status: true,
      body: true,
      displayAt: true,
      affectedComponents: true,
      createdAt: true,
      updatedAt: true,
    },
  },
  components: { select: { componentId: true } },
};

export async function loadStatuspageSource(db: DbOrTx): Promise<StatuspageSource> {
  const [page, groups, components, recentIncidents, openIncidents, recentMaintenances, openMaintenances] = await Promise.all([
    loadPageSetting(db),
    db.componentGroup.findMany({ orderBy: { position: "asc" } }),
    db.component.findMany({ orderBy: { position: "asc" } }),
    db.incident.findMany({
      where: { kind: "incident" },
      orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }],
      take: RECENT_LIMIT,
      select: incidentSelect,
    }),
    db.incident.findMany({ where: { kind: "incident", resolvedAt: null }, select: incidentSelect }),
    db.incident.findMany({
      where: { kind: "maintenance" },
      orderBy: [{ scheduledFor: "desc" }, { createdAt: "desc" }],
      take: RECENT_LIMIT,
      select: incidentSelect,
    }),
    db.incident.findMany({ where: { kind: "maintenance", status: { not: "completed" } }, select: incidentSelect }),
  ]);
  // The recent and the open lists overlap; map.ts picks each endpoint's rows from the union.
  const incidents = new Map<string, IncidentRow>();
  for (const row of [...recentIncidents, ...openIncidents, ...recentMaintenances, ...openMaintenances]) incidents.set(row.id, row);
  return { page, groups, components, incidents: [...incidents.values()] };
}
