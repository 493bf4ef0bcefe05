import { statuspagePageId } from "../page/ids";
import { pageOrder } from "../components/page-order";
import type { IncidentComponentRecord, IncidentRecordOf, IncidentUpdateRecord } from "../incidents/read";
import { pageStatus, worstStatus } from "../status/rules";
import { isClosedStatus, type AnyIncidentStatus, type ComponentStatus, type IncidentKind, type IncidentStatus } from "../status/schemas";
import { zonedDayKey } from "../time/zoned";
import type {
  StatuspageComponent,
  StatuspageDocuments,
  StatuspageGroup,
  StatuspageIncident,
  StatuspageIncidentStatus,
  StatuspageListedComponent,
  StatuspagePage,
  StatuspageScheduledMaintenance,
} from "../status/statuspage-schemas";

// Pure functions from Vigil's rows to Statuspage's shapes. The input types are the
// fields map.ts reads (of the incident read model, lib/incidents/read.ts), so the unit
// tests build rows by hand; queries.ts loads them.

export const RECENT_LIMIT = 50;

export interface PageRow {
  name: string;
  url: string;
  timeZone: string;
  createdAt: Date;
  /** Touched by every revision bump, so it is when the page last changed. */
  updatedAt: Date;
}

export interface GroupRow {
  id: string;
  name: string;
  description: string | null;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ComponentRow {
  id: string;
  name: string;
  description: string | null;
  position: number;
  groupId: string | null;
  showUptime: boolean;
  startDate: Date;
  status: ComponentStatus;
  createdAt: Date;
  updatedAt: Date;
}

export type UpdateRow<S extends AnyIncidentStatus = AnyIncidentStatus> = Pick<
  IncidentUpdateRecord<S>,
  "id" | "incidentId" | "status" | "body" | "displayAt" | "affectedComponents" | "createdAt" | "updatedAt"
>;

export type IncidentRowOf<K extends IncidentKind> = Pick<
  IncidentRecordOf<K>,
  | "id"
  | "kind"
  | "name"
  | "status"
  | "impact"
  | "startedAt"
  | "monitoringAt"
  | "resolvedAt"
  | "scheduledFor"
  | "scheduledUntil"
  | "postmortem"
  | "createdAt"
  | "updatedAt"
> & {
  updates: UpdateRow<IncidentRecordOf<K>["status"]>[];
  components: Pick<IncidentComponentRecord, "componentId">[];
};

export type IncidentRow = IncidentRowOf<"incident"> | IncidentRowOf<"maintenance">;

export interface StatuspageSource {
  page: PageRow;
  groups: GroupRow[];
  components: ComponentRow[];
  /** Both kinds; at least the most recent RECENT_LIMIT of each and every open one. */
  incidents: IncidentRow[];
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const byTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? 0) - (b?.getTime() ?? 0);

export function toPage(page: PageRow): StatuspagePage {
  return {
    id: statuspagePageId(page.createdAt),
    name: page.name,
    url: page.url.replace(/\/+$/, ""),
    time_zone: page.timeZone,
    updated_at: iso(page.updatedAt),
  };
}

/** Statuspage adds "postmortem" after "resolved" once one is published; Vigil keeps it beside the status. */
export function incidentStatus(status: IncidentStatus, postmortem: string | null): StatuspageIncidentStatus {
  if (status === "resolved" && postmortem?.trim()) return "postmortem";
  return status;
}

/**
 * The page's components in display order, each group followed by its children (a group
 * is a component with `group: true` listing its children's ids). Positions are 1-based
 * within the parent, as in Statuspage.
 */
export function toComponents(groups: readonly GroupRow[], components: readonly ComponentRow[], page: PageRow): StatuspageListedComponent[] {
  const pageId = statuspagePageId(page.createdAt);
  const component = (c: ComponentRow, position: number): StatuspageComponent => ({
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position,
    description: c.description,
    showcase: c.showUptime,
    start_date: zonedDayKey(c.startDate, page.timeZone),
    group_id: c.groupId,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  });

  const list: StatuspageListedComponent[] = [];
  pageOrder(groups, components).forEach((item, index) => {
    if (item.type === "component") {
      list.push(component(item.component, index + 1));
      return;
    }
    const g = item.group;
    const children = item.components.map((c, i) => component(c, i + 1));
    const group: StatuspageGroup = {
      id: g.id,
      name: g.name,
      status: worstStatus(children.map((c) => c.status)),
      created_at: iso(g.createdAt),
      updated_at: iso(g.updatedAt),
      position: index + 1,
      description: g.description,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: children.map((c) => c.id),
    };
    list.push(group, ...children);
  });
  return list;
}

/** Newest first by displayed time; ties go to the one written last. */
function toUpdates<S extends AnyIncidentStatus>(updates: readonly UpdateRow<S>[]) {
  return [...updates]
    .sort((a, b) => byTime(b.displayAt, a.displayAt) || byTime(b.createdAt, a.createdAt))
    .map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: u.incidentId,
      created_at: iso(u.createdAt),
      updated_at: iso(u.updatedAt),
      display_at: iso(u.displayAt),
      affected_components: u.affectedComponents,
    }));
}

interface Context {
  page: StatuspagePage;
  /** Listed (non-group) components by id. */
  components: Map<string, StatuspageComponent>;
  /** Each component's index in the listing, to order an incident's components as the page does. */
  order: Map<string, number>;
}

function common(row: IncidentRow, ctx: Context) {
  return {
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    monitoring_at: isoOrNull(row.monitoringAt),
    resolved_at: isoOrNull(row.resolvedAt),
    shortlink: `${ctx.page.url}/incidents/${row.id}`,
    started_at: iso(row.startedAt),
    page_id: ctx.page.id,
    components: row.components
      .map((c) => ctx.components.get(c.componentId))
      .filter((c): c is StatuspageComponent => c !== undefined)
      .sort((a, b) => ctx.order.get(a.id)! - ctx.order.get(b.id)!),
  };
}

export function toIncident(row: IncidentRowOf<"incident">, ctx: Context): StatuspageIncident {
  const { created_at, updated_at, monitoring_at, resolved_at, shortlink, started_at, page_id, components } = common(row, ctx);
  return {
    id: row.id,
    name: row.name,
    status: incidentStatus(row.status, row.postmortem),
    created_at,
    updated_at,
    monitoring_at,
    resolved_at,
    impact: row.impact,
    shortlink,
    started_at,
    page_id,
    incident_updates: toUpdates(row.updates),
    components,
  };
}

export function toMaintenance(row: IncidentRowOf<"maintenance">, ctx: Context): StatuspageScheduledMaintenance {
  const { created_at, updated_at, monitoring_at, resolved_at, shortlink, started_at, page_id, components } = common(row, ctx);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    created_at,
    updated_at,
    monitoring_at,
    resolved_at,
    impact: "maintenance",
    shortlink,
    started_at,
    page_id,
    incident_updates: toUpdates(row.updates),
    components,
    // A maintenance always has a window; startedAt is its start.
    scheduled_for: iso(row.scheduledFor ?? row.startedAt),
    scheduled_until: iso(row.scheduledUntil ?? row.scheduledFor ?? row.startedAt),
  };
}

// ── Which incidents each list shows, in which order ───────────────────────

const incidentsOnly = (rows: readonly IncidentRow[]) => rows.filter((r) => r.kind === "incident");
const maintenancesOnly = (rows: readonly IncidentRow[]) => rows.filter((r) => r.kind === "maintenance");
const newestStartFirst = (a: IncidentRow, b: IncidentRow) => byTime(b.startedAt, a.startedAt) || byTime(b.createdAt, a.createdAt);
const soonestWindowFirst = (a: IncidentRow, b: IncidentRow) => byTime(a.scheduledFor, b.scheduledFor) || byTime(a.createdAt, b.createdAt);

/** incidents.json: the most recent incidents by start, newest first. */
export function recentIncidents(rows: readonly IncidentRow[], limit = RECENT_LIMIT): IncidentRowOf<"incident">[] {
  return incidentsOnly(rows).sort(newestStartFirst).slice(0, limit);
}

/** incidents/unresolved.json and the summary: every open incident, newest first. */
export function unresolvedIncidents(rows: readonly IncidentRow[]): IncidentRowOf<"incident">[] {
  return incidentsOnly(rows)
    .filter((r) => !isClosedStatus(r.status))
    .sort(newestStartFirst);
}

/** scheduled-maintenances.json: the most recent windows, latest start first. */
export function recentMaintenances(rows: readonly IncidentRow[], limit = RECENT_LIMIT): IncidentRowOf<"maintenance">[] {
  return maintenancesOnly(rows)
    .sort((a, b) => soonestWindowFirst(b, a))
    .slice(0, limit);
}

/** scheduled-maintenances/upcoming.json: not started yet, soonest first. */
export function upcomingMaintenances(rows: readonly IncidentRow[]): IncidentRowOf<"maintenance">[] {
  return maintenancesOnly(rows)
    .filter((r) => r.status === "scheduled")
    .sort(soonestWindowFirst);
}

/** scheduled-maintenances/active.json: in progress or being verified, soonest first. */
export function activeMaintenances(rows: readonly IncidentRow[]): IncidentRowOf<"maintenance">[] {
  return maintenancesOnly(rows)
    .filter((r) => r.status === "in_progress" || r.status === "verifying")
    .sort(soonestWindowFirst);
}

function contextOf(source: Omit<StatuspageSource, "incidents">): { ctx: Context; components: StatuspageListedComponent[] } {
  const page = toPage(source.page);
  const components = toComponents(source.groups, source.components, source.page);
  const ctx: Context = {
    page,
    components: new Map(components.filter((c): c is StatuspageComponent => !c.group).map((c) => [c.id, c])),
    order: new Map(components.map((c, i) => [c.id, i])),
  };
  return { ctx, components };
}

/** Chosen incidents and maintenances in Statuspage's shape, each by its kind (the v1 API shows them one list or one record at a time). */
export function toStatuspageRecords(
  source: Omit<StatuspageSource, "incidents">,
  rows: readonly IncidentRow[],
): (StatuspageIncident | StatuspageScheduledMaintenance)[] {
  const { ctx } = contextOf(source);
  return rows.map((r) => (r.kind === "maintenance" ? toMaintenance(r, ctx) : toIncident(r, ctx)));
}

/** Every response body, by path; built once per write and serialized by serve.ts. */
export function buildStatuspageDocuments(source: StatuspageSource): StatuspageDocuments {
  const { ctx, components } = contextOf(source);
  const page = ctx.page;
  const incidents = (rows: IncidentRowOf<"incident">[]) => rows.map((r) => toIncident(r, ctx));
  const maintenances = (rows: IncidentRowOf<"maintenance">[]) => rows.map((r) => toMaintenance(r, ctx));

  const unresolved = unresolvedIncidents(source.incidents);
  const active = activeMaintenances(source.incidents);
  const upcoming = upcomingMaintenances(source.incidents);
  const status = pageStatus({
    componentStatuses: source.components.map((c) => c.status),
    openIncidentImpacts: unresolved.map((r) => r.impact),
    maintenanceInProgress: active.length > 0,
  });

  return {
    "/api/v2/summary.json": {
      page,
      components,
      incidents: incidents(unresolved),
      scheduled_maintenances: maintenances([...active, ...upcoming]),
      status,
    },
    "/api/v2/status.json": { page, status },
    "/api/v2/components.json": { page, components },
    "/api/v2/incidents.json": { page, incidents: incidents(recentIncidents(source.incidents)) },
    "/api/v2/incidents/unresolved.json": { page, incidents: incidents(unresolved) },
    "/api/v2/scheduled-maintenances.json": { page, scheduled_maintenances: maintenances(recentMaintenances(source.incidents)) },
    "/api/v2/scheduled-maintenances/upcoming.json": { page, scheduled_maintenances: maintenances(upcoming) },
    "/api/v2/scheduled-maintenances/active.json": { page, scheduled_maintenances: maintenances(active) },
  };
}
