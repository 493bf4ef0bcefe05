import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import { clearStatusOverride, setStatusByStaff } from "@/lib/components/staff-verbs";
import type { Db } from "@/lib/db";
import { createMaintenance } from "@/lib/incidents/create-incident";
import { postIncidentUpdate } from "@/lib/incidents/staff-verbs";
import { advanceMaintenances } from "@/lib/incidents/maintenance/advance";
import { CheckConfig } from "@/lib/probes/checks/config";
import { parseEvidence } from "@/lib/probes/state/evidence";
import { LatencyLoader } from "@/lib/public/latency";
import { buildSnapshot } from "@/lib/public/build-snapshot";
import { loadStatusRows } from "@/lib/public/queries";
import { reconcileObservedStatuses } from "@/lib/probes/state/reconcile";
import { recordProbeResult } from "@/lib/probes/state/record-result";
import type { ProbeResult } from "@/lib/probes/result";
import { rollUpProbeResults } from "@/lib/probes/history/rollup-store";
import { pruneProbeResults } from "@/lib/probes/history/retention";
import { runCheck } from "@/lib/probes/checks/run";
import { createProbe, deleteProbe, setAutoIncident, setProbeEnabled, testProbe, updateProbe } from "@/lib/probes/staff-verbs";
import { handleTestProbe } from "@/lib/probes/test-api";
import { startHttp, startSwitchableTarget, type SwitchableTarget } from "@/tests/support/probe-servers";
import { loadEnabledProbes, ProbeWorker, runProbeOnce, runProbeSlot } from "@/lib/probes/worker";
import { createComponent, createPage, resetDb, testDb } from "./db";

// The probe engine against the real database and real local HTTP servers. Tests drive
// checks one at a time (runProbeOnce / recordProbeResult) with explicit clocks, so
// nothing depends on timers except the one worker-loop test at the end.

let db: Db;
const editor: StaffContext = { role: "editor", actor: { id: "editor-1", email: "ed@example.com", ip: "198.51.100.7" }, sessionId: null };
const BASE = Date.parse("2026-12-01T10:00:00Z");
/** The i-th check time: one minute apart, as with a 60 s interval. */
const t = (i: number) => new Date(BASE + i * 60_000);

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

async function httpProbe(componentId: string, target: Target = web, name?: string) {
  return createProbe(db, editor, {
    componentId,
    ...(name ? { name } : {}),
    check: { kind: "http", url: `${target.url}/health`, timeoutMs: 2000 },
    schedule: { intervalSeconds: 60 },
  });
}

const componentOf = (id: string) =>
  db.component.findUniqueOrThrow({ where: { id }, select: { status: true, observedStatus: true, manualStatus: true, autoIncidentId: true } });
const historyOf = (id: string) => db.componentStatusChange.findMany({ where: { componentId: id }, orderBy: [{ at: "asc" }, { createdAt: "asc" }] });

/** Runs the probe at t(i) from `region`. */
function check(probeId: string, i: number, region = "local") {
  return runProbeOnce(db, probeId, { region, now: () => t(i) });
}

/** Runs checks i = from, from+1, … with the target answering `status`. */
async function checks(probeId: string, from: number, count: number, status: number, target: Target = web, region = "local") {
  target.status = status;
  for (let i = from; i < from + count; i++) await check(probeId, i, region);
}

function result(i: number, outcome: ProbeResult["outcome"], region = "local"): ProbeResult {
  return {
    outcome,
    errorClass: outcome === "ok" ? null : outcome === "degraded" ? "slow_response" : "unexpected_status",
    message: outcome === "ok" ? "200 OK" : "Unexpected status 503 (expected 200-399)",
    latencyMs: 40,
    timings: { totalMs: 40 },
    statusCode: outcome === "failed" ? 503 : 200,
    startedAt: t(i),
    region,
  };
}

describe("from checks to a component's status", () => {
  it("three failures confirm a major outage, recorded with source probe and the evidence; two successes recover", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id, web, "Hubdoc API");
    await checks(probe.id, 0, 2, 200);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: "operational" });

    await checks(probe.id, 2, 2, 503);
    expect((await componentOf(hubdoc.id)).status).toBe("operational");
    await checks(probe.id, 4, 1, 503);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "major_outage", observedStatus: "major_outage", manualStatus: null });

    let history = await historyOf(hubdoc.id);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.source])).toEqual([["operational", "major_outage", "probe"]]);
    expect(history[0]!.note).toBe("probes: Hubdoc API down");
    const evidence = parseEvidence(history[0]!.evidence)!;
    expect(evidence.checks.slice(0, 3).map((c) => [c.outcome, c.statusCode, c.startedAt])).toEqual([
      ["failed", 503, t(4).toISOString()],
      ["failed", 503, t(3).toISOString()],
      ["failed", 503, t(2).toISOString()],
    ]);
    expect(evidence.checks[0]).toMatchObject({ probe: "Hubdoc API", region: "local", errorClass: "unexpected_status" });
    expect(evidence.checks[0]!.message).toContain("503");
    expect(evidence.probes).toEqual([{ name: "Hubdoc API", status: "down", regions: { local: "down" }, stale: [] }]);

    await checks(probe.id, 5, 1, 200);
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
    await checks(probe.id, 6, 1, 200);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: "operational" });
    history = await historyOf(hubdoc.id);
    expect(history.map((h) => [h.toStatus, h.source])).toEqual([
      ["major_outage", "probe"],
      ["operational", "probe"],
    ]);
    expect(
      parseEvidence(history[1]!.evidence)!
        .checks.slice(0, 2)
        .map((c) => c.outcome),
    ).toEqual(["ok", "ok"]);
    // Every applied check is stored once, with its timings.
    const stored = await db.probeResult.findMany({ where: { probeId: probe.id }, orderBy: { startedAt: "asc" } });
    expect(stored.map((r) => r.outcome)).toEqual(["ok", "ok", "failed", "failed", "failed", "ok", "ok"]);
    expect(stored[0]).toMatchObject({ region: "local", statusCode: 200, errorClass: null });
    expect(stored[0]!.connectMs).not.toBeNull();
  });

  it("flapping checks (fail, ok, fail, ok …) never change the status", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    await checks(probe.id, 0, 2, 200);
    for (let i = 2; i < 14; i++) await checks(probe.id, i, 1, i % 2 === 0 ? 503 : 200);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: "operational" });
    expect(await historyOf(hubdoc.id)).toEqual([]);
  });

  it("tells the wiring (onStatusChange) when a result changes the component's status, and only then", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    let calls = 0;
    const run = (i: number, status: number) => {
      web.status = status;
      return runProbeOnce(db, probe.id, { region: "local", now: () => t(i), onStatusChange: () => calls++ });
    };
    for (const i of [0, 1]) await run(i, 200);
    const confirmedUp = calls; // the first confirmation may or may not move a fresh component
    for (const i of [2, 3]) await run(i, 503);
    expect(calls).toBe(confirmedUp);
    await run(4, 503);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "major_outage" });
    expect(calls).toBe(confirmedUp + 1);
    await run(5, 503);
    expect(calls).toBe(confirmedUp + 1);
  });

  it("two probes, one failing: partial outage; both failing: major outage", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const api = await httpProbe(hubdoc.id, web, "API");
    const site = await httpProbe(hubdoc.id, web2, "Site");
    await checks(api.id, 0, 2, 200);
    await checks(site.id, 0, 2, 200, web2);
    await checks(api.id, 2, 3, 503);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "partial_outage", observedStatus: "partial_outage" });
    expect((await historyOf(hubdoc.id)).at(-1)!.note).toBe("probes: API down");
    await checks(site.id, 2, 3, 503, web2);
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
  });

  it("regions vote: one of three down does not count; a quorum is partial; all regions down is major", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    /** One round of checks at t(i): every region, each seeing its own answer. */
    const round = async (i: number, statuses: Record<string, number>) => {
      for (const [region, status] of Object.entries(statuses)) await checks(probe.id, i, 1, status, web, region);
    };
    for (const i of [0, 1]) await round(i, { ap: 200, us: 200, eu: 200 });
    for (const i of [2, 3, 4]) await round(i, { ap: 200, us: 200, eu: 503 });
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: "operational" });
    for (const i of [5, 6, 7]) await round(i, { ap: 200, eu: 503, us: 503 });
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "partial_outage", observedStatus: "partial_outage" });
    const last = (await historyOf(hubdoc.id)).at(-1)!;
    expect(parseEvidence(last.evidence)!.probes[0]).toMatchObject({ status: "partial", regions: { ap: "up", eu: "down", us: "down" } });
    for (const i of [8, 9, 10]) await round(i, { ap: 503, eu: 503, us: 503 });
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
    for (const i of [11, 12]) await round(i, { ap: 200, eu: 503, us: 200 });
    expect((await componentOf(hubdoc.id)).status).toBe("operational");

    // Two regions that disagree: one of two is half, a quorum, so partial rather than major.
    const central = await createComponent(db, "central", 1);
    const other = await httpProbe(central.id);
    for (const i of [0, 1]) for (const region of ["eu", "us"]) await checks(other.id, i, 1, 200, web, region);
    for (const i of [2, 3, 4]) {
      await checks(other.id, i, 1, 200, web, "us");
      await checks(other.id, i, 1, 503, web, "eu");
    }
    expect((await componentOf(central.id)).status).toBe("partial_outage");
  });

  it("ignores results older than (or as old as) the last one applied, and stores none of them", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    expect(await recordProbeResult(db, probe.id, result(5, "ok"))).toMatchObject({ applied: true });
    expect(await recordProbeResult(db, probe.id, result(4, "failed"))).toEqual({ applied: false, reason: "not_newer" });
    expect(await recordProbeResult(db, probe.id, result(5, "failed"))).toEqual({ applied: false, reason: "not_newer" });
    expect(await recordProbeResult(db, probe.id, { ...result(6, "failed"), errorClass: "aborted" })).toEqual({ applied: false, reason: "aborted" });
    expect(await db.probeResult.count()).toBe(1);
    // Late failures cannot add up to an outage.
    for (const i of [1, 2, 3, 4]) await recordProbeResult(db, probe.id, result(i, "failed"));
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: null });
  });

  it("two workers handed the same confirming result record one transition", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    for (const [i, o] of [
      [0, "ok"],
      [1, "ok"],
      [2, "failed"],
      [3, "failed"],
    ] as const)
      await recordProbeResult(db, probe.id, result(i, o));
    web.status = 503;
    const third = await runCheck(CheckConfig.parse({ kind: "http", url: `${web.url}/health` }), { region: "local", now: () => t(4) });
    const outcomes = await Promise.all([
      recordProbeResult(db, probe.id, third),
      recordProbeResult(db, probe.id, third),
      recordProbeResult(db, probe.id, third),
    ]);
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.applied).map((o) => !o.applied && o.reason)).toEqual(["not_newer", "not_newer"]);
    expect((await historyOf(hubdoc.id)).map((h) => h.toStatus)).toEqual(["major_outage"]);
    expect(await db.probeResult.count({ where: { startedAt: t(4) } })).toBe(1);
  });

  it("two probes confirming at the same moment see each other (the component lock): major, not partial", async () => {
    for (let round = 0; round < 3; round++) {
      const component = await createComponent(db, `hubdoc-${round}`, round);
      const a = await httpProbe(component.id, web, "A");
      const b = await httpProbe(component.id, web2, "B");
      for (const [i, o] of [
        [0, "ok"],
        [1, "ok"],
        [2, "failed"],
        [3, "failed"],
      ] as const) {
        await recordProbeResult(db, a.id, result(i, o));
        await recordProbeResult(db, b.id, result(i, o));
      }
      await Promise.all([recordProbeResult(db, a.id, result(4, "failed")), recordProbeResult(db, b.id, result(4, "failed"))]);
      expect(await componentOf(component.id)).toMatchObject({ status: "major_outage", observedStatus: "major_outage" });
    }
  });

  it("two processes of the same region run each slot once (the lease), and the next slot is free again", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    await httpProbe(hubdoc.id);
    const [probe] = await loadEnabledProbes(db);
    const ran = await Promise.all([
      runProbeSlot(db, probe!, t(1), { region: "eu", now: () => t(1) }),
      runProbeSlot(db, probe!, t(1), { region: "eu", now: () => t(1) }),
    ]);
    expect(ran.filter((r) => r !== null)).toHaveLength(1);
    expect(await runProbeSlot(db, probe!, t(1), { region: "eu", now: () => t(1) })).toBeNull();
    // Another region runs the same slot on its own.
    expect(await runProbeSlot(db, probe!, t(1), { region: "us", now: () => t(1) })).not.toBeNull();
    expect(await runProbeSlot(db, probe!, t(2), { region: "eu", now: () => t(2) })).not.toBeNull();
    expect(await db.probeResult.count()).toBe(3);
  });

  it("a region that stops reporting stops voting after three intervals (reconcile job)", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    await checks(probe.id, 0, 3, 503, web, "eu");
    await checks(probe.id, 0, 3, 503, web, "us");
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
    // us recovers; eu's worker has stopped (its last result is at t(2)).
    await checks(probe.id, 3, 2, 200, web, "us");
    expect((await componentOf(hubdoc.id)).status).toBe("partial_outage"); // eu still counts: 1 of 2 down
    expect(await reconcileObservedStatuses(db, t(4))).toBe(0);
    expect(await reconcileObservedStatuses(db, t(6))).toBe(1); // eu is now 4 minutes old
    expect((await componentOf(hubdoc.id)).status).toBe("operational");
    const last = (await historyOf(hubdoc.id)).at(-1)!;
    expect(last.note).toContain("a region stopped or resumed reporting");
    expect(parseEvidence(last.evidence)!.probes[0]).toMatchObject({ status: "up", stale: ["eu"] });
    expect(await reconcileObservedStatuses(db, t(7))).toBe(0);
  });
});

describe("precedence: maintenance, then a status set by hand, then the probes", () => {
  it("a staff override wins over the probes until cleared", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    await checks(probe.id, 0, 2, 200);
    await setStatusByStaff(db, editor, { componentId: hubdoc.id, status: "degraded_performance" }, t(2));
    await checks(probe.id, 3, 3, 503);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "degraded_performance", observedStatus: "major_outage" });
    await clearStatusOverride(db, editor, hubdoc.id, t(7));
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
    await checks(probe.id, 8, 2, 200);
    expect((await componentOf(hubdoc.id)).status).toBe("operational");
    expect((await historyOf(hubdoc.id)).map((h) => [h.toStatus, h.source])).toEqual([
      ["degraded_performance", "staff"],
      ["major_outage", "staff"],
      ["operational", "probe"],
    ]);
  });

  it("a maintenance in progress wins over both", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    await checks(probe.id, 0, 2, 200);
    await createMaintenance(db, { name: "Upgrade", body: "Planned.", scheduledFor: t(2), scheduledUntil: t(10), components: [hubdoc.id] }, t(0));
    await advanceMaintenances(db, t(2));
    await setStatusByStaff(db, editor, { componentId: hubdoc.id, status: "partial_outage" }, t(3));
    await checks(probe.id, 3, 3, 503);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "under_maintenance", observedStatus: "major_outage", manualStatus: "partial_outage" });
    await advanceMaintenances(db, t(10));
    expect((await componentOf(hubdoc.id)).status).toBe("partial_outage");
    await clearStatusOverride(db, editor, hubdoc.id, t(11));
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
  });
});

describe("automatic incidents", () => {
  async function autoComponent(slug = "hubdoc") {
    const component = await createComponent(db, slug);
    await setAutoIncident(db, editor, { componentId: component.id, enabled: true });
    return component;
  }
  const incidentsOf = (componentId: string) =>
    db.incident.findMany({ where: { components: { some: { componentId } } }, include: { updates: { orderBy: { displayAt: "asc" } } } });

  it("a confirmed outage opens one incident; replays and parallel workers open no other; recovery resolves it and restores the component", async () => {
    const hubdoc = await autoComponent();
    const probe = await httpProbe(hubdoc.id);
    for (const [i, o] of [
      [0, "ok"],
      [1, "ok"],
      [2, "failed"],
      [3, "failed"],
    ] as const)
      await recordProbeResult(db, probe.id, result(i, o));
    // Three workers handed the confirming failure at once.
    await Promise.all([1, 2, 3].map(() => recordProbeResult(db, probe.id, result(4, "failed"))));
    // Replays of old failures, and the outage going on.
    for (const i of [2, 3, 4]) await recordProbeResult(db, probe.id, result(i, "failed"));
    for (const i of [5, 6, 7]) await recordProbeResult(db, probe.id, result(i, "failed"));

    let incidents = await incidentsOf(hubdoc.id);
    expect(incidents).toHaveLength(1);
    const incident = incidents[0]!;
    expect(incident).toMatchObject({ name: "HUBDOC – We are investigating issues", status: "investigating", impact: "major", resolvedAt: null });
    expect(incident.updates.map((u) => [u.status, u.body])).toEqual([["investigating", "We are aware of issues with HUBDOC and are investigating."]]);
    expect(incident.startedAt).toEqual(new Date(t(4).getTime() + 40));
    // The probes keep deciding: no status-by-hand layer is left by the incident.
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "major_outage", manualStatus: null, autoIncidentId: incident.id });

    await recordProbeResult(db, probe.id, result(8, "ok"));
    await recordProbeResult(db, probe.id, result(9, "ok"));
    incidents = await incidentsOf(hubdoc.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ status: "resolved" });
    expect(incidents[0]!.updates.map((u) => [u.status, u.body])).toEqual([
      ["investigating", "We are aware of issues with HUBDOC and are investigating."],
      ["resolved", "This incident has been resolved: checks of HUBDOC are passing again."],
    ]);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", manualStatus: null, autoIncidentId: null });
    expect((await historyOf(hubdoc.id)).map((h) => [h.toStatus, h.source])).toEqual([
      ["major_outage", "probe"],
      ["operational", "probe"],
    ]);
    const audit = await db.auditEvent.findMany({ where: { actorId: null, action: { startsWith: "incident.auto" } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.action, a.targetId])).toEqual([
      ["incident.auto_open", incident.id],
      ["incident.auto_resolve", incident.id],
    ]);

    // The next outage is a new incident.
    for (const i of [10, 11, 12]) await recordProbeResult(db, probe.id, result(i, "failed"));
    expect(await incidentsOf(hubdoc.id)).toHaveLength(2);
  });

  it("a partial outage opens a minor incident; staff resolving it meanwhile leaves nothing to resolve on recovery", async () => {
    const hubdoc = await autoComponent();
    const api = await httpProbe(hubdoc.id, web, "API");
    const site = await httpProbe(hubdoc.id, web2, "Site");
    await checks(site.id, 0, 2, 200, web2);
    await checks(api.id, 0, 2, 200);
    await checks(api.id, 2, 3, 503);
    const [incident] = await incidentsOf(hubdoc.id);
    expect(incident).toMatchObject({ impact: "minor", status: "investigating" });
    await postIncidentUpdate(db, editor, { incidentId: incident!.id, status: "resolved", body: "Fixed by hand.", displayAt: t(5) });
    await checks(api.id, 5, 2, 200);
    const [after] = await incidentsOf(hubdoc.id);
    expect(after!.updates.map((u) => u.body)).toEqual(["We are aware of issues with HUBDOC and are investigating.", "Fixed by hand."]);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", autoIncidentId: null });
  });

  it("with a status set by hand the incident shows that status, and recovery resolves it but keeps the override", async () => {
    const hubdoc = await autoComponent();
    const probe = await httpProbe(hubdoc.id);
    await checks(probe.id, 0, 2, 200);
    await setStatusByStaff(db, editor, { componentId: hubdoc.id, status: "degraded_performance" }, t(2));
    await checks(probe.id, 3, 3, 503);
    const [incident] = await incidentsOf(hubdoc.id);
    expect(incident).toMatchObject({ impact: "major", status: "investigating" });
    expect(JSON.parse(incident!.updates[0]!.affectedComponents!)).toMatchObject([{ old_status: "degraded_performance", new_status: "degraded_performance" }]);
    expect(await componentOf(hubdoc.id)).toMatchObject({
      status: "degraded_performance",
      manualStatus: "degraded_performance",
      observedStatus: "major_outage",
    });
    await checks(probe.id, 6, 2, 200);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "degraded_performance", manualStatus: "degraded_performance", autoIncidentId: null });
    expect((await incidentsOf(hubdoc.id))[0]).toMatchObject({ status: "resolved" });
    expect((await historyOf(hubdoc.id)).map((h) => [h.toStatus, h.source])).toEqual([["degraded_performance", "staff"]]);
  });

  it("opens none during a maintenance in progress, nor while staff have set Operational by hand", async () => {
    const hubdoc = await autoComponent();
    const probe = await httpProbe(hubdoc.id);
    await createMaintenance(db, { name: "Upgrade", body: "Planned.", scheduledFor: t(0), scheduledUntil: t(30), components: [hubdoc.id] }, t(0));
    await advanceMaintenances(db, t(0));
    await checks(probe.id, 1, 3, 503);
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "under_maintenance", observedStatus: "major_outage", autoIncidentId: null });
    await checks(probe.id, 4, 2, 200);
    const central = await autoComponent("central");
    const other = await httpProbe(central.id);
    await setStatusByStaff(db, editor, { componentId: central.id, status: "operational" }, t(0));
    await checks(other.id, 1, 3, 503);
    expect(await componentOf(central.id)).toMatchObject({ status: "operational", observedStatus: "major_outage", autoIncidentId: null });
    expect(await db.incident.count({ where: { kind: "incident" } })).toBe(0);
  });

  it("opens nothing when the component has auto-incident off", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    await checks(probe.id, 0, 3, 503);
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
    expect(await db.incident.count()).toBe(0);
  });
});

describe("staff verbs for probes", () => {
  it("validates configs with messages naming the field", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    await expect(
      createProbe(db, editor, { componentId: hubdoc.id, check: { kind: "http", url: "ftp://x" }, schedule: { intervalSeconds: 60 } } as never),
    ).rejects.toThrow("url must be an absolute http:// or https:// URL");
    await expect(
      createProbe(db, editor, { componentId: hubdoc.id, check: { kind: "tcp", host: "db", port: 5432 }, schedule: { intervalSeconds: 5 } }),
    ).rejects.toThrow("intervalSeconds must be between 10 and 86400");
    await expect(
      createProbe(db, editor, { componentId: "nope", check: { kind: "tcp", host: "db", port: 5432 }, schedule: { intervalSeconds: 60 } }),
    ).rejects.toThrow("component not found");
  });

  it("names a probe after its target, audits changes without header values, and re-derives the status when a probe goes", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await createProbe(db, editor, {
      componentId: hubdoc.id,
      check: { kind: "http", url: `${web.url}/health`, headers: { Authorization: "Bearer s3cret" } },
      schedule: { intervalSeconds: 60 },
    });
    expect(probe.name).toBe(`GET ${web.url}/health`);
    await checks(probe.id, 0, 3, 503);
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");

    // Disabling it hands the component back (no probe data: Operational)…
    await setProbeEnabled(db, editor, { probeId: probe.id, enabled: false }, t(4));
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: null });
    expect((await historyOf(hubdoc.id)).at(-1)!.note).toBe(`probes: no data (probe GET ${web.url}/health disabled by ed@example.com)`);
    // …enabling it brings its confirmed state back…
    await setProbeEnabled(db, editor, { probeId: probe.id, enabled: true }, t(5));
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
    // …retargeting it starts over…
    await updateProbe(
      db,
      editor,
      { probeId: probe.id, name: "API", check: { kind: "http", url: `${web2.url}/health` }, schedule: { intervalSeconds: 30 } },
      t(6),
    );
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: null });
    expect(await db.probeState.count({ where: { probeId: probe.id } })).toBe(0);
    // …and deleting a failing probe does not leave the component down.
    await checks(probe.id, 7, 3, 503, web2);
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
    await deleteProbe(db, editor, probe.id, t(11));
    expect(await componentOf(hubdoc.id)).toMatchObject({ status: "operational", observedStatus: null });
    expect(await db.probeResult.count()).toBe(0);

    const audit = await db.auditEvent.findMany({ where: { actorId: "editor-1", targetType: "probe" } });
    expect(audit.map((a) => a.action).sort()).toEqual(["probe.create", "probe.delete", "probe.disable", "probe.edit", "probe.enable"]);
    expect(audit.find((a) => a.action === "probe.create")!.after).toContain('"Authorization":"(hidden)"');
    expect(audit.map((a) => `${a.before}${a.after}`).join("")).not.toContain("s3cret");
  });

  it("testProbe runs a config once and returns the result without saving it", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    web.status = 503;
    const failed = await testProbe(db, editor, { kind: "http", url: `${web.url}/health` }, { region: "console" });
    expect(failed).toMatchObject({ outcome: "failed", errorClass: "unexpected_status", statusCode: 503, region: "console" });
    web.status = 200;
    expect(await testProbe(db, editor, { kind: "tcp", host: "127.0.0.1", port: web.port }, { region: "console" })).toMatchObject({ outcome: "ok" });
    await expect(testProbe(db, editor, { kind: "dns", name: "not a name" })).rejects.toThrow("name must be a domain name");
    expect(await db.probe.count()).toBe(0);
    expect(await db.probeResult.count()).toBe(0);
    expect(await db.probeState.count()).toBe(0);
    expect((await componentOf(hubdoc.id)).status).toBe("operational");
    expect(await db.auditEvent.count({ where: { action: "probe.test" } })).toBe(2);
  });
});

describe("POST /api/probes/test", () => {
  const request = (body: unknown, headers: Record<string, string> = {}) => {
    const h = new Headers({ host: "status.example.com", origin: "https://status.example.com", "content-type": "application/json", ...headers });
    return { method: "POST", headers: h, text: async () => (typeof body === "string" ? body : JSON.stringify(body)) };
  };
  const asEditor = async () => editor;

  it("answers the result for a same-origin staff request", async () => {
    const res = await handleTestProbe(db, request({ kind: "http", url: `${web.url}/health` }), asEditor);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "ok", statusCode: 200, errorClass: null });
    expect(typeof (res.body as { startedAt: unknown }).startedAt).toBe("string");
  });

  it("refuses cross-site requests, anonymous ones, roles without probes:write, and bad configs", async () => {
    const config = { kind: "http", url: `${web.url}/health` };
    expect(await handleTestProbe(db, request(config, { origin: "https://evil.example" }), asEditor)).toMatchObject({ status: 403 });
    const noOrigin = (site: string) => ({
      ...request(config),
      headers: new Headers({ host: "status.example.com", "content-type": "application/json", "sec-fetch-site": site }),
    });
    expect(await handleTestProbe(db, noOrigin("cross-site"), asEditor)).toMatchObject({ status: 403 });
    expect(await handleTestProbe(db, noOrigin("same-origin"), asEditor)).toMatchObject({ status: 200 });
    expect(await handleTestProbe(db, request(config), async () => null)).toMatchObject({ status: 401 });
    const viewer: StaffContext = { ...editor, role: "viewer" };
    expect(await handleTestProbe(db, request(config), async () => viewer)).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await handleTestProbe(db, request("{nope"), asEditor)).toMatchObject({ status: 400 });
    expect(await handleTestProbe(db, request({ kind: "http", url: "nope", timeoutMs: 5 }), asEditor)).toEqual({
      status: 422,
      body: {
        error: {
          code: "invalid",
          message: "The probe config is not valid.",
          fields: { url: "url must be an absolute http:// or https:// URL, e.g. https://example.com/health", timeoutMs: "timeoutMs must be at least 100 ms" },
        },
      },
    });
  });
});

describe("history, chart and retention", () => {
  it("the public snapshot carries p50/p95 per hour and per 6 hours for components with probes only", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    await createComponent(db, "central", 1);
    const probe = await httpProbe(hubdoc.id);
    const now = new Date("2026-12-01T12:30:00Z");
    const rows = [
      ...[100, 110, 120, 130, 900].map((ms, i) => ({ at: `2026-12-01T11:0${i}:00Z`, ms, outcome: "ok" })),
      { at: "2026-12-01T11:10:00Z", ms: 10_000, outcome: "failed" }, // failed checks are not response times
      { at: "2026-12-01T12:10:00Z", ms: 50, outcome: "degraded" },
      { at: "2026-11-28T03:00:00Z", ms: 70, outcome: "ok" },
    ];
    await db.probeResult.createMany({
      data: rows.map((r) => ({ probeId: probe.id, region: "local", startedAt: new Date(r.at), outcome: r.outcome, message: "x", latencyMs: r.ms })),
    });
    const loader = new LatencyLoader();
    const latency = await loader.load(db, now);
    const view = latency.get(hubdoc.id)!;
    expect(view.day.start).toBe("2026-11-30T13:00:00.000Z");
    expect(view.day.bucketMinutes).toBe(60);
    expect(view.day.p50.slice(-2)).toEqual([120, 50]);
    expect(view.day.p95.slice(-2)).toEqual([900, 50]);
    expect(view.day.p50.slice(0, -2).every((v) => v === null)).toBe(true);
    expect(view.week.bucketMinutes).toBe(360);
    expect(view.week.p50).toHaveLength(28);
    expect(view.week.p50.at(-1)).toBe(50);
    expect(view.week.p50.at(-2)).toBe(120);
    expect(view.week.p50.filter((v) => v !== null)).toEqual([70, 120, 50]);

    // Closed buckets are kept: a result written late into one does not move it…
    await db.probeResult.create({
      data: { probeId: probe.id, region: "local", startedAt: new Date("2026-12-01T11:30:00Z"), outcome: "ok", message: "x", latencyMs: 5000 },
    });
    // …while the open bucket follows new results.
    await db.probeResult.create({
      data: { probeId: probe.id, region: "local", startedAt: new Date("2026-12-01T12:20:00Z"), outcome: "ok", message: "x", latencyMs: 70 },
    });
    const again = (await loader.load(db, now)).get(hubdoc.id)!;
    expect(again.day.p95.slice(-2)).toEqual([900, 70]);

    const snapshot = buildSnapshot(await loadStatusRows(db, new Date("2026-09-01T00:00:00Z")), now, latency);
    const byslug = Object.fromEntries(snapshot.items.flatMap((i) => (i.type === "component" ? [[i.component.slug, i.component]] : [])));
    expect(byslug.hubdoc!.latency).toEqual(view);
    expect(byslug.central!.latency).toBeNull();
  });

  it("prunes results past retention in batches, newer ones stay", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probe = await httpProbe(hubdoc.id);
    const now = new Date("2026-12-15T00:00:00Z");
    await db.probeResult.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        probeId: probe.id,
        region: "local",
        startedAt: new Date(now.getTime() - (i + 1) * 86_400_000),
        outcome: "ok",
        message: "x",
        latencyMs: 1,
      })),
    });
    await rollUpProbeResults(db, now); // raw rows go only once their hours are rolled up
    expect(await pruneProbeResults(db, now, 14, { batchSize: 4 })).toBe(11);
    expect(await db.probeResult.count()).toBe(14);
    expect(await pruneProbeResults(db, now, 14)).toBe(0);
  });
});

describe("the worker loop", () => {
  it("runs enabled probes on their schedule, never overlapping, and stops cleanly", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    let inFlight = 0;
    let maxInFlight = 0;
    let requests = 0;
    const slow = await startHttp((_req, res) => {
      requests++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end("ok");
      }, 150);
    });
    try {
      const probe = await createProbe(db, editor, { componentId: hubdoc.id, check: { kind: "http", url: `${slow.url}/` }, schedule: { intervalSeconds: 10 } });
      await createProbe(db, editor, {
        componentId: hubdoc.id,
        check: { kind: "http", url: `${slow.url}/off` },
        schedule: { intervalSeconds: 10 },
        enabled: false,
      });
      // A clock 100× faster than real time: a 10 s interval passes every 100 ms.
      const start = Date.now();
      const clock = () => new Date(BASE + (Date.now() - start) * 100);
      const worker = new ProbeWorker({ db, region: "eu", concurrency: 4, now: clock, maxSleepMs: 20, log: { log: () => undefined, error: () => undefined } });
      await worker.start();
      expect(worker.size).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await worker.stop();
      const stored = await db.probeResult.count({ where: { probeId: probe.id } });
      // Checks take 150 ms, slots come every 100 ms: overlapping slots are skipped, never run twice at once.
      expect(maxInFlight).toBe(1);
      expect(stored).toBeGreaterThanOrEqual(3);
      expect(stored).toBeLessThanOrEqual(requests);
      const seenAfterStop = requests;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).toBe(seenAfterStop);
      expect((await componentOf(hubdoc.id)).observedStatus).toBe("operational");
    } finally {
      await slow.close();
    }
  });
});
