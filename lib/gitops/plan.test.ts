import { describe, expect, it } from "vitest";
import { ProbeDefinition } from "../probes/checks/config";
import { buildExport, minimalDefinition } from "./export";
import { formatPlan } from "./format";
import { diffValues, planChanges, secretPaths } from "./plan";
import { resolveDocument } from "./resolve";
import type { StoredState } from "./state";

// biome-ignore lint/suspicious/noExplicitAny: an exported file edited as a person would, by path.
type Doc = Record<string, any>;

const definition = (check: object, intervalSeconds = 60) => ProbeDefinition.parse({ check, schedule: { intervalSeconds } });

function state(): StoredState {
  return {
    settings: {
      name: "Acme",
      url: "https://status.acme.test",
      timeZone: "UTC",
      locale: "en-US",
      brandColor: null,
      supportUrl: null,
      footerLinks: [],
      aboutMarkdown: null,
      metaDescription: null,
    },
    installation: { allowMetadataProbeTargets: false, monthlyReportEnabled: true },
    groups: [{ id: "g1", name: "Core", description: null, order: 1 }],
    components: [
      { id: "c1", key: "web", name: "Web", description: null, groupId: null, order: 0, showUptime: true, slo: null, autoIncident: false, vendor: null },
      { id: "c2", key: "api", name: "API", description: "REST", groupId: "g1", order: 0, showUptime: true, slo: null, autoIncident: false, vendor: null },
      { id: "c3", key: "db", name: "DB", description: null, groupId: "g1", order: 1, showUptime: true, slo: null, autoIncident: false, vendor: null },
    ],
    probes: [
      {
        id: "p1",
        componentId: "c2",
        name: "API health",
        enabled: true,
        definition: definition({ kind: "http", url: "https://api.acme.test/health", auth: { type: "basic", username: "ops", password: "s3cret" } }),
      },
    ],
    templates: [
      { id: "t1", name: "Investigating", title: "Service disruption", status: "investigating", body: "Looking." },
      { id: "t2", name: "Old", title: "Old one", status: "resolved", body: "Done." },
    ],
  };
}

/** The export of `s` as plain data, edited by `edit`: what a person would commit. */
function exported(s: StoredState, edit: (doc: Doc) => void = () => {}) {
  const doc = JSON.parse(JSON.stringify(buildExport(s).document));
  edit(doc);
  return doc;
}

function plan(doc: unknown, s = state(), options = { prune: false }, environment: Record<string, string> = {}) {
  const resolved = resolveDocument(doc, s, environment);
  if (!resolved.ok) throw new Error(resolved.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  return planChanges(resolved.desired, s, options);
}

const summary = (p: ReturnType<typeof plan>) =>
  p.steps.map((s) => `${s.op} ${s.kind} ${s.label}${s.op === "update" ? `: ${s.changes.map((c) => c.field).join(", ")}` : ""}`);

describe("planChanges", () => {
  it("finds nothing to do in the state's own export", () => {
    const p = plan(exported(state()));
    expect(p.steps).toEqual([]);
    expect(p.kept).toEqual([]);
    expect(formatPlan(p)).toBe("No changes.");
  });

  it.each<[string, (doc: Doc) => void, string[]]>([
    ["a renamed component", (d) => (d.components[0].name = "Website"), ["update component Website: name"]],
    ["a changed interval", (d) => (d.probes[0].schedule.intervalSeconds = 30), ['update probe API health" on "api: schedule.intervalSeconds']],
    ["a new template", (d) => d.templates.push({ name: "Fixed", title: "All good", status: "resolved", body: "Fixed." }), ["create template Fixed"]],
    ["a component moved to the group", (d) => (d.components[0].group = "Core"), ["update component Web: group", "order component page order"]],
    [
      "a new component in a new group",
      (d) => {
        d.groups.push({ name: "Edge" });
        d.components.push({ key: "cdn", name: "CDN", group: "Edge" });
      },
      ["create group Edge", "create component CDN"],
    ],
    [
      "swapped order",
      (d) => {
        d.components[1].order = 1;
        d.components[2].order = 0;
      },
      ["order component page order"],
    ],
    ["an SLO", (d) => (d.components[0].slo = { target: 99.9 }), ["update component Web: slo"]],
    ["a probe turned off", (d) => (d.probes[0].enabled = false), ['update probe API health" on "api: enabled']],
    ["a probe moved to another component", (d) => (d.probes[0].component = "db"), ['replace probe API health" on "db']],
    ["a setting", (d) => (d.settings.brandColor = "#0B7285"), ["update settings settings: brandColor"]],
    ["an installation setting", (d) => (d.installation.monthlyReportEnabled = false), ["update installation installation: monthlyReportEnabled"]],
  ])("%s", (_name, edit, expected) => {
    expect(summary(plan(exported(state(), edit)))).toEqual(expected);
  });

  it("keeps what the file leaves out, and deletes it with --prune, probes first and groups last", () => {
    const doc = exported(state(), (d) => {
      d.templates = d.templates.filter((t: { name: string }) => t.name !== "Old");
      d.probes = [];
      d.components = d.components.filter((c: { key: string }) => c.key === "web");
      d.groups = [];
    });
    expect(plan(doc).kept.map((k) => `${k.kind} ${k.label}`)).toEqual([
      'probe API health" on "api',
      "template Old",
      "component API",
      "component DB",
      "group Core",
    ]);
    const pruned = plan(doc, state(), { prune: true });
    expect(summary(pruned)).toEqual([
      'delete probe API health" on "api',
      "delete template Old",
      "delete component API",
      "delete component DB",
      "delete group Core",
    ]);
    expect(pruned.kept).toEqual([]);
  });

  it("leaves a section the file does not have alone, even with --prune", () => {
    expect(plan({ version: 1, templates: exported(state()).templates }, state(), { prune: true }).steps).toEqual([]);
  });

  it("matches by id across a rename, and by name without one", () => {
    const renamed = exported(state(), (d) => (d.templates[1].name = "Older"));
    expect(summary(plan(renamed))).toEqual(["update template Older: name"]);
    const byName = exported(state(), (d) => {
      for (const t of d.templates) delete t.id;
      d.templates[1].body = "Done and dusted.";
    });
    expect(summary(plan(byName))).toEqual(["update template Old: body"]);
    const swapped = exported(state(), (d) => {
      // A new template named like one renamed by id: the renamed one keeps its record.
      d.templates[1].name = "Older";
      d.templates.unshift({ name: "Old", title: "New one", status: "resolved", body: "New." });
    });
    expect(summary(plan(swapped))).toEqual(["create template Old", "update template Older: name"]);
  });

  it("says a secret changes without saying what to", () => {
    const doc = exported(state(), (d) => (d.probes[0].check.auth.password = "${env:API_PASSWORD}"));
    const p = plan(doc, state(), { prune: false }, { API_PASSWORD: "n3w" });
    expect(p.steps).toMatchObject([{ op: "update", changes: [{ field: "check.auth.password", secret: true }] }]);
    expect(formatPlan(p)).toContain("check.auth.password (secret changed)");
    expect(formatPlan(p)).not.toContain("n3w");
    expect(
      plan(
        exported(state(), (d) => (d.probes[0].check.auth.password = "${env:API_PASSWORD}")),
        state(),
        { prune: false },
        { API_PASSWORD: "s3cret" },
      ).steps,
    ).toEqual([]);
  });

  it("prints terraform-like lines", () => {
    const p = plan(
      exported(state(), (d) => {
        d.components[0].name = "Website";
        d.probes[0].schedule.intervalSeconds = 30;
        d.templates.push({ name: "Fixed", title: "All good", status: "resolved", body: "Fixed." });
        d.templates = d.templates.filter((t: { name: string }) => t.name !== "Old");
      }),
      state(),
      { prune: true },
    );
    expect(formatPlan(p).split("\n")).toEqual([
      '~ component "Website" name "Web" → "Website"',
      '~ probe "API health" on "api" schedule.intervalSeconds 60 → 30',
      '+ template "Fixed"',
      '- template "Old"',
      "",
      "Plan: 1 to create, 2 to update, 0 to replace, 1 to delete; 6 unchanged.",
    ]);
  });
});

describe("export", () => {
  it("writes ${stored} for every sealed field and leaves defaults out", () => {
    const min = minimalDefinition(
      definition({ kind: "http", url: "https://x.test/h?key=1", headers: { "X-Key": "k" }, auth: { type: "bearer", token: "t" }, method: "GET" }),
    );
    expect(min).toEqual({
      check: { kind: "http", url: "${stored}", headers: { "X-Key": "${stored}" }, auth: { type: "bearer", token: "${stored}" } },
      schedule: { intervalSeconds: 60 },
    });
  });

  it("keeps a timeout that differs from the schedule's default", () => {
    expect(minimalDefinition(definition({ kind: "tcp", host: "db.test", port: 5432, timeoutMs: 3000 })).check).toEqual({
      kind: "tcp",
      host: "db.test",
      port: 5432,
      timeoutMs: 3000,
    });
  });
});

describe("diffValues and secretPaths", () => {
  it("lists leaf changes by path", () => {
    expect(diffValues({ a: 1, b: { c: 2, d: [1] } }, { a: 1, b: { c: 3, d: [1, 2] } }, "")).toEqual([
      { field: "b.c", before: 2, after: 3 },
      { field: "b.d", before: [1], after: [1, 2] },
    ]);
  });

  it("names the sealed fields of a check", () => {
    expect([...secretPaths({ kind: "http", url: "https://x.test/", body: "b", auth: { type: "basic", username: "u", password: "p" } })]).toEqual([
      "check.body",
      "check.auth.password",
    ]);
    expect([...secretPaths({ kind: "tcp", host: "h", port: 1 })]).toEqual([]);
  });
});
