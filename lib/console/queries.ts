import type { DbOrTx } from "../db";
import { loadIncident, loadIncidents, type IncidentRecord } from "../incidents/read";
import { combineRegions } from "../probes/state/decide";
import { staleAfterMs, votingRegions } from "../probes/state/observe";
import { decodeStateRow } from "../probes/state/state-codec";
import { parseProbeRow, type StoredProbe } from "../probes/stored";

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
    include: { group: { select: { name: true, position: true } } },
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

/** Groups and components in position order, for the components page. */
export async function listComponentTree(db: DbOrTx) {
  const [groups, components] = await Promise.all([
    db.componentGroup.findMany({ orderBy: { position: "asc" } }),
    db.component.findMany({ orderBy: { position: "asc" } }),
  ]);
  return { groups, components };
}

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

/**
 * A component's probes for its console page: the parsed config (null if unreadable),
 * each region's confirmed health with its recent changes and skipped-slot counts, the
 * status across regions now, the last result, and a heartbeat's last ping.
 */
export async function listComponentProbes(db: DbOrTx, componentId: string, now = new Date()) {
  const probes = await db.probe.findMany({
    where: { componentId },
    orderBy: { createdAt: "asc" },
    include: { states: true, heartbeat: { select: { tokenPrefix: true, lastPingAt: true, lastPingStatus: true, nextDueAt: true } } },
  });
  const lastResults = await Promise.all(probes.map((p) => db.probeResult.findFirst({ where: { probeId: p.id }, orderBy: { startedAt: "desc" } })));
  return probes.map((p, i) => {
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
      lastResult: lastResults[i] ?? null,
      /** A heartbeat probe's token prefix, last ping and next due time (null: not a heartbeat, or no token yet). */
      heartbeat: p.heartbeat,
    };
  });
}

export type ConsoleProbe = Awaited<ReturnType<typeof listComponentProbes>>[number];

export async function getConsoleGroup(db: DbOrTx, id: string) {
  return db.componentGroup.findUnique({ where: { id }, include: { components: { orderBy: { position: "asc" }, select: { id: true, name: true } } } });
}
