import { describe, expect, it } from "vitest";
import { pageStatus, worstStatus } from "./rules";
import type { ComponentStatus, Impact } from "./schemas";

describe("worstStatus", () => {
  it.each<[ComponentStatus[], ComponentStatus]>([
    [[], "operational"],
    [["operational", "operational"], "operational"],
    [["operational", "under_maintenance"], "under_maintenance"],
    [["under_maintenance", "degraded_performance"], "degraded_performance"],
    [["degraded_performance", "partial_outage", "operational"], "partial_outage"],
    [["major_outage", "partial_outage"], "major_outage"],
  ])("%j -> %s", (input, expected) => {
    expect(worstStatus(input)).toBe(expected);
  });
});

describe("pageStatus", () => {
  it.each<[ComponentStatus[], Impact[], boolean, string, string]>([
    [["operational"], [], false, "none", "All Systems Operational"],
    [["operational"], [], true, "maintenance", "Service Under Maintenance"],
    [["under_maintenance", "operational"], [], false, "maintenance", "Service Under Maintenance"],
    [["degraded_performance"], [], true, "minor", "Degraded Performance"],
    [["partial_outage", "degraded_performance"], [], false, "major", "Partial System Outage"],
    [["major_outage", "operational"], [], false, "critical", "Major System Outage"],
    [["operational"], ["none"], false, "none", "All Systems Operational"],
    [["operational"], ["minor"], false, "minor", "Degraded Performance"],
    [["degraded_performance"], ["critical"], false, "critical", "Major System Outage"],
    [["major_outage"], ["minor"], false, "critical", "Major System Outage"],
  ])("%j + %j (maintenance %s) -> %s", (statuses, impacts, maint, indicator, description) => {
    expect(pageStatus({ componentStatuses: statuses, openIncidentImpacts: impacts, maintenanceInProgress: maint })).toEqual({ indicator, description });
  });
});
