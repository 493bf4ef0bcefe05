import type { DbOrTx } from "../db";
import { loadIncidents, type IncidentRecord } from "../incidents/read";
import { loadPageSetting } from "../public/queries";

// The feeds' data layer: the page, the component a feed is limited to, and the most
// recent incidents and maintenances by latest update.

/**
 * The `limit` incidents and maintenances (both kinds) with the latest updates, touching
 * `componentId` when given. "Latest update" is an aggregate Prisma cannot sort incidents
 * by, so the ids come from a grouped query over updates (bounded by `take`), then the rows.
 */
export async function loadFeedIncidents(db: DbOrTx, componentId: string | null, limit: number): Promise<IncidentRecord[]> {
  const latest = await db.incidentUpdate.groupBy({
    by: ["incidentId"],
    where: componentId === null ? {} : { incident: { components: { some: { componentId } } } },
    _max: { displayAt: true },
    orderBy: [{ _max: { displayAt: "desc" } }, { incidentId: "desc" }],
    take: limit,
  });
  if (latest.length === 0) return [];
  // Unordered: the feed sorts its entries by latest update (selectFeedEntries).
  return loadIncidents(db, { id: { in: latest.map((l) => l.incidentId) } });
}

/** Everything one feed variant shows; `component` is null when the slug names no component. */
export async function loadFeedSource(db: DbOrTx, componentSlug: string | null, limit: number) {
  const [page, component] = await Promise.all([
    loadPageSetting(db),
    componentSlug === null ? Promise.resolve(null) : db.component.findUnique({ where: { slug: componentSlug }, select: { id: true, name: true, slug: true } }),
  ]);
  if (componentSlug !== null && !component) return { page, component: null, incidents: [] };
  return { page, component, incidents: await loadFeedIncidents(db, component?.id ?? null, limit) };
}

export type FeedSource = Awaited<ReturnType<typeof loadFeedSource>>;
