import type { DbOrTx } from "../../db";
import { loadIncident, loadIncidents, type IncidentRecord } from "../../incidents/read";
import { ComponentStatus, parseStored } from "../../status/schemas";
import { afterTimestampAndId, type SortKey } from "./cursor";

// The management API's reads.

export async function listComponentsForApi(db: DbOrTx) {
  const [components, groups] = await Promise.all([
    db.component.findMany({ orderBy: { position: "asc" } }),
    db.componentGroup.findMany({ select: { id: true, name: true, position: true } }),
  ]);
  const group = new Map(groups.map((g) => [g.id, g]));
  // Page order: top-level items by position, a group's components right after it.
  // Not lib/components/page-order.ts: this key sort interleaves the components of two
  // groups that share a position, and keeps a component whose group it did not load.
  const rank = (c: (typeof components)[number]) => {
    const g = c.groupId ? group.get(c.groupId) : undefined;
    return g ? [g.position, c.position] : [c.position, -1];
  };
  return components
    .map((c) => ({
      ...c,
      status: parseStored(ComponentStatus, c.status, `Component ${c.id}.status`),
      manualStatus: c.manualStatus === null ? null : parseStored(ComponentStatus, c.manualStatus, `Component ${c.id}.manualStatus`),
      groupName: c.groupId ? (group.get(c.groupId)?.name ?? null) : null,
      rank: rank(c),
    }))
    .sort((a, b) => a.rank[0]! - b.rank[0]! || a.rank[1]! - b.rank[1]!);
}

export interface IncidentFilters {
  state: "all" | "open" | "resolved" | "unresolved";
  since?: string;
  until?: string;
  component?: string;
}

/**
 * A page of incidents (newest first) or maintenances (latest window first), keyset-paged
 * on (start, id): `after` is the previous page's last key. Fetches `limit + 1` rows.
 */
export async function listIncidentsForApi(
  db: DbOrTx,
  kind: "incident" | "maintenance",
  filters: IncidentFilters,
  limit: number,
  after: SortKey | null,
): Promise<IncidentRecord[]> {
  const field = kind === "maintenance" ? "scheduledFor" : "startedAt";
  const range = { ...(filters.since ? { gte: new Date(filters.since) } : {}), ...(filters.until ? { lt: new Date(filters.until) } : {}) };
  return loadIncidents(
    db,
    {
      kind,
      ...(filters.state === "open" || filters.state === "unresolved" ? { resolvedAt: null } : {}),
      ...(filters.state === "resolved" ? { resolvedAt: { not: null } } : {}),
      ...(Object.keys(range).length ? { [field]: range } : {}),
      ...(filters.component ? { components: { some: { componentId: filters.component } } } : {}),
      AND: [afterTimestampAndId(field, after, "desc")],
    },
    { orderBy: [{ [field]: "desc" }, { id: "desc" }], take: limit + 1 },
  );
}

export const incidentSortKey = (kind: "incident" | "maintenance") => (i: IncidentRecord) => [
  (kind === "maintenance" ? i.scheduledFor! : i.startedAt).getTime(),
  i.id,
];

export async function getIncidentForApi(db: DbOrTx, id: string): Promise<IncidentRecord | null> {
  return loadIncident(db, id);
}

export type ApiComponentRow = Awaited<ReturnType<typeof listComponentsForApi>>[number];

/** A component's place in page order, as a cursor key: its (group's) position, its position in the group, its id. */
export const componentSortKey = (c: ApiComponentRow): SortKey => [c.rank[0]!, c.rank[1]!, c.id];

export async function listGroupsForApi(db: DbOrTx) {
  const groups = await db.componentGroup.findMany({
    orderBy: [{ position: "asc" }, { id: "asc" }],
    include: { components: { select: { id: true }, orderBy: { position: "asc" } } },
  });
  return groups;
}

export async function listProbesForApi(db: DbOrTx, where: { componentId?: string; id?: string }, limit: number, after: SortKey | null) {
  return db.probe.findMany({
    where: { ...where, AND: [afterTimestampAndId("createdAt", after, "asc")] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
}

export async function listTemplatesForApi(db: DbOrTx, limit: number, after: SortKey | null) {
  return db.incidentTemplate.findMany({
    where: afterTimestampAndId("createdAt", after, "asc"),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
}

export const createdSortKey = (r: { createdAt: Date; id: string }): SortKey => [r.createdAt.getTime(), r.id];
