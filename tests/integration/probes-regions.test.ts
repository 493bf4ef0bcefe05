import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import { listComponentProbes } from "@/lib/console/queries";
import type { Db } from "@/lib/db";
import { createMaintenance } from "@/lib/incidents/create-incident";
import { advanceMaintenances } from "@/lib/incidents/maintenance/advance";
import { renderExposition } from "@/lib/prometheus/registry";
import { probeMetricFamilies, resetProbeMetrics } from "@/lib/probes/metrics";
import { parseEvidence } from "@/lib/probes/state/evidence";
import { reconcileObservedStatuses, settleObservedStatus } from "@/lib/probes/state/reconcile";
import { decodeHealthChanges } from "@/lib/probes/state/state-codec";
import { createProbe, setAutoIncident } from "@/lib/probes/staff-verbs";
import { ProbeWorker, runProbeOnce } from "@/lib/probes/worker";
import { startHttp, startSwitchableTarget, type SwitchableTarget } from "@/tests/support/probe-servers";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Issue 15: several regions decide together (no transient Partial step, an incident's
// impact follows the worst status), the worker confirms within seconds by re-checking,
// skipped slots are counted, and maintenance windows page nobody. Most tests drive the
// checks one by one with explicit clocks against a real local target; the worker tests
// run real ProbeWorkers on a fast clock.

let db: Db;
const editor: StaffContext = { role: "editor", actor: { id: "editor-1", email: "ed@example.com", ip: "198.51.100.7" }, sessionId: null };
const BASE = Date.parse("2026-12-01T10:00:00Z");
/** Slot i of a 60 s interval, plus `seconds` (the re-checks come 3 s apart). */
const t = (i: number, seconds = 0) => new Date(BASE + i * 60_000 + seconds * 1000);
const REGIONS = ["ap", "eu", "us"] as const;
const quiet = { log: () => undefined, error: () => undefined };

type Target = SwitchableTarget;

let web: Target;
let web2: Target;
beforeAll(async () => {
  web = await startSwitchableTarget();
  web2 = await startSwitchableTarget();
});
afterAll(async () => {
  await web.close();
  await web2.close();
});

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  web.status = 200;
  web2.status = 200;
});

async function autoComponent(slug = "hubdoc") {
  const component = await createComponent(db, slug);
  await setAutoIncident(db, editor, { componentId: component.id, enabled: true });
  return component;
}

const httpProbe = (componentId: string, target: Target = web, intervalSeconds = 60, name = "API") =>
  createProbe(db, editor, { componentId, name, check: { kind: "http", url: `${target.url}/health` }, schedule: { intervalSeconds } });

/** One check of every region listed at `when`, each seeing its own answer from the target. */
async function round(probeId: string, when: Date, statuses: Partial<Record<(typeof REGIONS)[number], number>>, target: Target = web) {
  for (const [region, status] of Object.entries(statuses)) {
    target.status = status;
    await runProbeOnce(db, probeId, { region, now: () => when });
  }
}
const all = (status: number) => Object.fromEntries(REGIONS.map((r) => [r, status]));

const componentOf = (id: string) =>
  db.component.findUniqueOrThrow({ where: { id }, select: { status: true, observedStatus: true, manualStatus: true, autoIncidentId: true } });
const historyOf = async (id: string) =>
  (await db.componentStatusChange.findMany({ where: { componentId: id }, orderBy: [{ at: "asc" }, { createdAt: "asc" }] })).map((h) => ({
    ...h,
    step: `${h.fromStatus} → ${h.toStatus}`,
  }));
const incidentsOf = (componentId: string) =>
  db.incident.findMany({
    where: { kind: "incident", components: { some: { componentId } } },
    include: { updates: { orderBy: { displayAt: "asc" } }, components: true },
  });

/** Polls until `done` (real time). */
async function until(what: string, done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("three regions decide together", () => {
  it("an outage every region sees is one step to Major: one major incident, no transient Partial row, and the same on recovery", async () => {
    const hubdoc = await autoComponent();
    const probe = await httpProbe(hubdoc.id);
    await round(probe.id, t(0), all(200));
    await round(probe.id, t(0, 3), all(200));
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: "operational" });

    // The first failure, then two re-checks: each region confirms on its third, in its own transaction.
    await round(probe.id, t(1), all(503));
    await round(probe.id, t(1, 3), all(503));
    await round(probe.id, t(1, 6), { ap: 503, eu: 503 });
    // Two of three have confirmed; the third is still confirming: nothing is written yet.
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: "operational" });
    expect(await historyOf(hubdoc.id)).toEqual([]);
    await round(probe.id, t(1, 6), { us: 503 });
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "major_outage", observedStatus: "major_outage", manualStatus: null });

    let history = await historyOf(hubdoc.id);
    expect(history.map((h) => h.step)).toEqual(["operational → major_outage"]);
    const evidence = parseEvidence(history[0]!.evidence)!;
    // Every region's checks, not only the one that tipped it.
    expect(new Set(evidence.checks.map((c) => c.region))).toEqual(new Set(REGIONS));
    expect(evidence.checks.filter((c) => c.region === "ap").map((c) => c.outcome)).toEqual(["failed", "failed", "failed", "ok", "ok"]);
    expect(evidence.probes[0]).toMatchObject({ status: "down", regions: { ap: "down", eu: "down", us: "down" } });

    const [incident, ...others] = await incidentsOf(hubdoc.id);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ impact: "major", status: "investigating", resolvedAt: null });
    expect(incident!.components.map((c) => c.status)).toEqual(["major_outage"]);

    // Recovery: the first region back does not make a Partial step either.
    await round(probe.id, t(2), all(200));
    await round(probe.id, t(2, 3), { ap: 200 });
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
    await round(probe.id, t(2, 3), { eu: 200, us: 200 });
    history = await historyOf(hubdoc.id);
    expect(history.map((h) => h.step)).toEqual(["operational → major_outage", "major_outage → operational"]);
    expect((await incidentsOf(hubdoc.id))[0]).toMatchObject({ status: "resolved", impact: "major" });
    // Each region keeps its own verdicts.
    const states = await db.probeState.findMany({ where: { probeId: probe.id }, orderBy: { region: "asc" } });
    expect(states.map((s) => decodeHealthChanges(s.healthChanges).map((c) => c.health))).toEqual(REGIONS.map(() => ["up", "down", "up"]));
  });

  it("a real partial outage that becomes major raises its incident to major, with an update; easing does not lower it", async () => {
    const hubdoc = await autoComponent();
    const probe = await httpProbe(hubdoc.id);
    for (const s of [0, 3]) await round(probe.id, t(0, s), all(200));
    // ap still reaches the target: a partial outage, decided at once (no region is confirming anything else).
    for (const s of [0, 3, 6]) await round(probe.id, t(1, s), { ap: 200, eu: 503, us: 503 });
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "partial_outage" });
    let [incident] = await incidentsOf(hubdoc.id);
    expect(incident).toMatchObject({ impact: "minor" });

    for (const s of [0, 3, 6]) await round(probe.id, t(2, s), all(503));
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "major_outage", manualStatus: null, autoIncidentId: incident!.id });
    [incident] = await incidentsOf(hubdoc.id);
    expect(incident).toMatchObject({ impact: "major", status: "investigating" });
    expect(incident!.updates.map((u) => u.body)).toEqual([
      "We are aware of issues with HUBDOC and are investigating.",
      "HUBDOC is now failing its checks everywhere: this is a major outage. We are still investigating.",
    ]);
    expect(incident!.components.map((c) => c.status)).toEqual(["major_outage"]);
    expect(JSON.parse(incident!.updates[1]!.affectedComponents!)).toMatchObject([{ new_status: "major_outage" }]);
    const audit = await db.auditEvent.findMany({ where: { action: "incident.auto_raise" } });
    expect(audit.map((a) => [a.targetId, JSON.parse(a.before!), JSON.parse(a.after!).impact])).toEqual([[incident!.id, { impact: "minor" }, "major"]]);
    // Replaying the confirming result raises nothing twice.
    await round(probe.id, t(2, 6), { ap: 503 });
    expect((await incidentsOf(hubdoc.id))[0]!.updates).toHaveLength(2);

    // ap recovers: partial again, but the incident keeps the worst it reached.
    for (const s of [0, 3]) await round(probe.id, t(3, s), { ap: 200, eu: 503, us: 503 });
    expect((await componentOf(hubdoc.id)).status).toBe("partial_outage");
    expect((await incidentsOf(hubdoc.id))[0]).toMatchObject({ impact: "major" });
    expect((await incidentsOf(hubdoc.id))[0]!.updates).toHaveLength(2);
    expect((await historyOf(hubdoc.id)).map((h) => h.step)).toEqual([
      "operational → partial_outage",
      "partial_outage → major_outage",
      "major_outage → partial_outage",
    ]);
  });

  it("a move held for a region that goes quiet is written once the bound passes (the worker's settle, or the reconcile job)", async () => {
    for (const [slug, release] of [
      ["hubdoc", "settle"],
      ["central", "reconcile"],
    ] as const) {
      const component = await createComponent(db, slug, slug === "hubdoc" ? 0 : 1);
      const probe = await httpProbe(component.id);
      for (const s of [0, 3]) await round(probe.id, t(0, s), all(200));
      for (const s of [0, 3]) await round(probe.id, t(1, s), all(503));
      await round(probe.id, t(1, 6), { ap: 503, eu: 503 }); // us, still confirming, never reports again
      expect(await componentOf(component.id)).toMatchObject({ status: "operational", observedStatus: "operational" });
      if (release === "settle") {
        // Within the bound (5 s after the last region's change): still waiting.
        expect(await settleObservedStatus(db, component.id, t(1, 9))).toMatchObject({ observed: "operational", heldUntil: expect.any(Date) });
        expect(await historyOf(component.id)).toEqual([]);
        expect(await settleObservedStatus(db, component.id, t(1, 12), "the other regions did not confirm in time")).toMatchObject({
          previous: "operational",
          observed: "partial_outage",
          heldUntil: null,
        });
      } else {
        expect(await reconcileObservedStatuses(db, t(1, 9))).toBe(0);
        expect(await reconcileObservedStatuses(db, t(1, 12))).toBe(1);
      }
      const history = await historyOf(component.id);
      expect(history.map((h) => h.step)).toEqual(["operational → partial_outage"]);
      expect(history[0]!.at).toEqual(t(1, 12));
    }
  });

  it("a region whose streak breaks settles a held move at once: the outage is partial after all", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    for (const s of [0, 3]) await round(probe.id, t(0, s), all(200));
    for (const s of [0, 3]) await round(probe.id, t(1, s), all(503));
    await round(probe.id, t(1, 6), { ap: 503, eu: 503 });
    expect((await componentOf(hubdoc.id)).status).toBe("operational");
    await round(probe.id, t(1, 6), { us: 200 });
    expect((await componentOf(hubdoc.id)).status).toBe("partial_outage");
    expect((await historyOf(hubdoc.id)).map((h) => h.step)).toEqual(["operational → partial_outage"]);
  });

  it("one region down on its own leaves the status alone but not without a trace: its verdicts show in the console", async () => {
    const hubdoc = await autoComponent();
    const probe = await httpProbe(hubdoc.id);
    for (const s of [0, 3]) await round(probe.id, t(0, s), all(200));
    for (const s of [0, 3, 6]) await round(probe.id, t(1, s), { ap: 200, eu: 503, us: 200 });
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: "operational" });
    expect(await historyOf(hubdoc.id)).toEqual([]);
    expect(await incidentsOf(hubdoc.id)).toEqual([]);

    const [shown] = await listComponentProbes(db, hubdoc.id, t(1, 10));
    expect(shown!.status).toBe("up");
    const eu = shown!.regions.find((r) => r.region === "eu")!;
    expect(eu).toMatchObject({ confirmed: "down", stale: false });
    expect(eu.changes.map((c) => c.health)).toEqual(["down", "up"]); // newest first
    expect(eu.changes[0]!.at.getTime()).toBeGreaterThanOrEqual(t(1, 6).getTime());
    expect(shown!.regions.find((r) => r.region === "ap")!.changes.map((c) => c.health)).toEqual(["up"]);

    for (const s of [0, 3]) await round(probe.id, t(2, s), all(200));
    const [after] = await listComponentProbes(db, hubdoc.id, t(2, 10));
    expect(after!.regions.find((r) => r.region === "eu")!.changes.map((c) => c.health)).toEqual(["up", "down", "up"]);
  });
});

describe("maintenance windows page nobody", () => {
  it("no incident while the window is open (even before the job starts it); an outage still there when it completes opens one", async () => {
    const hubdoc = await autoComponent();
    const probe = await httpProbe(hubdoc.id);
    const central = await autoComponent("central");
    const other = await httpProbe(central.id, web2);
    for (const s of [0, 3]) {
      await round(probe.id, t(0, s), { eu: 200 });
      await round(other.id, t(0, s), { eu: 200 }, web2);
    }
    await createMaintenance(db, { name: "Upgrade", body: "Planned.", scheduledFor: t(1), scheduledUntil: t(5), components: [hubdoc.id, central.id] }, t(0));
    // The window opened at t(1); the advance job has not run yet when the probes confirm.
    for (const s of [0, 3, 6]) {
      await round(probe.id, t(1, s), { eu: 503 });
      await round(other.id, t(1, s), { eu: 503 }, web2);
    }
    expect((await componentOf(hubdoc.id)).observedStatus).toBe("major_outage");
    await advanceMaintenances(db, t(1, 15));
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "under_maintenance", autoIncidentId: null });
    // Central comes back during the window; Hubdoc does not.
    for (const s of [0, 3]) {
      await round(probe.id, t(2, s), { eu: 503 });
      await round(other.id, t(2, s), { eu: 200 }, web2);
    }
    expect(await db.incident.count({ where: { kind: "incident" } })).toBe(0);
    expect(await db.notification.count()).toBe(0);

    await advanceMaintenances(db, t(5));
    // Back to what the probes say, and Hubdoc's outage is now news.
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "major_outage", manualStatus: null, autoIncidentId: expect.any(String) });
    expect(await componentOf(central.id)).toMatchObject({ status: "operational", autoIncidentId: null });
    const [incident, ...others] = await incidentsOf(hubdoc.id);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ impact: "major", startedAt: t(5) });
    expect(await incidentsOf(central.id)).toEqual([]);
  });

  it("an incident open before the window is not raised during it, but is once the window completes", async () => {
    const hubdoc = await autoComponent();
    const api = await httpProbe(hubdoc.id, web, 60, "API");
    const site = await httpProbe(hubdoc.id, web2, 60, "Site");
    for (const s of [0, 3]) {
      await round(api.id, t(0, s), { eu: 200 });
      await round(site.id, t(0, s), { eu: 200 }, web2);
    }
    for (const s of [0, 3, 6]) await round(api.id, t(1, s), { eu: 503 });
    expect((await componentOf(hubdoc.id)).status).toBe("partial_outage");
    expect((await incidentsOf(hubdoc.id))[0]).toMatchObject({ impact: "minor" });

    await createMaintenance(db, { name: "Fix", body: "Planned.", scheduledFor: t(2), scheduledUntil: t(4), components: [hubdoc.id] }, t(1, 30));
    await advanceMaintenances(db, t(2));
    for (const s of [0, 3, 6]) await round(site.id, t(2, s), { eu: 503 }, web2);
    expect((await componentOf(hubdoc.id)).observedStatus).toBe("major_outage");
    expect((await incidentsOf(hubdoc.id))[0]).toMatchObject({ impact: "minor" });
    expect((await incidentsOf(hubdoc.id))[0]!.updates).toHaveLength(1);

    await advanceMaintenances(db, t(4));
    const [incident] = await incidentsOf(hubdoc.id);
    expect(incident).toMatchObject({ impact: "major", resolvedAt: null });
    expect(incident!.updates).toHaveLength(2);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "major_outage", manualStatus: null });
  });
});

describe("the worker", () => {
  /** A clock `speed` times faster than real time, from BASE. */
  const fastClock = (speed: number) => {
    const start = Date.now();
    return () => new Date(BASE + (Date.now() - start) * speed);
  };

  it("re-checks a failure within seconds: an outage on a 60 s interval is confirmed 2 re-checks after its first failed check", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id, web, 60);
    const clock = fastClock(20); // 60 s pass every 3 s
    const worker = new ProbeWorker({ db, region: "eu", concurrency: 4, now: clock, maxSleepMs: 10, writeWindowMs: 5, log: quiet });
    try {
      await worker.start();
      await until("the probe is confirmed up", async () => (await componentOf(hubdoc.id)).observedStatus === "operational");
      const up = await db.probeResult.findMany({ where: { probeId: probe.id }, orderBy: { startedAt: "asc" } });
      // A new probe is confirmed by its first check and a re-check 3 s later, not a whole interval.
      expect(up).toHaveLength(2);
      expect(up[1]!.startedAt.getTime() - up[0]!.startedAt.getTime()).toBeLessThan(4_500);

      web.status = 503;
      await until("the outage is confirmed", async () => (await componentOf(hubdoc.id)).status === "major_outage");
      const failed = await db.probeResult.findMany({ where: { probeId: probe.id, outcome: "failed" }, orderBy: { startedAt: "asc" } });
      expect(failed).toHaveLength(3);
      const [change] = await historyOf(hubdoc.id);
      const sinceFirstFailure = change!.at.getTime() - failed[0]!.startedAt.getTime();
      expect(sinceFirstFailure).toBeGreaterThanOrEqual(6_000);
      expect(sinceFirstFailure).toBeLessThan(10_000);
    } finally {
      await worker.stop();
    }
  });

  it("three regions' workers against one local target: one Major step, one major incident, no transient Partial row, and back", async () => {
    const hubdoc = await autoComponent();
    await httpProbe(hubdoc.id, web, 20);
    const clock = fastClock(10);
    const workers = REGIONS.map((region) => new ProbeWorker({ db, region, concurrency: 4, now: clock, maxSleepMs: 10, writeWindowMs: 5, log: quiet }));
    try {
      for (const w of workers) await w.start();
      await until("every region confirms up", async () => (await db.probeState.findMany()).filter((s) => s.state.includes('"confirmed":"up"')).length === 3);
      web.status = 503;
      await until("the outage is confirmed", async () => (await componentOf(hubdoc.id)).status === "major_outage");
      web.status = 200;
      await until("the recovery is confirmed", async () => (await componentOf(hubdoc.id)).status === "operational");
    } finally {
      for (const w of workers) await w.stop();
    }
    expect((await historyOf(hubdoc.id)).map((h) => h.step)).toEqual(["operational → major_outage", "major_outage → operational"]);
    const incidents = await incidentsOf(hubdoc.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ impact: "major", status: "resolved" });
    expect(incidents[0]!.components.map((c) => c.status)).toEqual(["major_outage"]);
    for (const w of workers) expect(w.takeStats().errors).toBe(0);
  });

  it("counts the slots a too-long check skips: on the probe's state row (the console) and in /metrics", async () => {
    resetProbeMetrics();
    const hubdoc = await createComponent(db, "hubdoc");
    let requests = 0;
    const slow = await startHttp((_req, res) => {
      requests++;
      setTimeout(() => res.end("ok"), 150);
    });
    try {
      // Saved before the timeout rule: the timeout equals the interval.
      const probe = await db.probe.create({
        data: {
          componentId: hubdoc.id,
          name: "Slow",
          kind: "http",
          config: JSON.stringify({ kind: "http", url: `${slow.url}/`, timeoutMs: 10_000 }),
          schedule: JSON.stringify({ intervalSeconds: 10 }),
          thresholds: "{}",
        },
      });
      // 100× real time: slots every 100 ms, checks take 150 ms, so every other slot is skipped.
      const worker = new ProbeWorker({ db, region: "eu", concurrency: 4, now: fastClock(100), maxSleepMs: 10, writeWindowMs: 5, log: quiet });
      await worker.start();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await worker.stop();
      const stats = worker.takeStats();
      expect(stats.overlapped).toBeGreaterThanOrEqual(3);
      const state = await db.probeState.findUniqueOrThrow({ where: { probeId_region: { probeId: probe.id, region: "eu" } } });
      // Each skip is written with the next result (the last ones may have none).
      expect(state.skippedSlots).toBeGreaterThanOrEqual(stats.overlapped - 2);
      expect(state.skippedSlots).toBeLessThanOrEqual(stats.overlapped);
      const [shown] = await listComponentProbes(db, hubdoc.id);
      expect(shown!.regions[0]).toMatchObject({ region: "eu", skippedSlots: state.skippedSlots });
      const metrics = renderExposition(probeMetricFamilies());
      expect(metrics).toContain(
        `vigil_probe_slots_skipped_total{probe="${probe.id}",name="Slow",component="hubdoc",region="eu",reason="overlap"} ${stats.overlapped}`,
      );
      expect(requests).toBeGreaterThan(0);
    } finally {
      await slow.close();
    }
  });
});
