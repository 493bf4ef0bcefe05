import type { DbOrTx } from "../db";
import { loadIncidents } from "../incidents/read";
import { loadPageSetting } from "../public/queries";
import { ComponentStatus, parseStored } from "../status/schemas";
import { RECENT_LIMIT, type IncidentRow, type StatuspageSource } from "./map";

// The Statuspage API's one read: everything its endpoints show, once per write.

/** The page and its components: what every Statuspage shape refers to (the v1 API adds the records it shows). */
export async function loadStatuspageBase(db: DbOrTx): Promise<Omit<StatuspageSource, "incidents">> {
  const [page, groups, components] = await Promise.all([
    loadPageSetting(db),
    db.componentGroup.findMany({ orderBy: { position: "asc" } }),
    db.component.findMany({ orderBy: { position: "asc" } }),
  ]);
  return {
    page,
    groups,
    components: components.map((c) => ({ ...c, status: parseStored(ComponentStatus, c.status, `Component ${c.id}.status`) })),
  };
}

export async function loadStatuspageSource(db: DbOrTx): Promise<StatuspageSource> {
  const [base, recentIncidents, openIncidents, recentMaintenances, openMaintenances] = await Promise.all([
    loadStatuspageBase(db),
    loadIncidents(db, { kind: "incident" }, { orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }], take: RECENT_LIMIT }),
    loadIncidents(db, { kind: "incident", resolvedAt: null }),
    loadIncidents(db, { kind: "maintenance" }, { orderBy: [{ scheduledFor: "desc" }, { createdAt: "desc" }], take: RECENT_LIMIT }),
    loadIncidents(db, { kind: "maintenance", status: { not: "completed" } }),
  ]);
  // The recent and the open lists overlap; map.ts picks each endpoint's rows from the union.
  const incidents = new Map<string, IncidentRow>();
  for (const row of [...recentIncidents, ...openIncidents, ...recentMaintenances, ...openMaintenances]) incidents.set(row.id, row);
  return { ...base, incidents: [...incidents.values()] };
}
