// Vigil issue 11: bad input gets a clear 4xx, never a 5xx or a stack trace. The real app
// (scripts/start.ts: migrate, seed the demo, build if needed, serve) on the test database,
// then a few thousand malformed requests (tests/support/fuzz/) against it on loopback.
// A failure prints the seed and the request; VIGIL_FUZZ_SEED=<seed> replays that corpus,
// VIGIL_FUZZ_SIZE=<n> makes it bigger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { type RunningApp, startApp } from "../support/app-server";
import { apiRoutesWithoutBody, buildCorpus, v1RoutesWithoutBody } from "../support/fuzz/corpus";
import { LEAKS, problemsWith } from "../support/fuzz/oracle";
import { request } from "../support/fuzz/request";
import { describeFailure, replay } from "../support/fuzz/run";
import { prepareSurface, readBuild, type Surface } from "../support/fuzz/surface";
import { startHttpReceiver } from "../support/http-receiver";
import { resetDb, testDatabaseUrl, testDb } from "./db";

const SEED = Number(process.env.VIGIL_FUZZ_SEED ?? 20_261_202);
const SIZE = Number(process.env.VIGIL_FUZZ_SIZE ?? 2200);

let db: Db;
let app: RunningApp | undefined;
let sink: Awaited<ReturnType<typeof startHttpReceiver>> | undefined;
let surface: Surface;

beforeAll(async () => {
  db = await testDb();
  await resetDb(db); // empty: the app seeds the demo page on start
  // On SQLite the app's migration step cannot lock the file while another process holds a
  // connection to it; Prisma reconnects on the next query.
  await db.$disconnect();
  sink = await startHttpReceiver();
  app = await startApp({
    DATABASE_URL: testDatabaseUrl(),
    SEED_DEMO: "true",
    // No probe runs on its own: the only checks are the fuzzer's, aimed at the sink.
    PROBES_ENABLED: "false",
    // Webhook subscribers point at the sink on loopback.
    WEBHOOK_ALLOW_PRIVATE: "true",
    // The fuzzer's key must reach the body parsers, not the rate limit.
    API_RATE_LIMIT_PER_MINUTE: "100000",
    LOG_REQUESTS: "false",
    // No mail server, whatever the caller's environment says: nothing may leave loopback.
    SMTP_HOST: "",
  });
  surface = await prepareSurface(db, readBuild(), { origin: app.origin, sinkUrl: sink.url() });
}, 420_000); // the first start builds the app

afterAll(async () => {
  await app?.stop();
  await sink?.close();
});

describe("the fuzzer itself", () => {
  it("attacks every route and action the issue names, with a valid body for every API operation", () => {
    for (const route of ["/", "/history", "/incidents/[id]", "/subscribe", "/feed.rss", "/feed.atom", "/badge.svg", "/badge/[slug]", "/embed.js"]) {
      expect(surface.routes).toContain(route);
    }
    for (const route of [
      "/api/v2/[...path]",
      "/api/public/snapshot",
      "/healthz",
      "/readyz",
      "/metrics",
      "/api/openapi.json",
      "/api/subscriptions/unsubscribe",
    ]) {
      expect(surface.routes).toContain(route);
    }
    for (const route of ["/api/manage/v1/[...path]", "/console", "/console/components/[id]", "/login", "/setup", "/mfa/verify"]) {
      expect(surface.routes).toContain(route);
    }
    expect(surface.actions.map((a) => a.name)).toEqual(
      expect.arrayContaining(["subscribeAction", "signIn", "createAdmin", "verifyMfa", "createIncidentAction"]),
    );
    expect(surface.actions.every((a) => a.pages.length > 0)).toBe(true);
    // Every action but signOut declares its arguments (formAction), which the fuzzer reads to call it well-formed.
    expect(surface.actions.filter((a) => a.args.length === 0).map((a) => a.name)).toEqual(["signOut"]);
    expect(apiRoutesWithoutBody(surface)).toEqual([]);
    expect(v1RoutesWithoutBody(surface)).toEqual([]);
  });

  it("makes the same corpus from the same seed, and another from another", () => {
    const labels = (seed: number) => buildCorpus(surface, { seed, size: 50 }).map((r) => `${r.label} ${r.path}`);
    expect(labels(7)).toEqual(labels(7));
    expect(labels(7)).not.toEqual(labels(8));
  });

  it("flags a 5xx, a missing answer, leaked internals and a non-JSON API error; passes a plain answer", () => {
    const get = request("probe", "GET", "/api/manage/v1/components");
    const answer = (status: number | null, body: string, type = "text/html") => ({ status, body, headers: { "content-type": type }, ms: 1 });
    expect(problemsWith(get, answer(500, "{}", "application/json"))).toContain("answered 500");
    expect(problemsWith(get, { ...answer(null, ""), error: "ECONNRESET" })[0]).toMatch(/no answer/);
    const leaks = [
      "TypeError: b.get is not a function\n    at n (/work/app/.next/server/chunks/ssr/x.js:1:200)",
      "see node_modules/next/dist/server/base-server.js",
      "Invalid `prisma.incident.create()` invocation",
      'insert or update on table "Incident" violates foreign key constraint',
      '1:E{"digest":"1054019967"}',
    ];
    for (const body of leaks) expect(problemsWith(request("page", "GET", "/"), answer(200, body)).length, body).toBeGreaterThan(0);
    expect(problemsWith(get, answer(404, "<html>Not found</html>"))[0]).toMatch(/must be JSON/);
    expect(problemsWith(get, answer(404, '{"error":{"code":"not_found","message":"No such thing."}}', "application/json"))).toEqual([]);
    expect(problemsWith(request("page", "GET", "/"), answer(200, "<html><p>All systems operational</p></html>"))).toEqual([]);
    // A 404 page's router payload echoes the path it was asked for.
    expect(problemsWith(request("page", "GET", "/prisma/models.prisma"), answer(404, '<html>0:{"c":["","prisma","models.prisma"]}</html>'))).toEqual([]);
    expect(LEAKS.length).toBeGreaterThan(0);
  });
});

describe("the app under fuzzing", () => {
  it(`answers ${SIZE} generated and every pinned malformed request with no 5xx and no internals`, async () => {
    const corpus = buildCorpus(surface, { seed: SEED, size: SIZE });
    const report = await replay(app!.origin, corpus, { seed: SEED, concurrency: 8 });
    console.log(`fuzz: seed ${SEED}, ${report.sent} requests in ${(report.ms / 1000).toFixed(1)} s, statuses ${JSON.stringify(report.statuses)}`);
    console.log(`fuzz: slowest ${report.slowest.map((r) => `${r.ms} ms ${r.label.slice(0, 100)}`).join("\n  ")}`);
    const failures = report.failures.map((f) => describeFailure(f, SEED));
    if (failures.length > 0) console.log(`fuzz failures (seed ${SEED}):\n${failures.join("\n\n")}`);
    expect(failures).toEqual([]);
  }, 240_000);

  it("is still up and ready afterwards, with the fuzzer still signed in (so the signed-in cases ran signed in)", async () => {
    expect(app!.alive(), app!.output().slice(-3000)).toBe(true);
    expect((await fetch(`${app!.origin}/readyz`)).status).toBe(200);
    const signedIn = await fetch(`${app!.origin}/console`, { headers: { cookie: surface.sessionCookie }, redirect: "manual" });
    expect(signedIn.status).toBe(200);
  });
});
