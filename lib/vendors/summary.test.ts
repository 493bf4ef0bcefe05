import { describe, expect, it } from "vitest";
import { parseVendorSummary, readMirror, type VendorSummary } from "./summary";

const summary = (indicator: string, components: VendorSummary["components"] = []): VendorSummary => ({
  page: { name: "Acme Cloud" },
  status: { indicator },
  components,
});
const git = { id: "8l4ygp009s5s", name: "Git Operations", status: "partial_outage" };

describe("readMirror", () => {
  it.each([
    ["none", "operational"],
    ["minor", "degraded_performance"],
    ["major", "partial_outage"],
    ["critical", "major_outage"],
    ["maintenance", "under_maintenance"],
  ] as const)("the whole page at %s shows %s", (indicator, status) => {
    expect(readMirror(summary(indicator), null)).toEqual({ ok: true, status, vendorName: "Acme Cloud", componentName: null });
  });

  it.each([
    ["by id", "8l4ygp009s5s"],
    ["by name", "Git Operations"],
    ["by name, in another case and with spaces", "  git operations "],
  ])("finds a component %s", (_label, wanted) => {
    expect(readMirror(summary("minor", [git]), wanted)).toEqual({
      ok: true,
      status: "partial_outage",
      vendorName: "Acme Cloud",
      componentName: "Git Operations",
    });
  });

  it.each([
    ["an unknown component", summary("none", [git]), "Pages", /lists no component "Pages"/],
    ["an unknown component status", summary("none", [{ ...git, status: "on_fire" }]), git.id, /unknown status "on_fire" for Git Operations/],
    ["an unknown indicator", summary("purple"), null, /unknown overall status "purple"/],
  ])("says why for %s", (_label, s, wanted, error) => {
    const reading = readMirror(s, wanted);
    expect(reading.ok).toBe(false);
    expect(reading.ok ? "" : reading.error).toMatch(error);
  });
});

describe("parseVendorSummary", () => {
  it("takes a real summary with fields it does not know", () => {
    const body = JSON.stringify({
      page: { id: "kctbh9vrtdwd", name: "GitHub", url: "https://www.githubstatus.com", time_zone: "Etc/UTC", updated_at: "2026-12-01T00:00:00Z" },
      status: { indicator: "none", description: "All Systems Operational" },
      components: [{ ...git, created_at: "2017-01-31T20:05:05.370Z", position: 1, group_id: null, showcase: false, only_show_if_degraded: false }],
      incidents: [],
      scheduled_maintenances: [],
    });
    const parsed = parseVendorSummary(body);
    expect(parsed.ok && parsed.summary.components[0]!.name).toBe("Git Operations");
  });

  it.each([
    ["HTML", "<html>Moved</html>", /did not answer JSON/],
    ["JSON of another shape", '{"status":"ok"}', /not a Statuspage summary\.json \(page: /],
  ])("refuses %s with a reason", (_label, body, error) => {
    const parsed = parseVendorSummary(body);
    expect(parsed.ok ? "" : parsed.error).toMatch(error);
  });
});
