// `npm run bench:public-read`: requests/s and p50/p99 of GET / and of the JSON snapshot
// at 64 connections against the production build, and in the same run against a bare
// node:http server returning the same bytes (the runtime's ceiling on this machine).
import { fork, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { request } from "undici";
import { runLoad, type LoadResult } from "./load";

const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const VIGIL_PORT = 3200;
const BARE_PORT = 3201;
const PATHS = ["/", "/api/public/snapshot"];

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await request(url);
      await res.body.dump();
      if (res.statusCode === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`data/bench.db${suffix}`, { force: true });
console.log("Starting Vigil (production build, demo data)…");
const vigil = spawn(process.execPath, ["scripts/launch.mjs", "start"], {
  env: { ...process.env, PORT: String(VIGIL_PORT), DATABASE_URL: "file:./data/bench.db", SEED_DEMO: "true", NEXT_TELEMETRY_DISABLED: "1" },
  stdio: ["ignore", "ignore", "inherit"],
});
const bare = fork("scripts/bench/bare-server.ts", [String(BARE_PORT)], { execArgv: ["--import", "tsx"] });

try {
  await waitFor(`http://127.0.0.1:${VIGIL_PORT}/api/public/snapshot`, 300_000);
  await new Promise<void>((resolve) => bare.once("message", () => resolve()));
  for (const path of PATHS) {
    const res = await request(`http://127.0.0.1:${VIGIL_PORT}${path}`, { headers: { "accept-encoding": "gzip" } });
    const body = Buffer.from(await res.body.arrayBuffer());
    const headers = Object.fromEntries(
      Object.entries(res.headers).filter(([k]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(k)),
    ) as Record<string, string>;
    bare.send({ path, headers, body: body.toString("base64") });
    console.log(`${path}: ${body.length} bytes on the wire (${headers["content-encoding"] ?? "identity"})`);
  }
  await new Promise((r) => setTimeout(r, 200));

  const rows: { path: string; target: string; r: LoadResult }[] = [];
  for (const path of PATHS) {
    // Warm up both, then measure.
    await runLoad(`http://127.0.0.1:${VIGIL_PORT}`, path, CONNECTIONS, 2);
    rows.push({ path, target: "vigil", r: await runLoad(`http://127.0.0.1:${VIGIL_PORT}`, path, CONNECTIONS, SECONDS) });
    await runLoad(`http://127.0.0.1:${BARE_PORT}`, path, CONNECTIONS, 1);
    rows.push({ path, target: "bare node:http", r: await runLoad(`http://127.0.0.1:${BARE_PORT}`, path, CONNECTIONS, SECONDS) });
  }

  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, load generator in this process (same 2 cores)\n`);
  console.log("path                   target           req/s     p50 ms   p99 ms   errors");
  for (const { path, target, r } of rows) {
    console.log(
      `${path.padEnd(22)} ${target.padEnd(15)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)}`,
    );
  }
  console.log("");
  for (const path of PATHS) {
    const v = rows.find((x) => x.path === path && x.target === "vigil")!.r;
    const b = rows.find((x) => x.path === path && x.target !== "vigil")!.r;
    console.log(`${path}: ${(v.rps / b.rps).toFixed(2)}× of the bare-server ceiling, p99 ${v.p99.toFixed(1)} ms (goal ≥ 0.5×, p99 < 50 ms)`);
  }
} finally {
  vigil.kill("SIGTERM");
  bare.kill();
}
