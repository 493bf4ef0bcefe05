import { beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { percentile as exactPercentile } from "@/lib/probes/history/latency";
import type { ProbeOutcome } from "@/lib/probes/result";
import { pruneProbeResults, pruneProbeRollups } from "@/lib/probes/history/retention";
import { addResult, emptyRollup, encodeHistogram, mergeRollups, percentile, type Rollup } from "@/lib/probes/history/rollup";
import { fromRow, rolledUpUntil, rollUpProbeResults } from "@/lib/probes/history/rollup-store";
import { createProbe } from "@/lib/probes/staff-verbs";
import { LatencyLoader, type ComponentLatency } from "@/lib/public/latency";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Rollups against the real database: three days and a bit of checks from two probes in
// two regions (one a minute each), with a six-hour outage of the workers in between.

let db: Db;
const editor: StaffContext = { role: "editor", actor: { id: "editor-1", email: "ed@example.com", ip: "198.51.100.7" }, sessionId: null };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST = Date.parse("2026-12-01T00:00:00Z");
/** Checks run from FIRST until 02:30 on the fourth day; `NOW` is ten minutes later. */
const LAST = Date.parse("2026-12-04T02:30:00Z");
const NOW = new Date("2026-12-04T02:40:00Z");
const GAP = [Date.parse("2026-12-02T10:00:00Z"), Date.parse("2026-12-02T16:00:00Z")] as const;
const REGIONS = ["eu-west", "us-east"];
/** Hours with checks that have settled by NOW (02:00 on the fourth day is still open). */
const SETTLED_HOURS = 3 * 24 - 6 + 2;

interface Row {
  probeId: string;
  region: string;
  startedAt: Date;
  outcome: ProbeOutcome;
  latencyMs: number;
}

/** A small seeded generator (mulberry32), so the data is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(probeIds: string[]): Row[] {
  const next = random(42);
  const rows: Row[] = [];
  for (const [p, probeId] of probeIds.entries()) {
    for (const [r, region] of REGIONS.entries()) {
      for (let at = FIRST; at <= LAST; at += 60_000) {
        if (at >= GAP[0] && at < GAP[1]) continue;
        // Each probe and region has its own level, drifting over the day, with a long tail.
        const level = (60 + 90 * p + 40 * r) * (1 + 0.5 * Math.sin((2 * Math.PI * (at % DAY)) / DAY));
        const latencyMs = Math.round(level * Math.exp(0.4 * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())));
        const roll = next();
        const outcome: ProbeOutcome = roll < 0.03 ? "failed" : roll < 0.1 ? "degraded" : "ok";
        // Seconds into the minute vary, so some checks start just before an hour ends.
        rows.push({ probeId, region, startedAt: new Date(at + Math.floor(next() * 59_000)), outcome, latencyMs: outcome === "failed" ? 10_000 : latencyMs });
      }
    }
  }
  return rows;
}

let probeIds: string[];
let componentId: string;
let rows: Row[];

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  const component = await createComponent(db, "api");
  componentId = component.id;
  probeIds = [];
  for (const name of ["API", "API (health)"]) {
    const probe = await createProbe(db, editor, {
      componentId,
      name,
      check: { kind: "http", url: "http://127.0.0.1:9/health", timeoutMs: 2000 },
      schedule: { intervalSeconds: 60 },
    });
    probeIds.push(probe.id);
  }
  rows = generate(probeIds);
  for (let i = 0; i < rows.length; i += 2000) {
    await db.probeResult.createMany({ data: rows.slice(i, i + 2000).map((r) => ({ ...r, message: "x" })) });
  }
});

const floorTo = (ms: number, size: number) => Math.floor(ms / size) * size;
const key = (probeId: string, region: string, start: number) => `${probeId} ${region} ${new Date(start).toISOString()}`;

/** What the rollups of `period` must hold, straight from the generated results. */
function expected(size: number, before: number): Map<string, Rollup> {
  const out = new Map<string, Rollup>();
  for (const r of rows) {
    if (r.startedAt.getTime() >= before) continue;
    const k = key(r.probeId, r.region, floorTo(r.startedAt.getTime(), size));
    out.set(k, addResult(out.get(k) ?? emptyRollup(), r));
  }
  return out;
}

async function stored(period: "hour" | "day") {
  const list = await db.probeRollup.findMany({ where: { period }, orderBy: [{ start: "asc" }, { probeId: "asc" }, { region: "asc" }] });
  return new Map(list.map((row) => [key(row.probeId, row.region, row.start.getTime()), row]));
}

async function catchUp(limits: Parameters<typeof rollUpProbeResults>[2] = {}) {
  const total = { hours: 0, days: 0, runs: 0 };
  for (;;) {
    const done = await rollUpProbeResults(db, NOW, limits);
    if (done.hours === 0 && done.days === 0) return total;
    total.hours += done.hours;
    total.days += done.days;
    total.runs++;
  }
}

describe("rolling up", () => {
  it("sums settled hours exactly, days from their hours; two instances at once and re-runs give the same rows", async () => {
    // Two instances start on the same backlog at the same moment.
    const [a, b] = await Promise.all([rollUpProbeResults(db, NOW, { maxHours: 100 }), rollUpProbeResults(db, NOW, { maxHours: 100 })]);
    expect(a.hours + b.hours).toBe(SETTLED_HOURS);
    expect(a.days + b.days).toBe(3);

    const hours = await stored("hour");
    const wantHours = expected(HOUR, Date.parse("2026-12-04T02:00:00Z"));
    expect(hours.size).toBe(SETTLED_HOURS * probeIds.length * REGIONS.length);
    expect([...hours.keys()].sort()).toEqual([...wantHours.keys()].sort());
    for (const [k, row] of hours) {
      const want = wantHours.get(k)!;
      expect({ ...row, histogram: JSON.parse(row.histogram) as number[] }, k).toMatchObject({
        ok: want.ok,
        degraded: want.degraded,
        failed: want.failed,
        latencySumMs: want.latencySumMs,
        latencyMaxMs: want.latencyMaxMs,
        histogram: JSON.parse(encodeHistogram(want.histogram)) as number[],
      });
    }
    // The outage's hours have no rows; the open hour has none yet.
    expect([...hours.values()].some((r) => r.start.getTime() >= GAP[0] && r.start.getTime() < GAP[1])).toBe(false);
    expect([...hours.values()].some((r) => r.start.getTime() >= Date.parse("2026-12-04T02:00:00Z"))).toBe(false);

    // Day rows: the three complete UTC days, each the merge of its hours and the sum of its results.
    const days = await stored("day");
    const wantDays = expected(DAY, Date.parse("2026-12-04T00:00:00Z"));
    expect([...days.keys()].sort()).toEqual([...wantDays.keys()].sort());
    for (const [k, row] of days) {
      const fromHours = [...hours.values()]
        .filter((h) => key(h.probeId, h.region, floorTo(h.start.getTime(), DAY)) === k)
        .reduce((sum, h) => mergeRollups(sum, fromRow(h)), emptyRollup());
      expect(fromRow(row), k).toEqual(fromHours);
      expect(fromRow(row), k).toEqual(wantDays.get(k));
    }

    // A day's p50/p95 from its histogram against the exact percentiles of its ~1,300 answered checks: within 8 %.
    for (const [k, row] of days) {
      const latencies = rows
        .filter((r) => r.outcome !== "failed" && key(r.probeId, r.region, floorTo(r.startedAt.getTime(), DAY)) === k)
        .map((r) => r.latencyMs)
        .sort((x, y) => x - y);
      for (const p of [50, 95]) {
        const exact = exactPercentile(latencies, p);
        expect(Math.abs(percentile(fromRow(row), p) - exact), `${k} p${p}`).toBeLessThanOrEqual(0.08 * exact);
      }
    }

    // Again, and again later: nothing new, the same rows. A result stored long after its
    // hour settled (only with a clock minutes off) does not rewrite the hour.
    const before = [...(await stored("hour")).values(), ...(await stored("day")).values()];
    expect(await rollUpProbeResults(db, NOW)).toEqual({ hours: 0, days: 0 });
    await db.probeResult.create({
      data: { probeId: probeIds[0]!, region: "eu-west", startedAt: new Date("2026-12-01T05:30:00Z"), outcome: "ok", message: "late", latencyMs: 5 },
    });
    expect(await rollUpProbeResults(db, new Date("2026-12-04T02:50:00Z"))).toEqual({ hours: 0, days: 0 });
    expect([...(await stored("hour")).values(), ...(await stored("day")).values()]).toEqual(before);

    // Once the open hour settles it is rolled up too.
    expect(await rollUpProbeResults(db, new Date("2026-12-04T03:05:00Z"))).toEqual({ hours: 1, days: 0 });
    expect((await stored("hour")).size).toBe((SETTLED_HOURS + 1) * probeIds.length * REGIONS.length);
  });

  it("catches up gradually: bounded hours per run, oldest first, skipping the outage in one step", async () => {
    expect(await rollUpProbeResults(db, NOW, { maxHours: 10 })).toEqual({ hours: 10, days: 0 });
    const first = [...new Set([...(await stored("hour")).values()].map((r) => r.start.toISOString()))];
    expect(first).toEqual(Array.from({ length: 10 }, (_, i) => new Date(FIRST + i * HOUR).toISOString()));
    expect(await rolledUpUntil(db, NOW)).toEqual(new Date(FIRST + 10 * HOUR));

    // A row budget: no further hour is started once it is spent.
    expect(await rollUpProbeResults(db, NOW, { maxRows: 1, maxDays: 0 })).toEqual({ hours: 1, days: 0 });

    const rest = await catchUp({ maxHours: 10, maxDays: 1 });
    expect(rest.hours).toBe(SETTLED_HOURS - 11);
    expect(rest.days).toBe(3);
    expect(rest.runs).toBe(6);
    expect(await rolledUpUntil(db, NOW)).toEqual(new Date("2026-12-04T02:00:00Z"));
  });
});

describe("retention", () => {
  it("deletes raw results only once their hour is rolled up, hour rows only once their day is", async () => {
    const rawCount = () => db.probeResult.count();
    const total = rows.length;
    // Nothing rolled up yet: nothing deleted, however old.
    expect(await pruneProbeResults(db, NOW, 2)).toBe(0);
    expect(await rawCount()).toBe(total);

    // Ten hours rolled up: only their results go.
    await rollUpProbeResults(db, NOW, { maxHours: 10, maxDays: 0 });
    const inFirstTen = rows.filter((r) => r.startedAt.getTime() < FIRST + 10 * HOUR).length;
    expect(await pruneProbeResults(db, NOW, 2, { batchSize: 700 })).toBe(inFirstTen);
    expect(await rawCount()).toBe(total - inFirstTen);
    // No day row yet: hour rows stay, however old.
    expect(await pruneProbeRollups(db, NOW, { hourlyDays: 2, dailyDays: 2 })).toEqual({ hours: 0, days: 0 });

    // All rolled up: results older than two days go, newer ones and the open hour's stay.
    await catchUp();
    const cutoff = NOW.getTime() - 2 * DAY;
    const older = rows.filter((r) => r.startedAt.getTime() < cutoff).length;
    expect(await pruneProbeResults(db, NOW, 2, { batchSize: 1000, maxBatches: 100 })).toBe(older - inFirstTen);
    expect(await rawCount()).toBe(total - older);
    expect(await pruneProbeResults(db, NOW, 2)).toBe(0);

    // Hour rows starting more than two days ago (their days are rolled up), day rows likewise.
    const hoursBefore = await stored("hour");
    const oldHours = [...hoursBefore.values()].filter((r) => r.start.getTime() < cutoff).length;
    expect(oldHours).toBeGreaterThan(0);
    expect(await pruneProbeRollups(db, NOW, { hourlyDays: 2, dailyDays: 2 })).toEqual({ hours: oldHours, days: 2 * probeIds.length * REGIONS.length });
    expect([...(await stored("hour")).values()].every((r) => r.start.getTime() >= cutoff)).toBe(true);
    expect([...(await stored("day")).values()].map((r) => r.start.toISOString())).toEqual(
      Array(probeIds.length * REGIONS.length).fill("2026-12-03T00:00:00.000Z"),
    );
    expect(await pruneProbeRollups(db, NOW, { hourlyDays: 2, dailyDays: 2 })).toEqual({ hours: 0, days: 0 });
  });
});

describe("the response-time chart", () => {
  /** Exact nearest-rank p50/p95 per chart bucket, straight from the generated results. */
  function exactSeries(view: ComponentLatency["day"]) {
    const start = Date.parse(view.start);
    const size = view.bucketMinutes * 60_000;
    return view.p50.map((_, i) => {
      const latencies = rows
        .filter((r) => r.outcome !== "failed" && r.startedAt.getTime() >= start + i * size && r.startedAt.getTime() < start + (i + 1) * size)
        .map((r) => r.latencyMs)
        .sort((a, b) => a - b);
      return latencies.length ? { p50: exactPercentile(latencies, 50), p95: exactPercentile(latencies, 95) } : null;
    });
  }

  /** Every bucket within `relative` of the exact percentiles, and gaps where there were no checks. */
  function expectNearExact(view: ComponentLatency["day"], relative: number) {
    exactSeries(view).forEach((want, i) => {
      if (!want) {
        expect(view.p50[i], `bucket ${i}`).toBeNull();
        return;
      }
      for (const p of ["p50", "p95"] as const) {
        const got = view[p][i]!;
        expect(Math.abs(got - want[p]), `${view.bucketMinutes} min bucket ${i} ${p}: ${got} vs ${want[p]}`).toBeLessThanOrEqual(relative * want[p] + 1);
      }
    });
  }

  it("from hour rollups plus the open hour's raw results: the same as from raw results alone, near the exact percentiles, also after raw results are pruned", async () => {
    // Nothing rolled up: every bucket from raw results.
    const fromRaw = (await new LatencyLoader().load(db, NOW)).get(componentId)!;
    expect(fromRaw.week.p50.filter((v) => v !== null).length).toBeGreaterThan(10);

    await catchUp();
    const fromRollups = (await new LatencyLoader().load(db, NOW)).get(componentId)!;
    // The same histograms either way, so the same numbers: the chart does not move when hours are rolled up.
    expect(fromRollups).toEqual(fromRaw);
    // Against exact percentiles of the checks: hourly buckets hold about 230 checks, six-hour ones about 1,400.
    expectNearExact(fromRollups.day, 0.12);
    expectNearExact(fromRollups.week, 0.08);

    // Raw results older than two days are gone; the 7-day chart still has them.
    await pruneProbeResults(db, NOW, 2, { maxBatches: 1000 });
    expect(await db.probeResult.count({ where: { startedAt: { lt: new Date(FIRST + DAY) } } })).toBe(0);
    expect((await new LatencyLoader().load(db, NOW)).get(componentId)).toEqual(fromRollups);
  });

  it("reads hours not rolled up yet from raw results", async () => {
    const fromRaw = (await new LatencyLoader().load(db, NOW)).get(componentId)!;
    await rollUpProbeResults(db, NOW, { maxHours: 30 });
    expect(await rolledUpUntil(db, NOW)).toEqual(new Date("2026-12-02T06:00:00Z"));
    expect((await new LatencyLoader().load(db, NOW)).get(componentId)).toEqual(fromRaw);
  });
});
