import { describe, expect, it } from "vitest";
import { parseStatusDocument } from "./document";

const issues = (value: unknown) => parseStatusDocument(value).issues.map((i) => `${[...i.path, ...(i.key ? [i.key] : [])].join(".")}: ${i.message}`);

describe("parseStatusDocument", () => {
  it("reads a minimal file; sections left out are not managed", () => {
    const { document, issues: found } = parseStatusDocument({ version: 1, components: [{ key: "web", name: "Web" }] });
    expect(found).toEqual([]);
    expect(document).toMatchObject({ settings: null, groups: null, probes: null, templates: null });
    expect(document!.components).toEqual([{ key: "web", name: "Web", showUptime: true, autoIncident: false, index: 0 }]);
  });

  it("reads an empty section as managed and empty", () => {
    expect(parseStatusDocument({ version: 1, templates: null }).document!.templates).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ["a missing version", {}, ["version: version must be 1"]],
    ["an unknown top-level key", { version: 1, component: [] }, ['component: unknown key "component"']],
    ["an unknown key in an entry", { version: 1, groups: [{ name: "Core", colour: "red" }] }, ['groups.0.colour: unknown key "colour"']],
    [
      "a bad key",
      { version: 1, components: [{ key: "Public API", name: "API" }] },
      ["components.0.key: a key is lowercase letters and digits joined by hyphens, e.g. public-api"],
    ],
    [
      "a repeated component key",
      {
        version: 1,
        components: [
          { key: "web", name: "Web" },
          { key: "web", name: "Web 2" },
        ],
      },
      ["components.1.key: this key is already used by components[0]"],
    ],
    [
      "a repeated probe name on one component",
      {
        version: 1,
        probes: [
          { name: "Up", component: "web", check: { kind: "tcp" }, schedule: {} },
          { name: "up", component: "web", check: { kind: "tcp" }, schedule: {} },
        ],
      },
      ["probes.1.name: this probe name on the same component is already used by probes[0]"],
    ],
    [
      "a template status",
      { version: 1, templates: [{ name: "T", title: "Title", status: "broken", body: "b" }] },
      ["templates.0.status: status must be one of investigating, identified, monitoring, resolved, scheduled, in_progress, verifying, completed"],
    ],
    ["a bad setting", { version: 1, settings: { brandColor: "red" } }, ["settings.brandColor: a colour as #rrggbb, e.g. #0b7285"]],
    [
      "a probe without a schedule",
      { version: 1, probes: [{ name: "Up", component: "web", check: { kind: "tcp" } }] },
      ["probes.0.schedule: schedule is required, e.g. intervalSeconds: 60"],
    ],
    [
      "an SLO out of range",
      { version: 1, components: [{ key: "web", name: "Web", slo: { target: 100 } }] },
      ["components.0.slo.target: a target is at most 99.999 %"],
    ],
  ])("refuses %s", (_name, value, expected) => {
    expect(issues(value)).toEqual(expected);
  });

  it("reports every entry's problems in one pass", () => {
    expect(issues({ version: 1, groups: [{ name: "" }, { name: "Ok" }, { nam: "x" }] })).toHaveLength(3);
  });
});
