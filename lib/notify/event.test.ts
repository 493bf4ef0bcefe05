import { describe, expect, it } from "vitest";
import { componentEvent, incidentEvent, maintenanceEvent, update } from "./channels/fixtures";
import { AlertEvent, AnyAlertEvent, ComponentAlertEvent, alertKindForUpdate } from "./event";

const issues = (value: unknown) => {
  const r = AlertEvent.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("AlertEvent", () => {
  it.each([
    ["incident", incidentEvent()],
    ["maintenance.scheduled", maintenanceEvent("maintenance.scheduled")],
    ["maintenance.started", maintenanceEvent("maintenance.started")],
    ["maintenance.completed", maintenanceEvent("maintenance.completed")],
  ])("parses a %s event back unchanged after a JSON round trip (as the outbox stores it)", (_, event) => {
    const stored = JSON.stringify(event);
    expect(AlertEvent.parse(JSON.parse(stored))).toEqual(event);
  });

  it("rejects Date objects: the payload is plain JSON", () => {
    const event = incidentEvent() as unknown as Record<string, unknown>;
    expect(issues({ ...event, occurredAt: new Date() })).toEqual([expect.stringMatching(/^occurredAt/)]);
  });

  it("rejects unknown keys, an unknown version and a bad time zone", () => {
    expect(issues({ ...incidentEvent(), extra: 1 })).not.toEqual([]);
    expect(issues({ ...incidentEvent(), version: 2 })).not.toEqual([]);
    const e = incidentEvent();
    expect(issues({ ...e, page: { ...e.page, timeZone: "Mars/Olympus" } })).toEqual(["page.timeZone: not an IANA time zone"]);
  });

  it("requires statuses that belong to the kind", () => {
    const e = incidentEvent({ update: update({ status: "scheduled" }) });
    expect(issues(e)).toEqual(expect.arrayContaining([expect.stringMatching(/^update\.status: status "scheduled"/)]));
    const m = maintenanceEvent("maintenance.started");
    expect(
      issues({ ...m, update: { ...m.update, status: "scheduled" }, incident: { ...m.incident, updates: [{ ...m.update, status: "scheduled" }] } }),
    ).toEqual(['update.status: maintenance.started must announce an update with status "in_progress"']);
    const resolved = incidentEvent({ kind: "incident.resolved" });
    expect(issues(resolved)).toEqual(['update.status: incident.resolved must announce an update with status "resolved"']);
  });

  it("requires a maintenance window and the announced update among the updates", () => {
    const m = maintenanceEvent("maintenance.scheduled");
    expect(issues({ ...m, incident: { ...m.incident, scheduledUntil: null } })).toEqual(["incident.scheduledFor: a maintenance event needs its window"]);
    const e = incidentEvent();
    expect(issues({ ...e, incident: { ...e.incident, updates: [] } })).toEqual(["incident.updates: must include the announced update"]);
  });
});

describe("ComponentAlertEvent and AnyAlertEvent", () => {
  it("parses both kinds of outbox payload", () => {
    expect(ComponentAlertEvent.parse(JSON.parse(JSON.stringify(componentEvent())))).toEqual(componentEvent());
    expect(AnyAlertEvent.parse(componentEvent()).kind).toBe("component.updated");
    expect(AnyAlertEvent.parse(incidentEvent()).kind).toBe("incident.created");
    expect(AnyAlertEvent.safeParse({ ...componentEvent(), kind: "incident.created" }).success).toBe(false);
  });
});

describe("alertKindForUpdate", () => {
  it.each([
    ["incident", null, "investigating", "incident.created"],
    ["incident", null, "resolved", "incident.created"],
    ["incident", "investigating", "identified", "incident.updated"],
    ["incident", "monitoring", "resolved", "incident.resolved"],
    ["incident", "resolved", "resolved", "incident.updated"],
    ["incident", "resolved", "investigating", "incident.updated"],
    ["maintenance", null, "scheduled", "maintenance.scheduled"],
    ["maintenance", "scheduled", "scheduled", null],
    ["maintenance", "scheduled", "in_progress", "maintenance.started"],
    ["maintenance", "in_progress", "in_progress", null],
    ["maintenance", "in_progress", "verifying", null],
    ["maintenance", "verifying", "completed", "maintenance.completed"],
    ["maintenance", "scheduled", "completed", "maintenance.completed"],
    ["maintenance", "completed", "completed", null],
  ] as const)("%s %s → %s: %s", (incidentKind, previousStatus, status, expected) => {
    expect(alertKindForUpdate({ incidentKind, previousStatus, status })).toBe(expected);
  });

  it.each([
    ["scheduled", "completed", "maintenance.cancelled"],
    ["completed", "completed", null],
    ["scheduled", "scheduled", null],
  ] as const)("a canceled maintenance %s → %s: %s", (previousStatus, status, expected) => {
    expect(alertKindForUpdate({ incidentKind: "maintenance", previousStatus, status, cancelled: true })).toBe(expected);
  });
});
