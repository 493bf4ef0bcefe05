import { describe, expect, it } from "vitest";
import type { ComponentView, IncidentView, PublicSnapshot } from "../public/types";
import type { AnyIncidentStatus, ComponentStatus } from "../status/schemas";
import { renderExposition } from "../prometheus/registry";
import { statusMetricFamilies } from "./status";

function component(slug: string, status: ComponentStatus, uptimePercent: number | null = 99.5, showUptime = true): ComponentView {
  return { id: slug, name: `${slug} "name"`, slug, description: null, status, showUptime, uptimePercent, days: [] };
}

function incident(id: string, kind: "incident" | "maintenance", status: AnyIncidentStatus): IncidentView {
  return {
    id,
    kind,
    name: id,
    status,
    impact: "minor",
    startedAt: "2026-01-01T00:00:00Z",
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    postmortemHtml: null,
    cancelledAt: null,
    components: [],
    updates: [],
  };
}

const snapshot: Pick<PublicSnapshot, "status" | "items" | "openIncidents" | "maintenances"> = {
  status: { indicator: "critical", description: "Major System Outage" },
  items: [
    { type: "component", component: component("api", "operational") },
    {
      type: "group",
      group: {
        id: "g",
        name: "Mobile\\Apps",
        description: null,
        status: "major_outage",
        components: [component("ios", "major_outage", 97.25), component("web", "operational", null), component("hidden", "operational", 99, false)],
      },
    },
  ],
  openIncidents: [incident("i1", "incident", "investigating"), incident("i2", "incident", "monitoring")],
  maintenances: [incident("m1", "maintenance", "in_progress"), incident("m2", "maintenance", "verifying"), incident("m3", "maintenance", "scheduled")],
};

const text = renderExposition(statusMetricFamilies(snapshot, false));
const lines = text.split("\n");

describe("statusMetricFamilies", () => {
  it("gives the page indicator as a number and one-hot", () => {
    expect(lines).toContain("vigil_page_status_indicator 4");
    expect(lines).toContain('vigil_page_status{indicator="critical"} 1');
    expect(lines).toContain('vigil_page_status{indicator="none"} 0');
    expect(lines.filter((l) => l.startsWith("vigil_page_status{"))).toHaveLength(5);
  });

  it("gives every component one series per status, exactly one of them 1, with its group and escaped name", () => {
    const ios = lines.filter((l) => l.startsWith('vigil_component_status{component="ios"'));
    expect(ios).toHaveLength(5);
    expect(ios.filter((l) => l.endsWith(" 1"))).toEqual([
      'vigil_component_status{component="ios",name="ios \\"name\\"",group="Mobile\\\\Apps",status="major_outage"} 1',
    ]);
    expect(lines).toContain('vigil_component_status{component="api",name="api \\"name\\"",group="",status="operational"} 1');
    expect(lines.filter((l) => l.startsWith("vigil_component_status{"))).toHaveLength(4 * 5);
  });

  it("says which components are up", () => {
    expect(lines).toContain('vigil_component_up{component="api",name="api \\"name\\"",group=""} 1');
    expect(lines).toContain('vigil_component_up{component="ios",name="ios \\"name\\"",group="Mobile\\\\Apps"} 0');
  });

  it("gives uptime as a ratio, only where the page shows one", () => {
    const uptime = lines.filter((l) => l.startsWith("vigil_component_uptime_ratio{"));
    expect(uptime).toEqual([
      'vigil_component_uptime_ratio{component="api",name="api \\"name\\"",group=""} 0.995',
      'vigil_component_uptime_ratio{component="ios",name="ios \\"name\\"",group="Mobile\\\\Apps"} 0.9725',
    ]);
  });

  it("counts open incidents and maintenances", () => {
    expect(lines).toContain("vigil_incidents_open 2");
    expect(lines).toContain("vigil_maintenances_active 2");
    expect(lines).toContain("vigil_maintenances_upcoming 1");
    expect(lines).toContain("vigil_public_snapshot_stale 0");
    expect(renderExposition(statusMetricFamilies(snapshot, true))).toContain("vigil_public_snapshot_stale 1");
  });

  it("declares every family as a gauge with help", () => {
    const families = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]);
    expect(families.every(([, type]) => type === "gauge")).toBe(true);
    for (const [name] of families) expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, "m"));
  });
});
