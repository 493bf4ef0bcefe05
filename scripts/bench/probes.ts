// `npm run bench:probes`: the probe worker at scale. N probes (BENCH_PROBES, default
// 10,000; 10 per component) every 60 s, spread across the minute, against a local HTTP
// target on loopback in a second process; the real worker (ProbeWorker: schedule heap,
// slot leases, concurrency cap, batched writes) runs for BENCH_SECONDS (default 180) on
// a fresh SQLite file, or on DATABASE_URL (an empty PostgreSQL database; it is filled).
// Measures sustained checks per minute, start lag p50/p99 (actual start − planned
// start), this process's CPU and peak RSS, event-loop delay, and the write batches.
// Then, in the same run, a bare undici request loop against the same target (the
// ceiling): with a kept-alive pool, and with a new connection per request as the
// probes make. Goal on a 2-core machine: 10,000 probes at 60 s with lag p99 < 1 s and
// memory < 512 MB. Also BENCH_CONCURRENCY (PROBE_CONCURRENCY, 32) and
// BENCH_CEILING_SECONDS (10). The probes' data is made in a child (probe-data.ts).
import { fork } from "node:child_process";
import { rmSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Agent, Client, request } from "undici";
import { createDb, type Db } from "../../lib/db";
import { ProbeWorker } from "../../lib/probes/worker";
import { percentile } from "../../lib/probes/scheduling/worker-stats";

const PROBES = Number(process.env.BENCH_PROBES ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 180);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 10);
const PER_COMPONENT = 10;
const INTERVAL_SECONDS = 60;
const url = process.env.DATABASE_URL ?? "file:./data/bench-probes.db";
const provider = url.startsWith("file:") ? "SQLite" : "PostgreSQL";
if (url.startsWith("file:")) for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(`${url.slice(5)}${s}`, { force: true });

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const max = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), 0);

// --- the target ---------------------------------------------------------------------
const target = fork("scripts/bench/probe-target.ts", [], { execArgv: ["--import", "tsx"] });
const { url: targetUrl } = await new Promise<{ url: string }>((resolve) => target.once("message", resolve as never));
const targetRequests = () =>
  new Promise<number>((resolve) => {
    target.once("message", (m: { requests: number }) => resolve(m.requests));
    target.send("count");
  });

// --- the data (in a child: the measured process holds only what a worker holds) ------
const setup = fork("scripts/bench/probe-data.ts", [url, String(PROBES), String(PER_COMPONENT), targetUrl], { execArgv: ["--import", "tsx"] });
const made = await new Promise<{ ready?: number; error?: string }>((resolve) => setup.once("message", resolve as never));
if (made.error !== undefined) {
  console.error(made.error);
  target.send("stop");
  process.exit(1);
}
const components = made.ready!;
const db: Db = createDb(url);
console.log(
  `${fmt(PROBES)} HTTP probes (${fmt(components)} components) every ${INTERVAL_SECONDS} s against ${targetUrl}, on ${provider}; worker concurrency ${CONCURRENCY}, ${SECONDS} s`,
);

// --- the worker ---------------------------------------------------------------------
let peakRss = 0;
let peakHeap = 0;
const sampleMemory = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const memoryTimer = setInterval(sampleMemory, 200);
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const errors: unknown[] = [];
const worker = new ProbeWorker({
  db,
  region: "bench",
  concurrency: CONCURRENCY,
  log: {
    log: console.log,
    error: (...args: unknown[]) => {
      errors.push(args);
      if (errors.length <= 5) console.error(...args);
    },
  },
});
const cpuAtStart = process.cpuUsage();
const startedAt = performance.now();
await worker.start();
console.log(`worker started (loading ${fmt(worker.size)} probes took ${Math.round(performance.now() - startedAt)} ms)`);

const lags: number[] = [];
let checks = 0;
let failed = 0;
let workerErrors = 0;
const perMinute: { checks: number; lags: number[] }[] = [];
const REPORT_MS = 10_000;
for (let elapsed = REPORT_MS; elapsed <= SECONDS * 1000; elapsed += REPORT_MS) {
  await new Promise((resolve) => setTimeout(resolve, startedAt + elapsed - performance.now()));
  const s = worker.takeStats();
  checks += s.checks;
  failed += s.failed;
  workerErrors += s.errors;
  for (const lag of s.lagsMs) lags.push(lag);
  const minute = Math.floor((elapsed - 1) / 60_000);
  const bucket = (perMinute[minute] ??= { checks: 0, lags: [] });
  bucket.checks += s.checks;
  for (const lag of s.lagsMs) bucket.lags.push(lag);
  sampleMemory();
  console.log(
    `  ${String(elapsed / 1000).padStart(4)} s: ${fmt(s.checks)} checks in 10 s, lag p50 ${fmt(percentile(s.lagsMs, 50) ?? 0)} ms p99 ${fmt(percentile(s.lagsMs, 99) ?? 0)} ms, ` +
      `writes ${fmt(worker.writes.results)} in ${fmt(worker.writes.batches)} transactions, rss ${mb(process.memoryUsage().rss)}`,
  );
}
const wallMs = performance.now() - startedAt;
const cpu = process.cpuUsage(cpuAtStart);
loopDelay.disable();
await worker.stop({ graceMs: 2000 });
clearInterval(memoryTimer);
const writes = worker.writes;

const stored = await db.probeResult.count();
const perProbe = await db.probeResult.groupBy({ by: ["probeId"], _count: { _all: true } });
const maxPerProbe = max(perProbe.map((p) => p._count._all));
const slotsPerProbe = Math.ceil(SECONDS / INTERVAL_SECONDS) + 1;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const perMinuteRate = checks / (wallMs / 60_000);
const p50 = percentile(lags, 50) ?? 0;
const p99 = percentile(lags, 99) ?? 0;

console.log("");
console.log(`worker on ${provider}, ${fmt(PROBES)} probes at ${INTERVAL_SECONDS} s, ${(wallMs / 1000).toFixed(0)} s:`);
console.log(`  checks: ${fmt(checks)} (${fmt(perMinuteRate)} per minute; ${failed} failed), worker errors ${workerErrors}`);
perMinute.forEach((m, i) => {
  const seconds = Math.min(60, SECONDS - i * 60);
  console.log(
    `    minute ${i + 1}${seconds < 60 ? ` (${seconds} s)` : ""}: ${fmt(m.checks)} checks, lag p50 ${fmt(percentile(m.lags, 50) ?? 0)} ms p99 ${fmt(percentile(m.lags, 99) ?? 0)} ms max ${fmt(max(m.lags))} ms`,
  );
});
console.log(`  start lag (actual − planned): p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms, max ${fmt(max(lags))} ms`);
console.log(
  `  event-loop delay: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms`,
);
console.log(
  `  CPU of this process: ${cpuSeconds.toFixed(1)} s in ${(wallMs / 1000).toFixed(0)} s = ${((cpuSeconds / (wallMs / 1000)) * 100).toFixed(0)} % of one core` +
    (provider === "PostgreSQL" ? " (PostgreSQL's own CPU not included)" : " (SQLite runs in-process: included)"),
);
console.log(`  memory: peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}`);
console.log(
  `  writes: ${fmt(writes.results)} results in ${fmt(writes.batches)} transactions (${(writes.results / Math.max(1, writes.batches)).toFixed(1)} per transaction); ${fmt(stored)} rows stored, at most ${maxPerProbe} per probe (${slotsPerProbe} slots fit in the run)`,
);
console.log(`  target answered ${fmt(await targetRequests())} requests`);

// --- the ceiling --------------------------------------------------------------------
async function loop(name: string, send: (path: string) => Promise<void>): Promise<number> {
  const deadline = performance.now() + CEILING_SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, lane) => {
      while (performance.now() < deadline) {
        await send(`/ceiling/${lane}`);
        done++;
      }
    }),
  );
  const perSecond = done / CEILING_SECONDS;
  console.log(`  ${name}: ${fmt(perSecond)} requests/s = ${fmt(perSecond * 60)} per minute`);
  return perSecond;
}
console.log(`bare undici request loop against the same target, ${CONCURRENCY} at a time, ${CEILING_SECONDS} s each:`);
const agent = new Agent({ connections: CONCURRENCY });
const pooled = await loop("kept-alive pool (one Agent)", async (path) => {
  const res = await request(`${targetUrl}${path}`, { dispatcher: agent });
  await res.body.text();
});
await agent.close();
const fresh = await loop("new connection per request (as the probes)", async (path) => {
  const client = new Client(targetUrl, { pipelining: 0 });
  const res = await client.request({ path, method: "GET" });
  await res.body.text();
  await client.close();
});

const needed = PROBES / INTERVAL_SECONDS;
console.log("");
console.log(
  `the worker needs ${fmt(needed)} checks/s: ${((needed / fresh) * 100).toFixed(1)} % of the new-connection ceiling, ${((needed / pooled) * 100).toFixed(1)} % of the pooled one`,
);
const ok = (b: boolean) => (b ? "met" : "NOT met");
console.log(
  `goal (10,000 probes at 60 s, lag p99 < 1 s, memory < 512 MB): ` +
    `${fmt(PROBES)} probes ${PROBES >= 10_000 ? "" : "(fewer than 10,000) "}→ ${fmt(perMinuteRate)} checks/min ${ok(perMinuteRate >= PROBES * 0.98)}, ` +
    `lag p99 ${fmt(p99)} ms ${ok(p99 < 1000)}, peak RSS ${mb(peakRss)} ${ok(peakRss < 512 * 1024 * 1024)}`,
);

target.send("stop");
await db.$disconnect();
process.exit(0);
