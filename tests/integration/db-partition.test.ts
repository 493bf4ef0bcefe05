// PostgreSQL behind a proxy that black-holes traffic (a network partition: no reset, just
// silence) for longer than every cache lifetime, against the real app in a child process.
// The public page, the Statuspage summary and the badge answer 200 within 1 s throughout,
// with the "as of" notice; a staff write fails within 10 s and is never applied later;
// once traffic passes again everything recovers within 10 s, without a restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/keys";
import type { StaffContext } from "@/lib/auth/staff";
import { databaseProvider } from "@/lib/env";
import { seedIfEmpty } from "@/lib/seed/demo";
import { type RunningApp, startApp } from "../support/app-server";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { resetDb, testDatabaseUrl, testDb } from "./db";

const onPostgres = databaseProvider(testDatabaseUrl()) === "postgres";
const admin: StaffContext = { role: "admin", actor: { id: "admin-1", email: "ana@example.com", ip: null }, sessionId: null };
/** Longer than the public cache's 60 s entry lifetime. */
const PARTITION_MS = 70_000;
const NOTICE = "We can’t reach our status database right now";
const PUBLIC_URLS = ["/", "/api/v2/summary.json", "/badge.svg"];

let proxy: TcpProxy;
let app: RunningApp;
let apiKey: string;

async function timed(path: string, init?: RequestInit & { timeoutMs?: number }) {
  const started = performance.now();
  const response = await fetch(`${app.origin}${path}`, { ...init, signal: AbortSignal.timeout(init?.timeoutMs ?? 1000) });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

function openIncident(title: string) {
  return timed("/api/manage/v1/incidents", {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ name: title, status: "investigating", impact: "minor", body: "Looking into it." }),
    timeoutMs: 30_000,
  });
}

const failed = (error: Error) => ({ status: 0, body: error.message, ms: Infinity });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!onPostgres)("a partitioned PostgreSQL", () => {
  beforeAll(async () => {
    const db = await testDb();
    await resetDb(db);
    await seedIfEmpty(db, { demo: true, url: "http://status.test/" });
    apiKey = (await createApiKey(db, admin, { name: "partition test", scopes: ["incidents:write"] })).key;
    const target = new URL(testDatabaseUrl());
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(testDatabaseUrl());
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    app = await startApp({ DATABASE_URL: viaProxy.toString(), PROBES_ENABLED: "false", SEED_DEMO: "true" });
  }, 400_000);

  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
  });

  it("keeps serving, refuses writes quickly and never applies them late, then recovers on its own", async () => {
    for (const path of PUBLIC_URLS) expect((await timed(path, { timeoutMs: 30_000 })).status).toBe(200);
    expect((await openIncident("Before the partition")).status).toBe(201);

    proxy.blackhole();
    const partitionedAt = performance.now();
    const write = openIncident("Written during the partition").catch((error: Error) => ({ status: 0, body: error.message, ms: Infinity }));

    let noticeAfterMs: number | null = null;
    let slowest = 0;
    const failures: string[] = [];
    while (performance.now() - partitionedAt < PARTITION_MS) {
      for (const path of PUBLIC_URLS) {
        const answer = await timed(path).catch((error: Error) => ({ status: 0, body: error.message, ms: 1000 }));
        slowest = Math.max(slowest, answer.ms);
        if (answer.status !== 200) failures.push(`${path} → ${answer.status} at ${Math.round(performance.now() - partitionedAt)} ms`);
        if (path === "/" && noticeAfterMs === null && answer.body.includes(NOTICE)) noticeAfterMs = performance.now() - partitionedAt;
      }
      await sleep(250);
    }
    expect(failures).toEqual([]);
    expect(slowest).toBeLessThan(1000);
    // The first failed refresh is the revision poll's (every 5 s); the notice follows within 5 s of it.
    expect(noticeAfterMs).not.toBeNull();
    expect(noticeAfterMs!).toBeLessThan(10_000);
    expect((await timed("/metrics")).body).toContain("vigil_public_snapshot_stale 1");

    const refused = await write;
    expect(refused.ms).toBeLessThan(10_000);
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "unavailable", message: expect.stringMatching(/nothing was saved/) } });

    proxy.heal();
    const healedAt = performance.now();
    let recoveredAfterMs: number | null = null;
    let last = "";
    while (performance.now() - healedAt < 15_000) {
      const [page, ready] = [await timed("/").catch(failed), await timed("/readyz", { timeoutMs: 3000 }).catch(failed)];
      if (page.status === 200 && !page.body.includes(NOTICE) && ready.status === 200) {
        recoveredAfterMs = performance.now() - healedAt;
        break;
      }
      last = `/ → ${page.status}${page.body.includes(NOTICE) ? " with the notice" : ""}, /readyz → ${ready.status} ${ready.body.slice(0, 200)}`;
      await sleep(250);
    }
    expect(recoveredAfterMs, `not recovered 15 s after healing: ${last}\n${app.output().slice(-4000)}`).not.toBeNull();
    expect(recoveredAfterMs!).toBeLessThan(10_000);
    expect((await openIncident("After the partition")).status).toBe(201);

    // The refused write must not surface later (a statement held in a buffer, a retried request).
    await sleep(3000);
    const titles = (await (await testDb()).incident.findMany({ select: { name: true } })).map((i) => i.name);
    expect(titles).toContain("Before the partition");
    expect(titles).toContain("After the partition");
    expect(titles).not.toContain("Written during the partition");

    console.log(
      `partition: slowest public answer ${Math.round(slowest)} ms, notice after ${Math.round(noticeAfterMs!)} ms, ` +
        `write refused after ${Math.round(refused.ms)} ms, recovered ${Math.round(recoveredAfterMs!)} ms after healing`,
    );
    // One line when the database went away and one when it came back, not one per failed query.
    const stateLines = app
      .output()
      .split("\n")
      .filter((line) => /database (unreachable|reachable again)/.test(line));
    expect(stateLines.length).toBeGreaterThanOrEqual(2);
    expect(stateLines.length).toBeLessThanOrEqual(4);
  }, 180_000);
});
