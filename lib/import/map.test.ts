import { describe, expect, it } from "vitest";
import { isMaintenance, mapComponents, mapIncident, mapSubscriber } from "./map";

const update = (over: Record<string, unknown> = {}) => ({
  id: "u1",
  status: "investigating",
  body: "Looking.",
  created_at: "2026-11-01T10:00:00.000Z",
  display_at: "2026-11-01T10:00:00.000Z",
  affected_components: null,
  ...over,
});
const incident = (over: Record<string, unknown> = {}) => ({
  id: "i1",
  name: "API errors",
  status: "investigating",
  impact: "minor",
  created_at: "2026-11-01T10:00:00.000Z",
  started_at: "2026-11-01T09:59:00.000Z",
  incident_updates: [update()],
  components: [],
  ...over,
});

describe("mapIncident", () => {
  it.each([
    ["a missing name", { name: undefined }, "name:"],
    ["an unknown impact", { impact: "huge" }, "impact:"],
    ["an update with a bad status", { incident_updates: [update({ status: "sleeping" })] }, "incident_updates.0.status:"],
    ["an update without its time", { incident_updates: [update({ created_at: "yesterday" })] }, "incident_updates.0.created_at:"],
    ["no updates", { incident_updates: [] }, "incident_updates: an incident needs at least one update"],
    ["a maintenance status on an incident", { incident_updates: [update({ status: "in_progress" })] }, "a incident cannot be in_progress"],
  ])("skips %s, naming the record and the field", (_what, over, reason) => {
    const r = mapIncident(incident(over), "incident");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.skip).toMatchObject({ kind: "incident", id: "i1" });
      expect(r.skip.reason).toContain(reason);
    }
  });

  it("orders updates oldest first, takes display_at as their time and maps postmortem to resolved", () => {
    const r = mapIncident(
      incident({
        status: "postmortem",
        incident_updates: [
          update({ id: "u3", status: "postmortem", body: "", display_at: "2026-11-01T12:00:00.000Z", created_at: "2026-11-01T12:01:00.000Z" }),
          update({ id: "u1", display_at: "2026-11-01T09:00:00.000Z" }),
          update({ id: "u2", status: "resolved", display_at: null, created_at: "2026-11-01T11:00:00.000Z" }),
        ],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.updates.map((u) => [u.externalId, u.status, u.displayAt.toISOString()])).toEqual([
      ["u1", "investigating", "2026-11-01T09:00:00.000Z"],
      ["u2", "resolved", "2026-11-01T11:00:00.000Z"],
      ["u3", "resolved", "2026-11-01T12:00:00.000Z"],
    ]);
    // An empty body reads as the status.
    expect(r.value.updates[2]!.body).toBe("Resolved.");
  });

  it("gives each component the status the incident's latest update set for it", () => {
    const r = mapIncident(
      incident({
        components: [{ id: "c1", status: "operational" }],
        incident_updates: [
          update({ id: "u1", affected_components: [{ code: "c1", name: "API", old_status: "operational", new_status: "major_outage" }] }),
          update({ id: "u2", status: "identified", display_at: "2026-11-01T11:00:00.000Z", affected_components: null }),
        ],
      }),
    );
    expect(r.ok && r.value.components).toEqual([{ externalId: "c1", status: "major_outage" }]);
  });

  it("maps a scheduled maintenance with its window and impact none", () => {
    const r = mapIncident(
      incident({
        status: "scheduled",
        impact: "maintenance",
        scheduled_for: "2026-12-01T02:00:00.000Z",
        scheduled_until: "2026-12-01T04:00:00.000Z",
        incident_updates: [update({ status: "scheduled" })],
        components: [{ id: "c1", status: "operational" }],
      }),
    );
    expect(r.ok && r.value).toMatchObject({
      kind: "maintenance",
      impact: "none",
      startedAt: new Date("2026-12-01T02:00:00.000Z"),
      scheduledUntil: new Date("2026-12-01T04:00:00.000Z"),
      components: [{ externalId: "c1", status: "under_maintenance" }],
    });
  });

  it("refuses a window that ends before it starts", () => {
    const r = mapIncident(
      incident({
        status: "scheduled",
        scheduled_for: "2026-12-01T04:00:00.000Z",
        scheduled_until: "2026-12-01T02:00:00.000Z",
        incident_updates: [update({ status: "scheduled" })],
      }),
      "maintenance",
    );
    expect(!r.ok && r.skip.reason).toContain("scheduled_until");
  });
});

describe("isMaintenance", () => {
  it.each([
    [{ scheduled_for: "2026-12-01T02:00:00.000Z", status: "scheduled", impact: "none" }, true],
    [{ scheduled_for: null, status: "investigating", impact: "minor" }, false],
    [{ scheduled_for: null, status: "completed", impact: "maintenance" }, true],
    // A v1 incident that was once scheduled but is a real incident now keeps its kind.
    [{ scheduled_for: "2026-12-01T02:00:00.000Z", status: "resolved", impact: "major" }, false],
  ] as const)("%j → %s", (record, expected) => {
    expect(isMaintenance(record)).toBe(expected);
  });
});

describe("mapComponents", () => {
  const base = { status: "operational", created_at: "2020-01-01T00:00:00.000Z" };
  it("splits groups from components, keeps positions and finds a child's group from either side", () => {
    const r = mapComponents([
      { ...base, id: "a", name: "API", position: 1, group_id: null },
      { ...base, id: "g", name: "Apps", position: 2, group: true, components: ["b"] },
      { ...base, id: "b", name: "iOS", position: 1 },
      { ...base, id: "c", name: "Android", position: 2, group_id: "g" },
    ]);
    expect(r.skipped).toEqual([]);
    expect(r.groups).toEqual([{ externalId: "g", name: "Apps", description: null, position: 2 }]);
    expect(r.components.map((c) => [c.externalId, c.groupExternalId, c.position])).toEqual([
      ["a", null, 1],
      ["b", "g", 1],
      ["c", "g", 2],
    ]);
  });

  it("skips a component with a bad status or an unknown group, naming it", () => {
    const r = mapComponents([
      { ...base, id: "a", name: "API", status: "on_fire" },
      { ...base, id: "b", name: "Web", group_id: "nope" },
    ]);
    expect(r.components).toEqual([]);
    expect(r.skipped).toEqual([
      { kind: "component", id: "a", reason: expect.stringContaining("status:") },
      { kind: "component", id: "b", reason: "group_id: no group nope in the source" },
    ]);
  });
});

describe("mapSubscriber", () => {
  const sub = (over: Record<string, unknown> = {}) => ({
    id: "s1",
    mode: "email",
    email: "Ada@Example.com",
    quarantined_at: null,
    components: ["c1"],
    ...over,
  });
  it.each([
    ["listed as active", sub(), true, true],
    ["listed as unconfirmed", sub(), false, false],
    ["quarantined (bouncing)", sub({ quarantined_at: "2026-01-01T00:00:00.000Z" }), true, false],
  ])("an email subscriber %s is confirmed: %s", (_what, raw, listed, confirmed) => {
    const r = mapSubscriber(raw, listed);
    expect(r.ok && r.value).toMatchObject({ email: "ada@example.com", confirmed, componentExternalIds: ["c1"] });
  });

  it.each([
    [sub({ mode: "sms", email: null }), "SMS"],
    [sub({ mode: "webhook" }), "webhook"],
    [sub({ email: "not an address" }), "email:"],
  ])("skips %j", (raw, reason) => {
    const r = mapSubscriber(raw, true);
    expect(!r.ok && r.skip.reason).toContain(reason);
  });
});
