import type { DbOrTx } from "../db";
import { loadIncident, loadIncidents, type IncidentRecord } from "../incidents/read";
import { combineRegions } from "../probes/state/decide";
import { staleAfterMs, votingRegions } from "../probes/state/observe";
import { decodeProbeState, decodeStateRow } from "../probes/state/state-codec";
import { parseProbeRow, type StoredProbe } from "../probes/stored";
import { pageComponentTree } from "./component-tree";
import type { ListQuery } from "./paging";

// The staff console's reads.

export async function listConsoleIncidents(db: DbOrTx): Promise<Record<"open" | "maintenance" | "recent", IncidentRecord[]>> {
  const [open, maintenance, recent] = await Promise.all([
    loadIncidents(db, { resolvedAt: null, kind: "incident" }, { orderBy: { startedAt: "desc" } }),
    loadIncidents(db, { resolvedAt: null, kind: "maintenance" }, { orderBy: { scheduledFor: "asc" } }),
    loadIncidents(db, { NOT: { resolvedAt: null } }, { orderBy: { startedAt: "desc" }, take: 20 }),
  ]);
  return { open, maintenance, recent };
}

export async function getConsoleIncident(db: DbOrTx, id: string): Promise<IncidentRecord | null> {
  return loadIncident(db, id);
}

/**
 * Components in page order, with group names, for the "affected components" pickers.
 * A key sort rather than lib/components/page-order.ts: it differs when two groups share a
 * position (their components interleave), and the pickers have always listed them so.
 */
export async function listComponentsForForms(db: DbOrTx) {
  const components = await db.component.findMany({
    orderBy: [{ position: "asc" }],
    select: { id: true, name: true, status: true, position: true, group: { select: { name: true, position: true } } },
  });
  return components
    .map((c) => ({
      id: c.id,
      name: c.group ? `${c.group.name} › ${c.name}` : c.name,
      status: c.status,
      order: [c.group?.position ?? c.position, c.group ? c.position : -1] as const,
    }))
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1])
    .map(({ id, name, status }) => ({ id, name, status }));
}

export type ComponentOption = Awaited<ReturnType<typeof listComponentsForForms>>[number];

/** Components a page of the components page holds (a group split across pages counts on each). */
export const COMPONENTS_PAGE_SIZE = 50;

/**
 * One page of the components page: the page order is worked out from the names and
 * positions alone (two narrow reads), then only the page's components are read in full.
 */
export async function listComponentPage(db: DbOrTx, query: ListQuery, size = COMPONENTS_PAGE_SIZE) {
  const [groups, all] = await Promise.all([
    db.componentGroup.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true, position: true } }),
    db.component.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true, slug: true, groupId: true, position: true } }),
  ]);
  const tree = pageComponentTree(groups, all, query, size);
  const ids = tree.items.flatMap((i) => (i.kind === "component" ? [i.id] : i.componentIds));
  const rows = await db.component.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, slug: true, status: true, manualStatus: true, startDate: true, sloTarget: true, sloWindow: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  // A component deleted between the reads is left out.
  const present = (list: string[]) => list.flatMap((id) => byId.get(id) ?? []);
  const items = tree.items.map((i) =>
    i.kind === "component"
      ? { kind: i.kind, components: present([i.id]), group: null }
      : {
          kind: i.kind,
          components: present(i.componentIds),
          group: { ...groupById.get(i.id)!, total: i.total, continued: i.continued, continues: i.continues },
        },
  );
  return {
    items: items.filter((i) => i.group !== null || i.components.length > 0),
    page: tree.page,
    pages: tree.pages,
    matches: tree.matches,
    totalComponents: all.length,
    /** Every group, for the "Add a component" form. */
    groups: groups.map(({ id, name }) => ({ id, name })),
  };
}

export type ComponentPage = Awaited<ReturnType<typeof listComponentPage>>;
export type ComponentPageRow = ComponentPage["items"][number]["components"][number];

export async function getConsoleComponent(db: DbOrTx, id: string) {
  const [component, groups, changes] = await Promise.all([
    db.component.findUnique({ where: { id } }),
    db.componentGroup.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true } }),
    // Changes recorded at one instant (an incident and the recompute it causes) keep the
    // order they were written in, as on the public page; the id settles the same millisecond.
    db.componentStatusChange.findMany({ where: { componentId: id }, orderBy: [{ at: "desc" }, { createdAt: "desc" }, { id: "desc" }], take: 20 }),
  ]);
  return component ? { component, groups, changes } : null;
}

/** The probes a component's page lists at most (oldest first); it says how many more there are. */
export const COMPONENT_PROBES_SHOWN = 100;

export async function countComponentProbes(db: DbOrTx, componentId: string): Promise<number> {
  return db.probe.count({ where: { componentId } });
}

/**
 * A component's probes for its console page: the parsed config (null if unreadable),
 * each region's confirmed health with its recent changes and skipped-slot counts, the
 * status across regions now, the last result, and a heartbeat's last ping.
 */
export async function listComponentProbes(db: DbOrTx, componentId: string, now = new Date(), limit = COMPONENT_PROBES_SHOWN) {
  const probes = await db.probe.findMany({
    where: { componentId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    include: { states: true, heartbeat: { select: { tokenPrefix: true, lastPingAt: true, lastPingStatus: true, nextDueAt: true } } },
  });
  const lastResults = await latestResults(db, probes);
  return probes.map((p) => {
    let stored: StoredProbe | null = null;
    try {
      stored = parseProbeRow(p);
    } catch {
      stored = null;
    }
    const regions = p.states
      .map((s) => {
        const { state: _state, ...region } = decodeStateRow(s);
        // The region's own verdicts, those that did not move the status too (newest first).
        return { ...region, changes: region.changes.reverse(), skippedSlots: s.skippedSlots, lateChecks: s.lateChecks };
      })
      .sort((a, b) => a.region.localeCompare(b.region));
    const staleMs = stored ? staleAfterMs(stored, now) : Infinity;
    const voting = votingRegions(regions, now, staleMs);
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      enabled: p.enabled,
      stored,
      regions: regions.map((r) => ({ ...r, stale: !voting.includes(r) })),
      status: combineRegions(voting.map((r) => r.confirmed)),
      lastResult: lastResults.get(p.id) ?? null,
      /** A heartbeat probe's token prefix, last ping and next due time (null: not a heartbeat, or no token yet). */
      heartbeat: p.heartbeat,
    };
  });
}

/**
 * Each probe's newest result in one read: record-results.ts stores only the results it
 * applies, in the transaction that moves the region's state to them, so the newest is the
 * one a state names last. A probe whose states name none that is still there (its states
 * reset by a config change, or the row gone to retention) is looked up on its own.
 */
async function latestResults(db: DbOrTx, probes: readonly { id: string; states: readonly { state: string }[] }[]) {
  const newest = new Map<string, Date>();
  for (const p of probes) {
    for (const s of p.states) {
      const at = decodeProbeState(s.state).lastStartedAt;
      if (at && at > (newest.get(p.id) ?? 0)) newest.set(p.id, at);
    }
  }
  const found = newest.size === 0 ? [] : await db.probeResult.findMany({ where: { OR: [...newest].map(([probeId, startedAt]) => ({ probeId, startedAt })) } });
  const latest = new Map(found.map((r) => [r.probeId, r]));
  const missing = probes.filter((p) => !latest.has(p.id));
  const alone = await Promise.all(missing.map((p) => db.probeResult.findFirst({ where: { probeId: p.id }, orderBy: { startedAt: "desc" } })));
  for (const r of alone) if (r) latest.set(r.probeId, r);
  return latest;
}

export type ConsoleProbe = Awaited<ReturnType<typeof listComponentProbes>>[number];

export async function getConsoleGroup(db: DbOrTx, id: string) {
  return db.componentGroup.findUnique({ where: { id }, include: { components: { orderBy: { position: "asc" }, select: { id: true, name: true } } } });
}
