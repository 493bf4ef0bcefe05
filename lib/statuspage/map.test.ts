import { describe, expect, it } from "vitest";
import {
  activeMaintenances,
  buildStatuspageDocuments,
  incidentStatus,
  recentIncidents,
  recentMaintenances,
  toComponents,
  unresolvedIncidents,
  upcomingMaintenances,
  type ComponentRow,
  type GroupRow,
  type IncidentRow,
  type IncidentRowOf,
  type PageRow,
  type UpdateRow,
} from "./map";
import { decodeAffectedComponents } from "../incidents/affected-components";
import type { IncidentStatus, MaintenanceStatus } from "../status/schemas";
import { statuspagePageId } from "../page/ids";
import { STATUSPAGE_ENDPOINTS, STATUSPAGE_PATHS, type StatuspageGroup } from "../status/statuspage-schemas";

const t = (s: string) => new Date(`2026-11-${s}Z`);

const page: PageRow = {
  name: "Tallyworks",
  url: "https://status.example.com/",
  timeZone: "Pacific/Auckland",
  createdAt: t("01T00:00:00"),
  updatedAt: t("27T10:00:00"),
};

function component(id: string, position: number, overrides: Partial<ComponentRow> = {}): ComponentRow {
  return {
    id,
    name: id.toUpperCase(),
    description: null,
    position,
    groupId: null,
    showUptime: true,
    startDate: t("01T00:00:00"),
    status: "operational",
    createdAt: t("01T00:00:00"),
    updatedAt: t("02T00:00:00"),
    ...overrides,
  };
}

function group(id: string, position: number): GroupRow {
  return { id, name: id.toUpperCase(), description: "A group", position, createdAt: t("01T00:00:00"), updatedAt: t("01T00:00:00") };
}

function update(id: string, displayAt: string, overrides: Partial<UpdateRow<IncidentStatus>> = {}): UpdateRow<IncidentStatus> {
  return {
    id,
    incidentId: "i",
    status: "investigating",
    body: `body ${id}`,
    displayAt: t(displayAt),
    affectedComponents: null,
    createdAt: t(displayAt),
    updatedAt: t(displayAt),
    ...overrides,
  };
}

function incident(id: string, startedAt: string, overrides: Partial<IncidentRowOf<"incident">> = {}): IncidentRowOf<"incident"> {
  return {
    id,
    kind: "incident",
    name: `Incident ${id}`,
    status: "investigating",
    impact: "minor",
    startedAt: t(startedAt),
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    postmortem: null,
    createdAt: t(startedAt),
    updatedAt: t(startedAt),
    updates: [update(`${id}-u1`, startedAt, { incidentId: id })],
    components: [],
    ...overrides,
  };
}

function maintenance(id: string, scheduledFor: string, status: MaintenanceStatus): IncidentRowOf<"maintenance"> {
  return {
    ...incident(id, scheduledFor),
    kind: "maintenance",
    status,
    impact: "none",
    scheduledFor: t(scheduledFor),
    scheduledUntil: new Date(t(scheduledFor).getTime() + 2 * 3_600_000),
    updates: [{ ...update(`${id}-u1`, "01T00:00:00", { incidentId: id }), status: "scheduled" }],
  };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("toComponents", () => {
  const groups = [group("g", 1), group("empty", 3)];
  const components = [
    component("a", 0),
    component("c2", 1, { groupId: "g", status: "partial_outage" }),
    component("c1", 0, { groupId: "g", status: "degraded_performance" }),
    component("b", 2),
  ];
  const list = toComponents(groups, components, page);

  it("lists each group, as a component with its children's ids, followed by its children", () => {
    expect(ids(list)).toEqual(["a", "g", "c1", "c2", "b", "empty"]);
    const g = list.find((c) => c.id === "g") as StatuspageGroup;
    expect(g).toMatchObject({ group: true, group_id: null, components: ["c1", "c2"], status: "partial_outage", start_date: null });
    expect(list.find((c) => c.id === "empty")).toMatchObject({ group: true, components: [], status: "operational" });
  });

  it.each([
    ["a", 1, null, false],
    ["g", 2, null, true],
    ["c1", 1, "g", false],
    ["c2", 2, "g", false],
    ["b", 3, null, false],
    ["empty", 4, null, true],
  ])("%s: position %i within its parent, group_id %s, group %s", (id, position, groupId, isGroup) => {
    expect(list.find((c) => c.id === id)).toMatchObject({ position, group_id: groupId, group: isGroup });
  });

  it("dates start_date in the page's zone", () => {
    // 20:00 UTC on Jan 1 is already Jan 2 in Auckland.
    const [c] = toComponents([], [component("x", 0, { startDate: new Date("2026-01-01T20:00:00Z") })], page);
    expect(c!.start_date).toBe("2026-01-02");
  });
});

describe("incidentStatus", () => {
  it.each<[IncidentStatus, string | null, string]>([
    ["investigating", null, "investigating"],
    ["identified", null, "identified"],
    ["monitoring", "Root cause: …", "monitoring"],
    ["resolved", null, "resolved"],
    ["resolved", "   ", "resolved"],
    ["resolved", "Root cause: a bad deploy.", "postmortem"],
  ])("%s with postmortem %j -> %s", (status, postmortem, expected) => {
    expect(incidentStatus(status, postmortem)).toBe(expected);
  });
});

describe("which incidents each list shows", () => {
  const rows = [
    incident("open-old", "20T10:00:00", { status: "identified" }),
    incident("resolved", "25T10:00:00", { status: "resolved", resolvedAt: t("25T11:00:00") }),
    incident("open-new", "26T10:00:00", { status: "monitoring" }),
    incident("postmortem", "24T10:00:00", { status: "resolved", resolvedAt: t("24T12:00:00"), postmortem: "Why" }),
    maintenance("m-upcoming-later", "29T10:00:00", "scheduled"),
    maintenance("m-upcoming-soon", "28T10:00:00", "scheduled"),
    maintenance("m-verifying", "27T08:00:00", "verifying"),
    maintenance("m-in-progress", "27T09:00:00", "in_progress"),
    maintenance("m-completed", "26T09:00:00", "completed"),
  ];

  it.each<[string, (rows: IncidentRow[]) => IncidentRow[], string[]]>([
    ["recent incidents, newest start first", recentIncidents, ["open-new", "resolved", "postmortem", "open-old"]],
    ["unresolved incidents only, newest first", unresolvedIncidents, ["open-new", "open-old"]],
    ["recent maintenances, latest window first", recentMaintenances, ["m-upcoming-later", "m-upcoming-soon", "m-in-progress", "m-verifying", "m-completed"]],
    ["upcoming: scheduled only, soonest first", upcomingMaintenances, ["m-upcoming-soon", "m-upcoming-later"]],
    ["active: in progress or verifying, soonest first", activeMaintenances, ["m-verifying", "m-in-progress"]],
  ])("%s", (_label, pick, expected) => {
    expect(ids(pick(rows))).toEqual(expected);
  });

  it("breaks a tie on start by creation, newest first", () => {
    const a = incident("a", "20T10:00:00", { createdAt: t("20T10:00:00") });
    const b = incident("b", "20T10:00:00", { createdAt: t("20T10:05:00") });
    expect(ids(recentIncidents([a, b]))).toEqual(["b", "a"]);
  });

  it("keeps the 50 most recent incidents and maintenances", () => {
    const many = Array.from({ length: 60 }, (_, i) => incident(`i${i}`, "01T00:00:00", { startedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000) }));
    const manyM = Array.from({ length: 55 }, (_, i) => ({
      ...maintenance(`m${i}`, "01T00:00:00", "completed"),
      scheduledFor: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
    }));
    const recent = recentIncidents([...many, ...manyM]);
    expect(recent).toHaveLength(50);
    expect(recent[0]!.id).toBe("i59");
    expect(recent[49]!.id).toBe("i10");
    const recentM = recentMaintenances([...many, ...manyM]);
    expect(recentM).toHaveLength(50);
    expect(ids(recentM).slice(0, 2)).toEqual(["m54", "m53"]);
    expect(recentIncidents(many, 3)).toHaveLength(3);
  });
});

describe("buildStatuspageDocuments", () => {
  const components = [component("api", 0, { status: "partial_outage" }), component("web", 1)];
  const affected = JSON.stringify([{ code: "api", name: "API", old_status: "operational", new_status: "partial_outage" }]);
  const open = incident("open", "27T09:00:00", {
    impact: "major",
    components: [{ componentId: "web" }, { componentId: "api" }, { componentId: "deleted" }],
    updates: [
      update("u-first", "27T09:00:00", { incidentId: "open" }),
      update("u-tie-older", "27T09:30:00", { incidentId: "open", status: "identified", createdAt: t("27T09:31:00") }),
      update("u-tie-newer", "27T09:30:00", {
        incidentId: "open",
        status: "identified",
        createdAt: t("27T09:32:00"),
        affectedComponents: decodeAffectedComponents(affected),
      }),
    ],
  });
  const docs = buildStatuspageDocuments({
    page,
    groups: [],
    components,
    incidents: [open, maintenance("m", "28T10:00:00", "scheduled"), maintenance("done", "20T10:00:00", "completed")],
  });

  it.each(STATUSPAGE_PATHS)("%s matches its schema", (path) => {
    expect(STATUSPAGE_ENDPOINTS[path].safeParse(docs[path]).error).toBeUndefined();
  });

  it("shows Statuspage's page, status and incident fields", () => {
    const summary = docs["/api/v2/summary.json"];
    expect(summary.page).toEqual({
      id: statuspagePageId(page.createdAt),
      name: "Tallyworks",
      url: "https://status.example.com",
      time_zone: "Pacific/Auckland",
      updated_at: "2026-11-27T10:00:00.000Z",
    });
    expect(summary.page.id).toMatch(/^[a-z0-9]{12}$/);
    expect(statuspagePageId(new Date(page.createdAt))).toBe(summary.page.id);
    expect(summary.status).toEqual({ indicator: "major", description: "Partial System Outage" });

    const [i] = summary.incidents;
    expect(i!.shortlink).toBe("https://status.example.com/incidents/open");
    expect(ids(i!.incident_updates)).toEqual(["u-tie-newer", "u-tie-older", "u-first"]);
    expect(i!.incident_updates[0]!.affected_components).toEqual(JSON.parse(affected));
    expect(i!.incident_updates[2]!.affected_components).toBeNull();
    // Affected components in the page's order, with their current status; deleted ones drop out.
    expect(i!.components.map((c) => [c.id, c.status])).toEqual([
      ["api", "partial_outage"],
      ["web", "operational"],
    ]);

    expect(summary.scheduled_maintenances.map((m) => [m.id, m.impact, m.scheduled_for])).toEqual([["m", "maintenance", "2026-11-28T10:00:00.000Z"]]);
    expect(ids(docs["/api/v2/scheduled-maintenances.json"].scheduled_maintenances)).toEqual(["m", "done"]);
  });

  it.each<[string, IncidentRow[], string]>([
    ["nothing open", [], "none"],
    ["an active maintenance", [maintenance("m", "27T09:00:00", "in_progress")], "maintenance"],
    ["an upcoming maintenance only", [maintenance("m", "29T09:00:00", "scheduled")], "none"],
    ["an open critical incident", [incident("x", "27T09:00:00", { impact: "critical" })], "critical"],
    ["a resolved critical incident", [incident("x", "27T09:00:00", { impact: "critical", status: "resolved", resolvedAt: t("27T10:00:00") })], "none"],
  ])("page indicator with %s -> %s", (_label, incidents, indicator) => {
    const d = buildStatuspageDocuments({ page, groups: [], components: [component("web", 0)], incidents });
    expect(d["/api/v2/status.json"].status.indicator).toBe(indicator);
  });
});
