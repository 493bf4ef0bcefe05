import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { StaffContext } from "@/lib/auth/staff";
import { addComponent, createGroup } from "@/lib/components/staff-verbs";
import type { Db } from "@/lib/db";
import { type ApplyOptions, applyFile, exportFromDb } from "@/lib/gitops/run";
import { loadStoredState } from "@/lib/gitops/state";
import { createProbe } from "@/lib/probes/staff-verbs";
import { seedIfEmpty } from "@/lib/seed/demo";
import type { VendorFetcher } from "@/lib/vendors/fetch";
import { resetDb, testDatabaseUrl, testDb } from "./db";

// Issue 17, status as code: `vigil export | vigil apply` on the seeded demo changes nothing;
// an edited export changes exactly what was edited, through the staff verbs (audited as
// "vigil apply", revision bumped), in one transaction; what the console creates is exported;
// probe secrets never leave the database in the file and are kept, or set from ${env:}.

let db: Db;
const editor: StaffContext = { role: "admin", actor: { id: null, email: "console@example.com", ip: null }, sessionId: null };
const vendorBody = JSON.stringify({
  page: { name: "Upstream" },
  status: { indicator: "none" },
  components: [{ id: "v1", name: "API", status: "operational" }],
});
const fetcher: VendorFetcher = async () => ({ kind: "body", body: vendorBody, etag: null });
const options = (over: Partial<ApplyOptions> = {}): ApplyOptions => ({ environment: {}, fetcher, ...over });

// biome-ignore lint/suspicious/noExplicitAny: an exported file, edited by path as a person would.
type Doc = Record<string, any>;

async function exported(): Promise<string> {
  return (await exportFromDb(db)).text;
}

async function edit(change: (doc: Doc) => void): Promise<string> {
  const doc = parse(await exported()) as Doc;
  change(doc);
  return stringify(doc);
}

const revision = async () => (await db.pageSetting.findUniqueOrThrow({ where: { id: 1 } })).revision;

beforeAll(async () => {
  db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: "http://127.0.0.1:3400" });
});

describe("vigil export | vigil apply", () => {
  it("round-trips the demo with no changes", async () => {
    const text = await exported();
    expect(text).toContain("version: 1");
    expect(text).toContain("key: accounting-mobile-app");
    const outcome = await applyFile(db, "vigil.yaml", text, options({ dryRun: true }));
    expect(outcome).toMatchObject({ exitCode: 0, applied: false, plan: { steps: [], kept: [] } });
    const applied = await applyFile(db, "vigil.yaml", text, options({ prune: true }));
    expect(applied).toMatchObject({ exitCode: 0, applied: false, plan: { steps: [] } });
  });

  it("exports what the console created, without its secrets, and applies it back unchanged", async () => {
    const group = await createGroup(db, editor, { name: "Payments" });
    const component = await addComponent(db, editor, { name: "Billing", description: "Invoices", groupId: group.id });
    await createProbe(db, editor, {
      componentId: component.id,
      name: "Billing API",
      check: {
        kind: "http",
        url: "http://127.0.0.1:3401/health?token=q-secret",
        headers: { "X-Api-Key": "header-secret" },
        auth: { type: "basic", username: "ops", password: "pass-secret" },
      },
      schedule: { intervalSeconds: 120 },
    });
    await createProbe(db, editor, {
      componentId: component.id,
      name: "Nightly job",
      check: { kind: "heartbeat", graceSeconds: 300 },
      schedule: { cron: "0 0 3 * * *" },
    });
    const text = await exported();
    const doc = parse(text) as Doc;
    expect(doc.probes.find((p: Doc) => p.name === "Nightly job")).toMatchObject({
      check: { kind: "heartbeat", graceSeconds: 300 },
      schedule: { cron: "0 0 3 * * *" },
    });
    expect(doc.groups.find((g: Doc) => g.name === "Payments")).toMatchObject({ id: group.id, order: expect.any(Number) });
    expect(doc.components.find((c: Doc) => c.key === "billing")).toMatchObject({ name: "Billing", description: "Invoices", group: "Payments", order: 0 });
    expect(doc.probes.find((p: Doc) => p.name === "Billing API")).toMatchObject({
      component: "billing",
      check: { url: "${stored}", headers: { "X-Api-Key": "${stored}" }, auth: { type: "basic", username: "ops", password: "${stored}" } },
      schedule: { intervalSeconds: 120 },
    });
    for (const secret of ["q-secret", "header-secret", "pass-secret"]) expect(text).not.toContain(secret);
    expect(await applyFile(db, "vigil.yaml", text, options())).toMatchObject({ exitCode: 0, plan: { steps: [] } });
  });

  it("applies an edited export, audited, and a second apply has nothing to do", async () => {
    const before = await revision();
    const text = await edit((doc) => {
      doc.components.find((c: Doc) => c.key === "verify").name = "Verify Service";
      doc.components.find((c: Doc) => c.key === "hq").slo = { target: 99.9, window: "90d", public: true };
      doc.components.find((c: Doc) => c.key === "go").vendor = { url: "https://upstream.example/api/v2/summary.json", component: "API" };
      doc.components.push({ key: "new-thing", name: "New Thing", group: "Mobile Apps", order: 0, autoIncident: true });
      doc.probes.find((p: Doc) => p.component === "verify").schedule.intervalSeconds = 30;
      doc.probes.push({ name: "Backup", component: "new-thing", check: { kind: "heartbeat" }, schedule: { intervalSeconds: 3600 } });
      doc.templates = doc.templates.filter((t: Doc) => t.name !== "Identified");
      doc.templates.push({ name: "Degraded", title: "Slower than usual", status: "investigating", body: "Some requests are slow." });
    });
    const planned: string[] = [];
    const outcome = await applyFile(db, "vigil.yaml", text, options({ prune: true, onPlan: (p) => planned.push(p) }));
    expect(outcome).toMatchObject({ exitCode: 0, result: { heartbeatTokens: [{ probe: "Backup", token: expect.any(String) }] } });
    expect(planned[0]!.split("\n")).toEqual(
      expect.arrayContaining([
        '~ component "Verify Service" name "Verify" → "Verify Service"',
        '+ component "New Thing"',
        '~ probe "Health check (demo)" on "verify" schedule.intervalSeconds 60 → 30',
        '+ probe "Backup" on "new-thing"',
        '+ template "Degraded"',
        '- template "Identified"',
      ]),
    );

    const state = await loadStoredState(db);
    const byKey = (key: string) => state.components.find((c) => c.key === key)!;
    expect(byKey("verify").name).toBe("Verify Service");
    expect(byKey("hq").slo).toEqual({ target: 99.9, window: "90d", public: true });
    expect(byKey("go").vendor).toEqual({ url: "https://upstream.example/api/v2/summary.json", component: "API", intervalSeconds: 300 });
    // order 0 ties with Accounting Mobile App's, listed earlier: file order decides.
    expect(byKey("new-thing")).toMatchObject({ name: "New Thing", order: 1, autoIncident: true, groupId: state.groups[0]!.id });
    expect(byKey("expenses-app").order).toBe(2);
    expect(state.probes.find((p) => p.componentId === byKey("verify").id)!.definition!.schedule).toEqual({ intervalSeconds: 30 });
    expect(state.templates.map((t) => t.name)).toContain("Degraded");
    expect(state.templates.map((t) => t.name)).not.toContain("Identified");
    expect(await revision()).toBeGreaterThan(before);
    const audit = await db.auditEvent.findMany({ where: { actorEmail: "vigil apply" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["component.edit", "component.create", "probe.edit", "template.create", "template.delete", "component.vendor_mirror"]),
    );

    expect(await applyFile(db, "vigil.yaml", text, options({ prune: true }))).toMatchObject({ exitCode: 0, applied: false, plan: { steps: [] } });
    expect(await applyFile(db, "vigil.yaml", await exported(), options({ prune: true }))).toMatchObject({ plan: { steps: [] } });
  });

  it("sets a secret from ${env:}, and keeps the stored one when the file says ${stored}", async () => {
    const text = await edit((doc) => {
      doc.probes.find((p: Doc) => p.name === "Billing API").check.auth.password = "${env:BILLING_PASSWORD}";
    });
    const planned: string[] = [];
    const outcome = await applyFile(db, "vigil.yaml", text, options({ environment: { BILLING_PASSWORD: "rotated-secret" }, onPlan: (p) => planned.push(p) }));
    expect(outcome.exitCode).toBe(0);
    expect(planned[0]).toContain("check.auth.password (secret changed)");
    expect(planned[0]).not.toContain("rotated-secret");
    const probe = (await loadStoredState(db)).probes.find((p) => p.name === "Billing API")!;
    expect(probe.definition!.check).toMatchObject({ auth: { password: "rotated-secret" }, headers: { "X-Api-Key": "header-secret" } });
    const missing = await applyFile(db, "vigil.yaml", text, options());
    expect(missing).toMatchObject({
      exitCode: 2,
      errors: [expect.stringMatching(/^vigil\.yaml:\d+:\d+ probes\[\d+\]\.check\.auth\.password: \$\{env:BILLING_PASSWORD\} is not set/)],
    });
  });

  it("refuses an invalid file with line numbers, writing nothing", async () => {
    const before = await revision();
    const text = await edit((doc) => {
      doc.components[0].name = "Renamed";
      doc.probes[0].component = "no-such-component";
      doc.templates[0].colour = "red";
    });
    const outcome = await applyFile(db, "vigil.yaml", text, options());
    expect(outcome.exitCode).toBe(2);
    if (outcome.exitCode !== 2) return;
    expect(outcome.errors).toEqual([
      expect.stringMatching(/^vigil\.yaml:\d+:\d+ probes\[0\]\.component: no component with key "no-such-component" in components$/),
      expect.stringMatching(/^vigil\.yaml:\d+:\d+ templates\[0\]\.colour: unknown key "colour"$/),
    ]);
    expect(await revision()).toBe(before);
  });

  it("rolls everything back when a verb refuses a step", async () => {
    const before = await revision();
    const text = await edit((doc) => {
      doc.groups.push({ name: "Never" });
      const probe = doc.probes.find((p: Doc) => p.component === "tax-uk");
      // A component holds at most 20 probes: the 20th new one is refused by createProbe.
      for (let i = 0; i < 20; i++) doc.probes.push({ ...probe, id: undefined, name: `Extra ${i}` });
    });
    const outcome = await applyFile(db, "vigil.yaml", text, options());
    expect(outcome).toMatchObject({ exitCode: 1, errors: [expect.stringMatching(/^refused, nothing was changed: A component can have at most 20 probes/)] });
    expect(await db.componentGroup.count({ where: { name: "Never" } })).toBe(0);
    expect(await revision()).toBe(before);
  });

  it("a hand-written partial file leaves the rest alone", async () => {
    const text = [
      "version: 1",
      "templates:",
      "  - name: Hand written",
      "    title: Looking into it",
      "    status: investigating",
      "    body: We are on it.",
      "",
    ].join("\n");
    const outcome = await applyFile(db, "ops.yaml", text, options());
    expect(outcome).toMatchObject({ exitCode: 0, applied: true });
    if (outcome.exitCode !== 0) return;
    expect(outcome.plan.kept.map((k) => k.kind)).toEqual(expect.arrayContaining(["template"]));
    expect(await db.component.count()).toBeGreaterThan(10);
    expect(await applyFile(db, "ops.yaml", text, options())).toMatchObject({ plan: { steps: [] } });
  });

  it("works as the command line: export piped to apply, usage errors exit 2", () => {
    const vigil = (args: string[], input?: string) =>
      spawnSync("npx", ["tsx", "scripts/vigil.ts", ...args], {
        input,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
        timeout: 60_000,
      });
    const exportRun = vigil(["export"]);
    expect(exportRun.status, exportRun.stderr).toBe(0);
    const applyRun = vigil(["apply", "-", "--dry-run"], exportRun.stdout);
    expect({ status: applyRun.status, stdout: applyRun.stdout.trim() }).toEqual({ status: 0, stdout: "No changes." });
    const bad = vigil(["apply"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Usage: npm run vigil -- export");
    expect(vigil(["--help"]).stdout).toContain("--prune");
  }, 120_000);
});
