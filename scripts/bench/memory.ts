// `npm run bench:memory`: the resident memory (RSS) of Vigil's production processes, started
// exactly as `npm start` and `npm run worker` start them (the package.json command, without
// npm's own process), each on a fresh SQLite file under data/bench-memory/:
//
// 1. The demo server (web + in-process probes): RSS BENCH_WARMUP_SECONDS (60) after it is
//    ready, then after one view of every public page. Target ≤ 200 MB idle.
// 2. The same server through tsx (the old `npm start`: TypeScript compiled at run time),
//    in the same run, as the baseline; its process tree (tsx's CLI and its child).
// 3. BENCH_COMPONENTS (1,000; 0 skips) components with 7 days of probe history and their
//    probes (scripts/bench/page-data.ts): peak and final RSS around one render of `/` and
//    one of /api/v2/summary.json.
// 4. The probe worker with BENCH_PROBES (10,000) HTTP probes every 60 s against a local
//    target in another process (the data and target of `npm run bench:probes`), for
//    BENCH_WORKER_SECONDS (150): peak RSS, sampled every 200 ms. Target ≤ 256 MB.
//
// Prints a table with the targets; exits 1 when one is missed. BENCH_ONLY=server,tsx,large,worker
// runs a subset. Linux only (reads /proc).
import { fork, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort, freshDb, launch, MB, mb, sampler, scripts, sleep, stop, treeRss, waitForOutput } from "./processes";

const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 60);
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 1000);
const PROBES = Number(process.env.BENCH_PROBES ?? 10_000);
const WORKER_SECONDS = Number(process.env.BENCH_WORKER_SECONDS ?? 150);
const ONLY = new Set((process.env.BENCH_ONLY ?? "server,tsx,large,worker").split(","));
const DIR = "data/bench-memory";
const SERVER_TARGET_MB = 200;
const WORKER_TARGET_MB = 256;

async function get(base: string, path: string): Promise<number> {
  const response = await fetch(new URL(path, base), { headers: { "accept-encoding": "br, gzip" }, redirect: "manual" });
  await response.arrayBuffer();
  return response.status;
}

/** Every public page and endpoint once, as a visitor, a feed reader and a monitor would. */
async function viewPublicPages(base: string): Promise<void> {
  const incidents = (await (await fetch(new URL("/api/v2/incidents.json", base))).json()) as { incidents: { id: string }[] };
  const paths = [
    "/",
    "/history",
    "/history?page=2",
    ...incidents.incidents.slice(0, 2).map((i) => `/incidents/${i.id}`),
    "/subscribe",
    "/api/public/snapshot",
    "/api/v2/summary.json",
    "/api/v2/status.json",
    "/api/v2/components.json",
    "/api/v2/incidents.json",
    "/api/v2/incidents/unresolved.json",
    "/api/v2/scheduled-maintenances.json",
    "/api/v2/scheduled-maintenances/upcoming.json",
    "/api/v2/scheduled-maintenances/active.json",
    "/feed.rss",
    "/feed.atom",
    "/badge.svg",
    "/embed.js",
    "/metrics",
    "/healthz",
    "/readyz",
  ];
  for (const path of paths) {
    const status = await get(base, path);
    if (status >= 400) throw new Error(`GET ${path} answered ${status}`);
  }
}

interface ServerRun {
  idle: number;
  afterViews: number;
}

async function measureServer(label: string, commandLine: string, name: string): Promise<ServerRun> {
  const port = await freePort();
  const { child, output } = launch(commandLine, { DATABASE_URL: freshDb(DIR, name), PORT: String(port), HOSTNAME: "127.0.0.1", SEED_DEMO: "true" }, label);
  try {
    // The first start may build the app: up to a few minutes on two cores.
    await waitForOutput(output, "ready on", 600_000, label);
    console.log(`${label}: ready; waiting ${WARMUP_SECONDS} s`);
    await sleep(WARMUP_SECONDS * 1000);
    const idle = treeRss(child.pid!);
    await viewPublicPages(`http://127.0.0.1:${port}`);
    await sleep(5000);
    const afterViews = treeRss(child.pid!);
    console.log(`${label}: idle ${mb(idle)}, after the page views ${mb(afterViews)}`);
    return { idle, afterViews };
  } finally {
    await stop(child);
  }
}

interface LargeRun {
  idle: number;
  peak: number;
  after: number;
  pageBytes: number;
  renderMs: number;
}

async function measureLarge(): Promise<LargeRun> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const url = freshDb(DIR, "large");
  console.log(`large page: writing ${COMPONENTS.toLocaleString("en-US")} components with 7 days of probe history…`);
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench/page-data.ts", url, String(COMPONENTS), base], { stdio: "inherit" });
  if (seeded.status !== 0) throw new Error("page-data failed");
  const { child, output } = launch(scripts.start!, { DATABASE_URL: url, PORT: String(port), HOSTNAME: "127.0.0.1" }, "large page");
  try {
    await waitForOutput(output, "ready on", 600_000, "large page");
    await sleep(10_000);
    const idle = treeRss(child.pid!);
    const samples = sampler(child.pid!, 100);
    const started = performance.now();
    const page = await fetch(new URL("/", base));
    const pageBytes = (await page.arrayBuffer()).byteLength;
    const renderMs = performance.now() - started;
    await get(base, "/api/v2/summary.json");
    await sleep(2000);
    const run = { idle, peak: samples.peak, after: treeRss(child.pid!), pageBytes, renderMs };
    samples.stop();
    console.log(`large page: idle ${mb(idle)}; / (${mb(pageBytes)}) in ${(renderMs / 1000).toFixed(1)} s; peak ${mb(run.peak)}, after ${mb(run.after)}`);
    return run;
  } finally {
    await stop(child);
  }
}

interface WorkerRun {
  peak: number;
  checksPerMinute: string;
}

async function measureWorker(): Promise<WorkerRun> {
  const url = freshDb(DIR, "worker");
  const target = fork("scripts/bench/probe-target.ts", [], { execArgv: ["--import", "tsx"] });
  try {
    const { url: targetUrl } = await new Promise<{ url: string }>((resolve) => target.once("message", resolve as never));
    console.log(`worker: writing ${PROBES.toLocaleString("en-US")} probes against ${targetUrl}…`);
    const setup = fork("scripts/bench/probe-data.ts", [url, String(PROBES), "10", targetUrl], { execArgv: ["--import", "tsx"] });
    const made = await new Promise<{ ready?: number; error?: string }>((resolve) => setup.once("message", resolve as never));
    if (made.error !== undefined) throw new Error(made.error);
    const { child, output } = launch(scripts.worker!, { DATABASE_URL: url, PROBE_REGION: "bench" }, "worker");
    try {
      await waitForOutput(output, "vigil worker: running", 120_000, "worker");
      const samples = sampler(child.pid!);
      console.log(`worker: running; sampling for ${WORKER_SECONDS} s`);
      await sleep(WORKER_SECONDS * 1000);
      const peak = samples.peak;
      samples.stop();
      // The worker's own line a minute: "last minute: 9,980 checks (0 failed), lag p50 5 ms p99 18 ms, 0 errors; …".
      const minutes = [...output().matchAll(/last minute: ([^;]+);/g)].map((m) => m[1]!);
      for (const line of minutes) console.log(`worker: a minute: ${line}`);
      console.log(`worker: peak ${mb(peak)}`);
      return { peak, checksPerMinute: /^([\d,]+) checks/.exec(minutes.at(-1) ?? "")?.[1] ?? "?" };
    } finally {
      await stop(child);
    }
  } finally {
    target.send("stop");
  }
}

// Compile first, so that no measured process spends its start compiling.
if (!existsSync("node_modules/.bin/tsx")) throw new Error("run npm install first");
if (spawnSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" }).status !== 0) process.exit(1);

const rows: { name: string; value: string; target: string; pass: boolean | null }[] = [];
const row = (name: string, value: string, target = "", pass: boolean | null = null) => rows.push({ name, value, target, pass });

let compiled: ServerRun | null = null;
if (ONLY.has("server")) {
  compiled = await measureServer("demo server", scripts.start!, "demo");
  row(
    `demo server, ${WARMUP_SECONDS} s after ready (web + in-process probes)`,
    mb(compiled.idle),
    `≤ ${SERVER_TARGET_MB} MB`,
    compiled.idle <= SERVER_TARGET_MB * MB,
  );
  row("demo server, after one view of every public page", mb(compiled.afterViews));
}
if (ONLY.has("tsx")) {
  // The start path before compiled JavaScript: tsx's CLI compiling scripts/start.ts and
  // everything it loads at run time, its database step included.
  const tsx = await measureServer("through tsx", "node_modules/.bin/tsx scripts/start.ts", "demo-tsx");
  const ratio = (a: number, b: number | undefined) => (b ? ` (${(a / b).toFixed(2)}× compiled)` : "");
  row(`same server through tsx, ${WARMUP_SECONDS} s after ready`, `${mb(tsx.idle)}${ratio(tsx.idle, compiled?.idle)}`);
  row("same server through tsx, after the page views", `${mb(tsx.afterViews)}${ratio(tsx.afterViews, compiled?.afterViews)}`);
}
if (ONLY.has("large") && COMPONENTS > 0) {
  const large = await measureLarge();
  const n = COMPONENTS.toLocaleString("en-US");
  row(`${n} components, idle`, mb(large.idle));
  row(`${n} components, peak during / (${mb(large.pageBytes)}, ${(large.renderMs / 1000).toFixed(1)} s) and summary.json`, mb(large.peak));
  row(`${n} components, after them`, mb(large.after));
}
if (ONLY.has("worker")) {
  const worker = await measureWorker();
  row(
    `worker, ${PROBES.toLocaleString("en-US")} probes at 60 s (${worker.checksPerMinute} checks/min), peak`,
    mb(worker.peak),
    `≤ ${WORKER_TARGET_MB} MB`,
    worker.peak <= WORKER_TARGET_MB * MB,
  );
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log("");
console.log(`${"RSS of the process (tree), as npm start / npm run worker run it".padEnd(width)}  ${"value".padEnd(24)}  target     result`);
for (const r of rows) {
  console.log(`${r.name.padEnd(width)}  ${r.value.padEnd(24)}  ${r.target.padEnd(9)}  ${r.pass === null ? "" : r.pass ? "pass" : "FAIL"}`);
}
process.exit(rows.some((r) => r.pass === false) ? 1 : 0);
