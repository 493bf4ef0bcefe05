import type { DbOrTx } from "../../db";
import { loadIncident, loadIncidents, type IncidentRecord } from "../../incidents/read";
import { ComponentStatus, parseStored } from "../../status/schemas";

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

export async function listIncidentsForApi(db: DbOrTx, kind: "incident" | "maintenance", unresolvedOnly: boolean, limit: number): Promise<IncidentRecord[]> {
  return loadIncidents(
    db,
    { kind, ...(unresolvedOnly ? { resolvedAt: null } : {}) },
    {
      orderBy: kind === "maintenance" ? { scheduledFor: "desc" } : { startedAt: "desc" },
      take: limit,
    },
  );
}

export async function getIncidentForApi(db: DbOrTx, id: string): Promise<IncidentRecord | null> {
  return loadIncident(db, id);
}

export type ApiComponentRow = Awaited<ReturnType<typeof listComponentsForApi>>[number];
