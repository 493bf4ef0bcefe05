import type { DbOrTx } from "../db";
import { ComponentStatus, parseStored } from "../status/schemas";
import type { StatusPoint } from "../status/uptime";

// The uptime reports' data layer: components and their status history over a range, in two
// queries for any number of components (no query per component or month).

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
 * Each component's status changes in [from, to), oldest first, preceded by the last change
 * before `from` (the status the range opens with). `componentIds` null: every component.
 */
export async function loadStatusHistory(db: DbOrTx, componentIds: readonly string[] | null, from: Date, to: Date): Promise<Map<string, StatusPoint[]>> {
  const which = componentIds ? { componentId: { in: [...componentIds] } } : {};
  const select = { componentId: true, toStatus: true, at: true } as const;
  const [before, within] = await Promise.all([
    db.componentStatusChange.findMany({
      where: { ...which, at: { lt: from } },
      orderBy: [{ at: "desc" }, { createdAt: "desc" }],
      distinct: ["componentId"],
      select,
    }),
    db.componentStatusChange.findMany({
      where: { ...which, at: { gte: from, lt: to } },
      orderBy: [{ at: "asc" }, { createdAt: "asc" }],
      select,
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
