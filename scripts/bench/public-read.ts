// `npm run bench:public-read`: requests/s and p50/p99 of a small (status.json), a medium
// (summary.json) and a large (GET /) cached answer, with and without Accept-Encoding, at 64
// connections against the production build, and in the same run against a bare node:http
// server returning the same bytes (the runtime's ceiling on this machine). Issue 16's goal:
// each at ≥ 0.5× the bare server, p99 < 50 ms. BENCH_PATHS=/a,/b narrows the paths.
import { fork, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { request } from "undici";
import { runLoad, type LoadResult } from "./load";

const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const VIGIL_PORT = 3200;
const BARE_PORT = 3201;
const PATHS = process.env.BENCH_PATHS?.split(",") ?? ["/api/v2/status.json", "/api/v2/summary.json", "/"];
const CODINGS = ["gzip", "identity"] as const;
const headersFor = (coding: (typeof CODINGS)[number]): Record<string, string> => (coding === "gzip" ? { "accept-encoding": "gzip" } : {});

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
    for (const coding of CODINGS) {
      const res = await request(`http://127.0.0.1:${VIGIL_PORT}${path}`, { headers: headersFor(coding) });
      const body = Buffer.from(await res.body.arrayBuffer());
      const headers = Object.fromEntries(
        Object.entries(res.headers).filter(([k]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(k)),
      ) as Record<string, string>;
      bare.send({ path, coding, headers, body: body.toString("base64") });
      console.log(`${path}: ${body.length} bytes on the wire (${headers["content-encoding"] ?? "identity"}), ${Object.keys(headers).length} headers`);
    }
  }
  await new Promise((r) => setTimeout(r, 200));

  const rows: { path: string; coding: string; target: string; r: LoadResult }[] = [];
  for (const path of PATHS) {
    for (const coding of CODINGS) {
      const headers = headersFor(coding);
      // Warm up both, then measure, one after the other (never at once: they share the cores).
      await runLoad(`http://127.0.0.1:${VIGIL_PORT}`, path, CONNECTIONS, 2, headers);
      rows.push({ path, coding, target: "vigil", r: await runLoad(`http://127.0.0.1:${VIGIL_PORT}`, path, CONNECTIONS, SECONDS, headers) });
      await runLoad(`http://127.0.0.1:${BARE_PORT}`, path, CONNECTIONS, 1, headers);
      rows.push({ path, coding, target: "bare node:http", r: await runLoad(`http://127.0.0.1:${BARE_PORT}`, path, CONNECTIONS, SECONDS, headers) });
    }
  }

  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, load generator in this process (same 2 cores)\n`);
  console.log("path                   coding    target           req/s     p50 ms   p99 ms   errors");
  for (const { path, coding, target, r } of rows) {
    console.log(
      `${path.padEnd(22)} ${coding.padEnd(9)} ${target.padEnd(15)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)}`,
    );
  }
  console.log("");
  for (const path of PATHS) {
    for (const coding of CODINGS) {
      const v = rows.find((x) => x.path === path && x.coding === coding && x.target === "vigil")!.r;
      const b = rows.find((x) => x.path === path && x.coding === coding && x.target !== "vigil")!.r;
      console.log(`${path} (${coding}): ${(v.rps / b.rps).toFixed(2)}× of the bare-server ceiling, p99 ${v.p99.toFixed(1)} ms (goal ≥ 0.5×, p99 < 50 ms)`);
    }
  }
} finally {
  vigil.kill("SIGTERM");
  bare.kill();
}
