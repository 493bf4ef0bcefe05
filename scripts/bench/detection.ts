// `npm run bench:detection`: how soon an outage reaches the page, and how often random
// failures make a false one, with fast confirmation (re-checks 3 s apart) side by side
// with the old settings (no re-checks: each further failure waits a whole interval).
//
// How it measures: simulated time, real everything else. A probe every 60 s (the default
// thresholds: down after 3 failures, up after 2 successes) against a real HTTP target on
// loopback; every check is a real runCheck whose startedAt is the simulated clock, recorded
// through the real path (recordProbeResult: hysteresis, the regions' quorum and its wait,
// automatic incidents) into a fresh SQLite file. The loop stands in for the worker's timer
// and schedules as it does: slots from nextSlotAt, re-checks from recheckAt, a move held
// for other regions settled at its bound (settleObservedStatus). "On the page" is the
// component's status row, which the public snapshot follows as soon as it is written.
//
// - Detection: BENCH_OUTAGES outages per setting (default 20), three regions, each
//   starting at a random moment of the interval; the target answers 503 (odd trials) or
//   refuses connections (even ones) to every region until the status is Major Outage.
//   Time to detect is the status change's time minus the outage's start, and minus the
//   first failed check's start.
// - False outages: BENCH_CHECKS checks per setting (default 10,000) from one region (no
//   quorum to hide behind), spread over 100 probes, each check failing at random with 2 %;
//   every status change to an outage counts. BENCH_SEED (default 15) makes a run repeatable.
// The simulated probes are on separate components, so their events are processed in
// rounds (one event of each per round, recorded in one transaction, as the worker batches
// its writes); each probe's own events stay in time order.
import { rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { StaffContext } from "../../lib/auth/staff";
import { createDb, type Db } from "../../lib/db";
import { applyMigrations } from "../../lib/migrations/migrate";
import { runCheck } from "../../lib/probes/checks/run";
import { recheckAt } from "../../lib/probes/scheduling/recheck";
import { nextSlotAt } from "../../lib/probes/scheduling/schedule";
import { percentile } from "../../lib/probes/scheduling/worker-stats";
import { settleObservedStatus } from "../../lib/probes/state/reconcile";
import { recordProbeResults } from "../../lib/probes/state/record-results";
import { createProbe, setAutoIncident } from "../../lib/probes/staff-verbs";
import type { LoadedProbe } from "../../lib/probes/worker";
import { loadEnabledProbes } from "../../lib/probes/worker";

const OUTAGES = Number(process.env.BENCH_OUTAGES ?? 20);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 10_000);
const FAILURE_RATE = 0.02;
const INTERVAL_SECONDS = 60;
const REGIONS = ["ap", "eu", "us"];
const url = "file:./data/bench-detection.db";
for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(`${url.slice(5)}${s}`, { force: true });

const SETTINGS = [
  { name: "fast confirmation", recheckSeconds: 3 },
  { name: "old settings", recheckSeconds: 0 },
] as const;

/** mulberry32: a small seeded generator, so a run can be repeated. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(Number(process.env.BENCH_SEED ?? 15));

// --- the targets: one local server per simulated probe, answering 200 or 503, or closed (refused)
type Answer = "ok" | "unavailable" | "refused";

class Target {
  answer: (at: Date) => Answer = () => "ok";
  private checkAt = new Date(0);
  private listening = false;
  private readonly server = http.createServer((_req, res) => {
    const ok = this.answer(this.checkAt) === "ok";
    res.statusCode = ok ? 200 : 503;
    res.end(ok ? "ok" : "unavailable");
  });
  port = 0;

  async open(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  /** Before a check at `at`: the port is closed exactly while the answer is "refused". */
  async serve(at: Date): Promise<void> {
    this.checkAt = at;
    const open = this.answer(at) !== "refused";
    if (open === this.listening) return;
    if (open) await this.open();
    else await this.close();
  }

  async close(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// --- the database ---------------------------------------------------------------------
await applyMigrations(url);
const db: Db = createDb(url);
await db.pageSetting.create({ data: { id: 1, name: "Bench", url: "http://localhost", timeZone: "UTC" } });
const staff: StaffContext = { role: "admin", actor: { id: null, email: "bench@example.com", ip: null }, sessionId: null };
let components = 0;

async function newProbe(target: Target, recheckSeconds: number, autoIncident: boolean): Promise<LoadedProbe> {
  const n = components++;
  const component = await db.component.create({ data: { name: `Service ${n}`, slug: `service-${n}`, position: n, startDate: new Date(0) } });
  if (autoIncident) await setAutoIncident(db, staff, { componentId: component.id, enabled: true });
  const probe = await createProbe(db, staff, {
    componentId: component.id,
    check: { kind: "http", url: `http://127.0.0.1:${target.port}/health` },
    schedule: { intervalSeconds: INTERVAL_SECONDS },
    thresholds: { recheckSeconds },
  });
  return (await loadEnabledProbes(db)).find((p) => p.id === probe.id)!;
}

// --- the simulated worker loop ----------------------------------------------------------
interface Due {
  at: number;
  /** null: a move held for other regions, to settle. */
  region: string | null;
  /** The region's current regular slot (a re-check keeps it). */
  slotAt: number;
}

interface Run {
  checks: number;
  rechecks: number;
  failed: number;
}

/** One probe's simulation: its own component, target, schedule and clock. */
class Sim {
  readonly run: Run = { checks: 0, rechecks: 0, failed: 0 };
  observed: string | null = null;
  done = false;
  private readonly queue: Due[] = [];

  constructor(
    readonly probe: LoadedProbe,
    readonly target: Target,
    regions: readonly string[],
    from: number,
    /** Asked after each of this probe's events. */
    readonly stop: (sim: Sim, now: number) => boolean,
  ) {
    const first = nextSlotAt(probe, new Date(from))!.getTime();
    for (const region of regions) this.push({ at: first, region, slotAt: first });
  }

  push(d: Due): void {
    this.queue.push(d);
    this.queue.sort((a, b) => a.at - b.at || String(a.region).localeCompare(String(b.region)));
  }

  next(): Due {
    return this.queue.shift()!;
  }
}

/**
 * Runs the simulations until each stops. Each round takes every simulation's next event
 * (so each one's events stay in time order), runs their checks at once and records them
 * in one transaction, as the worker's writer batches results; the simulated probes are on
 * separate components, so they do not interact.
 */
async function runAll(sims: Sim[], beforeChecks: (sims: Sim[]) => void = () => undefined): Promise<void> {
  for (let active = sims; active.length > 0; active = active.filter((s) => !s.done)) {
    const events = active.map((sim) => ({ sim, due: sim.next() }));
    for (const { sim, due } of events.filter((e) => e.due.region === null)) {
      const change = await settleObservedStatus(db, sim.probe.componentId, new Date(due.at), "the other regions did not confirm in time");
      if (change) sim.observed = change.observed;
      if (change?.heldUntil) sim.push({ at: change.heldUntil.getTime(), region: null, slotAt: 0 });
    }
    const checks = events.filter((e) => e.due.region !== null);
    beforeChecks(checks.map((e) => e.sim));
    await Promise.all(checks.map((e) => e.sim.target.serve(new Date(e.due.at))));
    const results = await Promise.all(checks.map(({ sim, due }) => runCheck(sim.probe.check, { region: due.region!, now: () => new Date(due.at) })));
    const outcomes = await recordProbeResults(
      db,
      checks.map((e, i) => ({ probeId: e.sim.probe.id, result: results[i]! })),
    );
    for (const [i, { sim, due }] of checks.entries()) {
      const result = results[i]!;
      const outcome = outcomes[i]!;
      sim.run.checks += 1;
      if (due.at !== due.slotAt) sim.run.rechecks += 1;
      if (result.outcome === "failed") sim.run.failed += 1;
      const nextSlot = nextSlotAt(sim.probe, new Date(due.slotAt))!;
      const recheck =
        outcome.applied &&
        recheckAt({
          state: outcome.state,
          thresholds: sim.probe.thresholds,
          endedAt: new Date(due.at + result.latencyMs),
          nextSlotAt: nextSlot,
          timeoutMs: sim.probe.check.timeoutMs,
        });
      sim.push(
        recheck
          ? { at: recheck.getTime(), region: due.region, slotAt: due.slotAt }
          : { at: nextSlot.getTime(), region: due.region, slotAt: nextSlot.getTime() },
      );
      if (outcome.applied && outcome.change) {
        sim.observed = outcome.change.observed;
        if (outcome.change.heldUntil) sim.push({ at: outcome.change.heldUntil.getTime(), region: null, slotAt: 0 });
      }
    }
    for (const { sim, due } of events) if (sim.stop(sim, due.at)) sim.done = true;
  }
}

async function targets(n: number): Promise<Target[]> {
  const made = Array.from({ length: n }, () => new Target());
  for (const t of made) await t.open();
  return made;
}

interface Detection {
  fromStartMs: number[];
  fromFirstFailureMs: number[];
  partialSteps: number;
  incidents: { major: number; other: number };
  checks: number;
}

async function detection(recheckSeconds: number): Promise<Detection> {
  const out: Detection = { fromStartMs: [], fromFirstFailureMs: [], partialSteps: 0, incidents: { major: 0, other: 0 }, checks: 0 };
  const servers = await targets(OUTAGES);
  const sims: Array<{ sim: Sim; outageStart: number }> = [];
  for (const [trial, target] of servers.entries()) {
    const probe = await newProbe(target, recheckSeconds, true);
    const base = Date.UTC(2026, 11, 1);
    // Every region has confirmed up within the first minutes; the outage starts at a random moment after.
    const outageStart = base + 4 * 60_000 + Math.floor(random() * INTERVAL_SECONDS * 1000);
    const kind: Answer = trial % 2 === 0 ? "unavailable" : "refused";
    target.answer = (at) => (at.getTime() >= outageStart ? kind : "ok");
    sims.push({ sim: new Sim(probe, target, REGIONS, base, (s) => s.observed === "major_outage"), outageStart });
  }
  await runAll(sims.map((s) => s.sim));
  for (const { sim, outageStart } of sims) {
    const componentId = sim.probe.componentId;
    const changes = await db.componentStatusChange.findMany({ where: { componentId }, orderBy: { at: "asc" } });
    const major = changes.find((c) => c.toStatus === "major_outage")!;
    const firstFailure = await db.probeResult.findFirst({ where: { probeId: sim.probe.id, outcome: "failed" }, orderBy: { startedAt: "asc" } });
    out.fromStartMs.push(major.at.getTime() - outageStart);
    out.fromFirstFailureMs.push(major.at.getTime() - firstFailure!.startedAt.getTime());
    out.partialSteps += changes.filter((c) => c.toStatus === "partial_outage").length;
    for (const incident of await db.incident.findMany({ where: { kind: "incident", components: { some: { componentId } } } })) {
      if (incident.impact === "major") out.incidents.major += 1;
      else out.incidents.other += 1;
    }
    out.checks += sim.run.checks;
  }
  for (const t of servers) await t.close();
  return out;
}

interface FalseOutages extends Run {
  outages: number;
  simulatedHours: number;
}

/** Probes checked side by side (each its own component) to spread BENCH_CHECKS over fewer transactions. */
const NOISE_PROBES = 100;

async function falseOutages(recheckSeconds: number): Promise<FalseOutages> {
  const servers = await targets(NOISE_PROBES);
  const base = Date.UTC(2027, 0, 1);
  const perProbe = Math.ceil(CHECKS / NOISE_PROBES);
  const sims: Sim[] = [];
  let last = base;
  for (const target of servers) {
    sims.push(
      new Sim(await newProbe(target, recheckSeconds, false), target, ["eu"], base, (sim, now) => {
        last = Math.max(last, now);
        return sim.run.checks >= perProbe;
      }),
    );
  }
  // Each check's fate is drawn in a fixed order before the round, so a seed repeats the run.
  await runAll(sims, (due) => {
    for (const sim of due) {
      const fails = random() < FAILURE_RATE;
      sim.target.answer = () => (fails ? "unavailable" : "ok");
    }
  });
  const run: Run = { checks: 0, rechecks: 0, failed: 0 };
  for (const sim of sims) for (const key of ["checks", "rechecks", "failed"] as const) run[key] += sim.run[key];
  const outages = await db.componentStatusChange.count({
    where: { componentId: { in: sims.map((s) => s.probe.componentId) }, toStatus: { in: ["partial_outage", "major_outage"] } },
  });
  for (const t of servers) await t.close();
  return { ...run, outages, simulatedHours: (last - base) / 3_600_000 };
}

// --- the run -------------------------------------------------------------------------------
const started = performance.now();
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const s = (ms: number | null) => (ms === null ? "–" : `${(ms / 1000).toFixed(1)} s`);
const spread = (values: number[]) => `median ${s(percentile(values, 50))}, max ${s(values.reduce((a, b) => Math.max(a, b), 0))}`;

console.log(
  `Detection: one HTTP probe every ${INTERVAL_SECONDS} s from ${REGIONS.length} regions (down after 3 failures, up after 2), ${OUTAGES} outages per setting ` +
    "(503 or connection refused, starting at a random moment of the interval), on simulated time with real checks on loopback and real SQLite writes.",
);
const detected: Detection[] = [];
for (const setting of SETTINGS) detected.push(await detection(setting.recheckSeconds));
console.log(`Random failures: ${fmt(CHECKS)} checks per setting from one region, ${FAILURE_RATE * 100} % failing at random.`);
const noise: FalseOutages[] = [];
for (const setting of SETTINGS) noise.push(await falseOutages(setting.recheckSeconds));

const rows: Array<[string, (i: number) => string]> = [
  ["re-checks while confirming", (i) => (SETTINGS[i]!.recheckSeconds ? `${SETTINGS[i]!.recheckSeconds} s apart` : "off (next slot)")],
  ["time to detect, from the outage's start", (i) => spread(detected[i]!.fromStartMs)],
  ["time to detect, from the first failed check", (i) => spread(detected[i]!.fromFirstFailureMs)],
  ["transient Partial steps", (i) => String(detected[i]!.partialSteps)],
  ["automatic incidents (major / other)", (i) => `${detected[i]!.incidents.major} / ${detected[i]!.incidents.other}`],
  ["false outages", (i) => `${noise[i]!.outages} in ${fmt(noise[i]!.checks)} checks`],
  ["  of those checks: re-checks, failed", (i) => `${fmt(noise[i]!.rechecks)}, ${fmt(noise[i]!.failed)}`],
  ["  simulated time per probe", (i) => `${Math.round(noise[i]!.simulatedHours * 60)} min (${NOISE_PROBES} probes)`],
];
const width = Math.max(...rows.map(([label]) => label.length)) + 2;
const column = 36;
console.log(`\n${"".padEnd(width)}${SETTINGS.map((x) => x.name.padEnd(column)).join("")}`);
for (const [label, cell] of rows) console.log(`${label.padEnd(width)}${SETTINGS.map((_, i) => cell(i).padEnd(column)).join("")}`);
const expected = CHECKS * FAILURE_RATE ** 3 * (1 - FAILURE_RATE);
console.log(
  `\nExpected false outages at ${FAILURE_RATE * 100} % independent failures: ${expected.toFixed(2)} per ${fmt(CHECKS)} checks (3 failures in a row, p³(1−p) per check), with or without re-checks.`,
);
console.log(`Ran in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
await db.$disconnect();
