import type { DbOrTx } from "../../db";

// The management API's reads.

const incidentInclude = {
  updates: { orderBy: [{ displayAt: "desc" as const }, { createdAt: "desc" as const }] },
  components: { include: { component: { select: { id: true, name: true } } } },
};

export async function listComponentsForApi(db: DbOrTx) {
  const [components, groups] = await Promise.all([
    db.component.findMany({ orderBy: { position: "asc" } }),
    db.componentGroup.findMany({ select: { id: true, name: true, position: true } }),
  ]);
  const group = new Map(groups.map((g) => [g.id, g]));
  // Page order: top-level items by position, a group's components right after it.
  const rank = (c: (typeof components)[number]) => {
    const g = c.groupId ? group.get(c.groupId) : undefined;
    return g ? [g.position, c.position] : [c.position, -1];
  };
  return components
    .map((c) => ({ ...c, groupName: c.groupId ? (group.get(c.groupId)?.name ?? null) : null, rank: rank(c) }))
    .sort((a, b) => a.rank[0]! - b.rank[0]! || a.rank[1]! - b.rank[1]!);
}

export async function listIncidentsForApi(db: DbOrTx, kind: "incident" | "maintenance", unresolvedOnly: boolean, limit: number) {
  return db.incident.findMany({
    where: { kind, ...(unresolvedOnly ? { resolvedAt: null } : {}) },
    orderBy: kind === "maintenance" ? { scheduledFor: "desc" } : { startedAt: "desc" },
    take: limit,
    include: incidentInclude,
  });
}

export async function getIncidentForApi(db: DbOrTx, id: string) {
  return db.incident.findUnique({ where: { id }, include: incidentInclude });
}

export type ApiComponentRow = Awaited<ReturnType<typeof listComponentsForApi>>[number];
export type ApiIncidentRow = NonNullable<Awaited<ReturnType<typeof getIncidentForApi>>>;
