import { describe, expect, it } from "vitest";
import { fieldMessage, impactFor, isScheduledMaintenance, namedComponents, pageSlice } from "./rules";

describe("impactFor", () => {
  it.each([
    [undefined, [], "none"],
    [undefined, ["operational", "degraded_performance"], "minor"],
    [undefined, ["partial_outage", "degraded_performance"], "major"],
    [undefined, ["major_outage", "partial_outage"], "critical"],
    [undefined, ["under_maintenance"], "none"],
    ["minor", ["major_outage"], "minor"],
    [null, ["partial_outage"], "major"],
  ] as const)("override %s, statuses %j → %s", (override, statuses, expected) => {
    expect(impactFor(override, statuses)).toBe(expected);
  });
});

describe("namedComponents", () => {
  const current = new Map([
    ["a", "operational"],
    ["b", "partial_outage"],
  ] as const);
  it.each([
    [{}, []],
    [{ components: { a: "major_outage" } }, [{ componentId: "a", status: "major_outage" }]],
    [{ component_ids: ["b"] }, [{ componentId: "b", status: "partial_outage" }]],
    [
      { components: { a: "degraded_performance" }, component_ids: ["a", "b", "c"] },
      [
        { componentId: "a", status: "degraded_performance" },
        { componentId: "b", status: "partial_outage" },
        { componentId: "c", status: "operational" },
      ],
    ],
  ] as const)("%j → %j", (incident, expected) => {
    expect(namedComponents(incident as never, current)).toEqual(expected);
  });
});

describe("isScheduledMaintenance", () => {
  it.each([
    [{ status: "scheduled" }, true],
    [{ scheduled_for: "2026-12-01T00:00:00Z" }, true],
    [{ status: "investigating", scheduled_for: "2026-12-01T00:00:00Z" }, false],
    [{}, false],
  ] as const)("%j → %s", (incident, expected) => {
    expect(isScheduledMaintenance(incident)).toBe(expected);
  });
});

describe("pageSlice", () => {
  it.each([
    [
      { page: 1, per_page: 100 },
      { skip: 0, take: 100 },
    ],
    [
      { page: 3, per_page: 20 },
      { skip: 40, take: 20 },
    ],
    [
      { page: 2, per_page: 100, limit: 5 },
      { skip: 5, take: 5 },
    ],
  ])("%j → %j", (query, expected) => {
    expect(pageSlice(query)).toEqual(expected);
  });
});

it("fieldMessage names each field first", () => {
  expect(fieldMessage({ "incident.name": "required", "incident.status": "invalid" })).toBe("incident.name: required; incident.status: invalid");
});
