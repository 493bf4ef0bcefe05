import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import { createDb, type Db } from "@/lib/db";
import { databaseProvider } from "@/lib/env";
import { parseEvidence } from "@/lib/probes/state/evidence";
import { recordProbeResults } from "@/lib/probes/state/record-results";
import type { ProbeResult } from "@/lib/probes/result";
import { ResultWriter } from "@/lib/probes/state/result-writer";
import { createProbe } from "@/lib/probes/staff-verbs";
import { decodeProbeState } from "@/lib/probes/state/state-codec";
import { startHttp, type Running } from "@/tests/support/probe-servers";
import { ProbeWorker } from "@/lib/probes/worker";
import { createComponent, createPage, resetDb, testDatabaseUrl, testDb } from "./db";

// The probe engine at scale: results written in batches (record-results.ts, through
// the worker's ResultWriter) keep every guarantee of one-by-one recording, and two
// workers of one region run each slot once.

let db: Db;
const editor: StaffContext = { role: "editor", actor: { id: "editor-1", email: "ed@example.com", ip: "198.51.100.7" }, sessionId: null };
const BASE = Date.parse("2026-12-01T10:00:00Z");
const t = (i: number) => new Date(BASE + i * 60_000);

/** Counts requests per path: /p/<probe id>. */
let target: Running & { url: string };
const hits = new Map<string, number>();
beforeAll(async () => {
  target = await startHttp((req: IncomingMessage, res: ServerResponse) => {
    hits.set(req.url ?? "", (hits.get(req.url ?? "") ?? 0) + 1);
    res.end('{"status":"UP"}');
  });
});
afterAll(async () => {
  await target.close();
});

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  hits.clear();
});

const probeFor = (componentId: string, name: string, intervalSeconds = 60) =>
  createProbe(db, editor, { componentId, name, check: { kind: "http", url: `${target.url}/p/${name}` }, schedule: { intervalSeconds } });

function result(i: number, outcome: ProbeResult["outcome"], region = "local"): ProbeResult {
  return {
    outcome,
    errorClass: outcome === "ok" ? null : "unexpected_status",
    message: outcome === "ok" ? "Status 200 in 40 ms" : "Unexpected status 503 (expected 200-399)",
    latencyMs: 40,
    timings: { totalMs: 40 },
    statusCode: outcome === "failed" ? 503 : 200,
    startedAt: t(i),
    region,
  };
}

const historyOf = (componentId: string) => db.componentStatusChange.findMany({ where: { componentId }, orderBy: [{ at: "asc" }, { createdAt: "asc" }] });
const componentOf = (id: string) => db.component.findUniqueOrThrow({ where: { id }, select: { status: true, observedStatus: true } });

describe("batched writes", () => {
  it("one batch of many results: each applied in order, statuses re-derived once per component, with the evidence", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const central = await createComponent(db, "central", 1);
    const [api, site] = [await probeFor(hubdoc.id, "api"), await probeFor(hubdoc.id, "site")];
    const mail = await probeFor(central.id, "mail");
    const gone = await probeFor(central.id, "gone");
    await recordProbeResults(
      db,
      [api, site, mail].flatMap((p) => [0, 1].map((i) => ({ probeId: p.id, result: result(i, "ok") }))),
    );
    expect(await componentOf(hubdoc.id)).toEqual({ status: "operational", observedStatus: "operational" });
    await db.probe.delete({ where: { id: gone.id } });

    // Both Hubdoc probes confirm an outage, Central's stays up; plus a late, an aborted
    // and a replayed result, and one of a deleted probe.
    const batch = [
      ...[2, 3, 4].flatMap((i) => [
        { probeId: api.id, result: result(i, "failed") },
        { probeId: site.id, result: result(i, "failed") },
        { probeId: mail.id, result: result(i, "ok") },
      ]),
      { probeId: api.id, result: result(1, "failed") },
      { probeId: site.id, result: { ...result(5, "failed"), errorClass: "aborted" as const } },
      { probeId: mail.id, result: result(4, "ok") },
      { probeId: gone.id, result: result(4, "failed") },
    ];
    const outcomes = await recordProbeResults(db, batch);
    expect(outcomes.slice(0, 9).every((o) => o.applied)).toBe(true);
    expect(outcomes.slice(9).map((o) => !o.applied && o.reason)).toEqual(["not_newer", "aborted", "not_newer", "probe_gone"]);
    // The confirming results carry the component's change; the others none.
    expect(outcomes[6]).toMatchObject({
      applied: true,
      previous: "up",
      confirmed: "down",
      change: { previous: "operational", observed: "major_outage", statusChanged: true },
    });
    expect(outcomes[0]).toMatchObject({ applied: true, previous: "up", confirmed: "up", change: null });

    // Straight to Major Outage: one change, not Partial first.
    const history = await historyOf(hubdoc.id);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.source])).toEqual([["operational", "major_outage", "probe"]]);
    expect(history[0]!.at).toEqual(new Date(t(4).getTime() + 40));
    const evidence = parseEvidence(history[0]!.evidence)!;
    expect(evidence.checks.slice(0, 3).map((c) => [c.outcome, c.startedAt])).toEqual([
      ["failed", t(4).toISOString()],
      ["failed", t(3).toISOString()],
      ["failed", t(2).toISOString()],
    ]);
    expect(evidence.probes.map((p) => [p.name, p.status])).toEqual([
      ["api", "down"],
      ["site", "down"],
    ]);
    expect(await componentOf(central.id)).toEqual({ status: "operational", observedStatus: "operational" });
    expect(await historyOf(central.id)).toEqual([]);
    // Applied results stored once each; ignored ones not at all.
    expect(await db.probeResult.count()).toBe(6 + 9);
    const state = await db.probeState.findUniqueOrThrow({ where: { probeId_region: { probeId: api.id, region: "local" } } });
    expect(decodeProbeState(state.state)).toMatchObject({ confirmed: "down", failures: 3, lastStartedAt: t(4) });

    // Replaying the whole batch changes nothing.
    const replay = await recordProbeResults(db, batch);
    expect(replay.every((o) => !o.applied)).toBe(true);
    expect(await db.probeResult.count()).toBe(15);
    expect(await historyOf(hubdoc.id)).toHaveLength(1);
  });

  it("the same batch handed to three writers at once is applied once", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probes = await Promise.all(["a", "b", "c", "d"].map((n) => probeFor(hubdoc.id, n)));
    await recordProbeResults(
      db,
      probes.flatMap((p) => [0, 1, 2, 3].map((i) => ({ probeId: p.id, result: result(i, i < 2 ? "ok" : "failed") }))),
    );
    const batch = probes.map((p) => ({ probeId: p.id, result: result(4, "failed") }));
    const runs = await Promise.all([1, 2, 3].map(() => recordProbeResults(db, batch)));
    const applied = runs.flat().filter((o) => o.applied);
    expect(applied).toHaveLength(4);
    expect(
      runs
        .flat()
        .filter((o) => !o.applied)
        .map((o) => !o.applied && o.reason),
    ).toEqual(Array(8).fill("not_newer"));
    expect((await historyOf(hubdoc.id)).map((h) => h.toStatus)).toEqual(["major_outage"]);
    expect(await db.probeResult.count({ where: { startedAt: t(4) } })).toBe(4);
  });

  it("an automatic incident opens once when a batch and single writes confirm the same outage", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    await db.component.update({ where: { id: hubdoc.id }, data: { autoIncident: true } });
    const probe = await probeFor(hubdoc.id, "api");
    await recordProbeResults(
      db,
      [0, 1].map((i) => ({ probeId: probe.id, result: result(i, "ok") })),
    );
    const failures = [2, 3, 4].map((i) => ({ probeId: probe.id, result: result(i, "failed") }));
    await recordProbeResults(db, failures.slice(0, 2));
    // The confirming failure, in batches (with a replay before it) and alone, all at once.
    const confirming = failures[2]!;
    await Promise.all([
      recordProbeResults(db, failures),
      recordProbeResults(db, [failures[1]!, confirming]),
      ...[1, 2, 3].map(() => recordProbeResults(db, [confirming])),
    ]);
    expect(await db.incident.count({ where: { kind: "incident" } })).toBe(1);
    expect((await componentOf(hubdoc.id)).status).toBe("major_outage");
  });

  it("the writer batches what completes within its window, up to its size, and flushes on demand", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const probes = await Promise.all(["a", "b", "c", "d", "e", "f", "g"].map((n) => probeFor(hubdoc.id, n)));
    const seen: number[] = [];
    const writer = new ResultWriter(db, { windowMs: 10_000, maxBatch: 3, onBatch: (outcomes) => seen.push(outcomes.length) });
    const added = probes.map((p) => writer.add({ probeId: p.id, result: result(0, "ok") }));
    // Two full batches go at once; the seventh waits for its window…
    await Promise.all(added.slice(0, 6));
    expect(seen).toEqual([3, 3]);
    expect(writer.pending).toBe(1);
    // …or for a flush.
    await writer.flush();
    expect(await added[6]).toMatchObject({ applied: true });
    expect(seen).toEqual([3, 3, 1]);
    expect({ batches: writer.batches, written: writer.written }).toEqual({ batches: 3, written: 7 });
    expect(await db.probeResult.count()).toBe(7);

    const quick = new ResultWriter(db, { windowMs: 30 });
    const started = performance.now();
    const outcomes = await Promise.all(probes.map((p) => quick.add({ probeId: p.id, result: result(1, "ok") })));
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(outcomes.every((o) => o.applied)).toBe(true);
    expect(quick.batches).toBe(1);
  });
});

describe("two workers of one region", () => {
  it("run each slot once between them, and one takes over when the other stops", async () => {
    const components = await Promise.all([0, 1, 2].map((i) => createComponent(db, `service-${i}`, i)));
    const probes = [];
    for (let i = 0; i < 12; i++) probes.push(await probeFor(components[i % 3]!.id, `probe-${i}`, 10));
    // On PostgreSQL a second client, as a second process would have. SQLite is one
    // process's database (two connections writing one file fail each other's
    // read-then-write transactions), so there both share the process's connection.
    const postgres = databaseProvider(testDatabaseUrl()) === "postgres";
    const other = postgres ? createDb(testDatabaseUrl()) : db;
    // A clock 100× faster than real time: a 10 s interval passes every 100 ms.
    const start = Date.now();
    const clock = () => new Date(BASE + (Date.now() - start) * 100);
    const errors: unknown[] = [];
    const quiet = { log: () => undefined, error: (...args: unknown[]) => errors.push(args) };
    const options = { region: "eu", concurrency: 8, now: clock, maxSleepMs: 20, writeWindowMs: 20, log: quiet };
    const a = new ProbeWorker({ db, ...options });
    const b = new ProbeWorker({ db: other, ...options });
    try {
      await Promise.all([a.start(), b.start()]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await a.stop();
      const statsA = a.takeStats();
      const midway = new Map(hits);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await b.stop();
      const statsB = b.takeStats();

      // 1.5 s then 1 s of fast clock is 15 then 10 slots per probe: never more runs than slots.
      const elapsedSlots = Math.ceil(((Date.now() - start) * 100) / 10_000) + 1;
      for (const probe of probes) {
        const runs = hits.get(`/p/${probe.name}`) ?? 0;
        expect(runs).toBeLessThanOrEqual(elapsedSlots);
        // Both were busy while both ran, and b alone kept every probe going afterwards.
        expect(runs - (midway.get(`/p/${probe.name}`) ?? 0)).toBeGreaterThanOrEqual(5);
      }
      expect(statsA.checks).toBeGreaterThan(0);
      expect(statsA.claimedElsewhere + statsB.claimedElsewhere).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      // Every check recorded at most once; one state row per probe for the region.
      const total = [...hits.values()].reduce((sum, n) => sum + n, 0);
      const stored = await db.probeResult.count();
      expect(stored).toBeLessThanOrEqual(total);
      expect(stored).toBeGreaterThan(total * 0.8);
      expect(await db.probeState.count({ where: { region: "eu" } })).toBe(probes.length);
      for (const c of components) expect(await componentOf(c.id)).toEqual({ status: "operational", observedStatus: "operational" });
    } finally {
      await a.stop();
      await b.stop();
      if (postgres) await other.$disconnect();
    }
  });
});

describe("stopping a worker", () => {
  it("with a grace period lets checks in flight finish and records them; without one cancels them", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    let requests = 0;
    const slow = await startHttp((_req, res) => {
      requests++;
      setTimeout(() => res.end("ok"), 300);
    });
    try {
      const probe = await createProbe(db, editor, { componentId: hubdoc.id, check: { kind: "http", url: `${slow.url}/` }, schedule: { intervalSeconds: 10 } });
      for (const [region, graceMs, recorded] of [
        ["eu", 3000, 1],
        ["us", 0, 0],
      ] as const) {
        requests = 0;
        const start = Date.now();
        const clock = () => new Date(BASE + (Date.now() - start) * 100);
        const worker = new ProbeWorker({ db, region, concurrency: 4, now: clock, maxSleepMs: 20, log: { log: () => undefined, error: () => undefined } });
        await worker.start();
        while (requests === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        await worker.stop({ graceMs });
        expect(requests).toBe(1);
        expect(await db.probeResult.count({ where: { probeId: probe.id, region } })).toBe(recorded);
        expect(worker.takeStats()).toMatchObject({ checks: recorded, errors: 0 });
      }
    } finally {
      await slow.close();
    }
  });
});
