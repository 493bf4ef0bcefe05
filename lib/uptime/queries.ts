import type { DbOrTx } from "../db";
import { ComponentStatus, parseStored } from "../status/schemas";
import type { StatusPoint } from "../status/uptime";

// The uptime reports' data layer: components and their status history over a range, in three
// bounded queries for any number of components (no query per component or month).

export interface UptimeComponentRow {
  id: string;
  name: string;
  slug: string;
  startDate: Date;
  showUptime: boolean;
  position: number;
  groupId: string | null;
  sloTarget: number | null;
  sloWindow: string | null;
  sloPublic: boolean;
}

const componentSelect = {
  id: true,
  name: true,
  slug: true,
  startDate: true,
  showUptime: true,
  position: true,
  groupId: true,
  sloTarget: true,
  sloWindow: true,
  sloPublic: true,
} as const;

/** Every component in page order (groups keep their members' positions). */
export async function loadUptimeComponents(db: DbOrTx): Promise<UptimeComponentRow[]> {
  return db.component.findMany({ select: componentSelect, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

/** One component by id or slug, or null. */
export async function findUptimeComponent(db: DbOrTx, idOrSlug: string): Promise<UptimeComponentRow | null> {
  return db.component.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, select: componentSelect });
}

/**
 * The last change before `from` of each component (the status a range opens with), in two
 * bounded reads: the latest instant per component (GROUP BY in the database), then the rows
 * at those instants. A plain `distinct` would fetch every older change and drop all but one
 * per component in memory: years of probe history to learn one status each.
 */
async function loadStatusBefore(db: DbOrTx, componentIds: readonly string[] | null, from: Date) {
  const which = componentIds ? { componentId: { in: [...componentIds] } } : {};
  const latest = await db.componentStatusChange.groupBy({ by: ["componentId"], where: { ...which, at: { lt: from } }, _max: { at: true } });
  const latestAt = new Map(latest.map((row) => [row.componentId, row._max.at?.getTime()]));
  if (latestAt.size === 0) return [];
  const instants = [...new Set(latest.map((row) => row._max.at!.getTime()))].map((ms) => new Date(ms));
  const rows = await db.componentStatusChange.findMany({
    where: { componentId: { in: [...latestAt.keys()] }, at: { in: instants } },
    orderBy: [{ at: "asc" }, { createdAt: "asc" }],
    select: { componentId: true, toStatus: true, at: true },
  });
  // Rows at another component's latest instant are not this one's; of several at its own, the last written wins.
  const byComponent = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (row.at.getTime() === latestAt.get(row.componentId)) byComponent.set(row.componentId, row);
  return [...byComponent.values()];
}

/**
 * Each component's status changes in [from, to), oldest first, preceded by the last change
 * before `from` (the status the range opens with). `componentIds` null: every component.
 */
export async function loadStatusHistory(db: DbOrTx, componentIds: readonly string[] | null, from: Date, to: Date): Promise<Map<string, StatusPoint[]>> {
  const which = componentIds ? { componentId: { in: [...componentIds] } } : {};
  const [before, within] = await Promise.all([
    loadStatusBefore(db, componentIds, from),
    db.componentStatusChange.findMany({
      where: { ...which, at: { gte: from, lt: to } },
      orderBy: [{ at: "asc" }, { createdAt: "asc" }],
      select: { componentId: true, toStatus: true, at: true },
    }),
  ]);
  const byComponent = new Map<string, StatusPoint[]>();
  for (const row of [...before, ...within]) {
    const list = byComponent.get(row.componentId) ?? [];
    list.push({ status: parseStored(ComponentStatus, row.toStatus, `ComponentStatusChange of ${row.componentId} at ${row.at.toISOString()}`), at: row.at });
    byComponent.set(row.componentId, list);
  }
  return byComponent;
}
