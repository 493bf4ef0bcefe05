import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as route from "@/app/api/heartbeat/[...path]/route";
import type { StaffContext } from "@/lib/auth/staff";
import { listComponentProbes } from "@/lib/console/queries";
import type { Db } from "@/lib/db";
import { handleHeartbeatPing } from "@/lib/probes/heartbeat/api";
import { PingLimiter } from "@/lib/probes/heartbeat/rate-limit";
import { detectMissedHeartbeats } from "@/lib/probes/heartbeat/record";
import { heartbeatUrl } from "@/lib/probes/heartbeat/urls";
import { createProbe, rotateHeartbeatToken, setAutoIncident, setProbeEnabled, testProbe } from "@/lib/probes/staff-verbs";
import { loadEnabledProbes } from "@/lib/probes/worker";
import { listen, type Running } from "@/tests/support/probe-servers";
import { createComponent, createPage, resetDb, testDatabaseUrl, testDb } from "./db";

// Heartbeat (push) probes against the real database: pings through the route's handler
// with an explicit clock, misses found by the detector job at chosen instants (no
// sleeps), and once over real HTTP with fetch, as a job's curl would.

let db: Db;
const editor: StaffContext = { role: "editor", actor: { id: "editor-1", email: "ed@example.com", ip: "198.51.100.7" }, sessionId: null };
const BASE = Date.parse("2026-12-01T10:00:00Z");
const at = (seconds: number) => new Date(BASE + seconds * 1000);
const BASE_URL = "http://127.0.0.1";

beforeAll(() => {
  // The route module (last test) reads the database from DATABASE_URL, as in production:
  // set before anything reads the environment, which lib/env.ts parses once.
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
});

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

/** A heartbeat expected every 60 s with 30 s grace (due 90 s after a ping), default thresholds (3 down, 2 up). */
async function heartbeat(slug = "backup", options: { auto?: boolean } = {}) {
  const component = await createComponent(db, slug);
  if (options.auto) await setAutoIncident(db, editor, { componentId: component.id, enabled: true });
  const probe = await createProbe(
    db,
    editor,
    { componentId: component.id, check: { kind: "heartbeat", graceSeconds: 30 }, schedule: { intervalSeconds: 60 } },
    at(0),
  );
  expect(probe.heartbeatToken).toMatch(/^hb_[A-Za-z0-9_-]{32}$/);
  return { component, probe, token: probe.heartbeatToken! };
}

function ping(token: string, seconds: number, init: { method?: string; suffix?: string; body?: string; contentType?: string; limiter?: PingLimiter } = {}) {
  const request = new Request(`${heartbeatUrl(BASE_URL, token)}${init.suffix ?? ""}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    ...(init.body === undefined ? {} : { body: init.body, headers: { "content-type": init.contentType ?? "application/json" } }),
  });
  return handleHeartbeatPing(
    db,
    { method: request.method, url: new URL(request.url), headers: request.headers, body: request.body },
    { now: () => at(seconds), limiter: init.limiter ?? new PingLimiter() },
  );
}

const componentOf = (id: string) => db.component.findUniqueOrThrow({ where: { id }, select: { status: true, observedStatus: true, autoIncidentId: true } });
const resultsOf = (probeId: string) => db.probeResult.findMany({ where: { probeId }, orderBy: { startedAt: "asc" } });
const rowOf = (probeId: string) => db.probeHeartbeat.findUniqueOrThrow({ where: { probeId } });

describe("heartbeat pings", () => {
  it("pings on time keep the component Operational; each moves the next due time", async () => {
    const { component, probe, token } = await heartbeat();
    // Never pinged: due one period plus grace after it was made.
    expect((await rowOf(probe.id)).nextDueAt).toEqual(at(90));
    for (const s of [0, 60, 120]) {
      const response = await ping(token, s);
      expect(response).toMatchObject({ status: 200, body: { ok: true, status: "ok", nextDueAt: at(s + 90).toISOString() } });
    }
    expect(await detectMissedHeartbeats(db, at(200))).toEqual({ missed: 0, statusChanged: false });
    expect(await componentOf(component.id)).toMatchObject({ status: "operational", observedStatus: "operational" });
    const results = await resultsOf(probe.id);
    expect(results.map((r) => [r.outcome, r.region, r.message])).toEqual([
      ["ok", "heartbeat", "Ping received"],
      ["ok", "heartbeat", "Ping received"],
      ["ok", "heartbeat", "Ping received"],
    ]);
    expect(await rowOf(probe.id)).toMatchObject({ lastPingAt: at(120), lastPingStatus: "ok", nextDueAt: at(210) });
    // What the console's probe section shows: the token's prefix only, the last ping and the next due time.
    const [shown] = await listComponentProbes(db, component.id, at(130));
    expect(shown?.heartbeat).toEqual({ tokenPrefix: token.slice(0, 9), lastPingAt: at(120), lastPingStatus: "ok", nextDueAt: at(210) });
    expect(shown?.regions.map((r) => [r.region, r.confirmed])).toEqual([["heartbeat", "up"]]);
    // The worker never runs a heartbeat itself, and "Test now" says why.
    expect((await loadEnabledProbes(db)).map((p) => p.id)).not.toContain(probe.id);
    await expect(testProbe(db, editor, { kind: "heartbeat" })).rejects.toThrow(/not checked by Vigil/);
  });

  it("/fail three times makes it fail per the thresholds; a body with details is recorded; two pings recover", async () => {
    const { component, probe, token } = await heartbeat();
    await ping(token, 0);
    await ping(token, 10);
    expect((await ping(token, 20, { suffix: "/fail" })).status).toBe(200);
    expect((await ping(token, 30, { suffix: "?status=fail" })).status).toBe(200);
    expect(await componentOf(component.id)).toMatchObject({ status: "operational" });
    const detailed = await ping(token, 40, { body: JSON.stringify({ status: "fail", duration_ms: 1234, message: "disk full" }) });
    expect(detailed).toMatchObject({ status: 200, body: { status: "fail" } });
    expect(await componentOf(component.id)).toMatchObject({ status: "major_outage", observedStatus: "major_outage" });
    const last = (await resultsOf(probe.id)).at(-1)!;
    expect(last).toMatchObject({ outcome: "failed", errorClass: "heartbeat_failed", message: "disk full", latencyMs: 1234 });
    expect((await rowOf(probe.id)).lastPingStatus).toBe("fail");
    await ping(token, 50);
    // curl -d sends a form Content-Type: the body is still read as JSON.
    await ping(token, 60, { body: '{"status":"ok"}', contentType: "application/x-www-form-urlencoded" });
    expect(await componentOf(component.id)).toMatchObject({ status: "operational" });
  });

  it("a missed period (expected time + grace) is a failure; three open the outage and its incident; a later ping recovers", async () => {
    const { component, probe, token } = await heartbeat("backup", { auto: true });
    await ping(token, 0);
    expect(await detectMissedHeartbeats(db, at(89))).toEqual({ missed: 0, statusChanged: false });
    expect((await detectMissedHeartbeats(db, at(90))).missed).toBe(1);
    // Run again at once: nothing left (the next miss is a period later).
    expect((await detectMissedHeartbeats(db, at(91))).missed).toBe(0);
    expect((await rowOf(probe.id)).nextDueAt).toEqual(at(150));
    expect((await detectMissedHeartbeats(db, at(150))).missed).toBe(1);
    expect(await componentOf(component.id)).toMatchObject({ status: "operational" });
    expect(await detectMissedHeartbeats(db, at(215))).toEqual({ missed: 1, statusChanged: true });
    const down = await componentOf(component.id);
    expect(down).toMatchObject({ status: "major_outage", observedStatus: "major_outage" });
    expect(down.autoIncidentId).not.toBeNull();
    const misses = (await resultsOf(probe.id)).filter((r) => r.errorClass === "heartbeat_missed");
    // Dated at their due times, so the outage starts when the ping was due.
    expect(misses.map((r) => r.startedAt)).toEqual([at(90), at(150), at(210)]);
    expect(misses[0]!.message).toBe(`No ping since ${at(0).toISOString()}: one was due by ${at(90).toISOString()}`);
    const change = await db.componentStatusChange.findFirstOrThrow({ where: { componentId: component.id, toStatus: "major_outage" } });
    expect(change.at).toEqual(at(210));

    await ping(token, 230);
    await ping(token, 240);
    const up = await componentOf(component.id);
    expect(up).toMatchObject({ status: "operational", autoIncidentId: null });
    const incident = await db.incident.findFirstOrThrow({ where: { components: { some: { componentId: component.id } } } });
    expect(incident.status).toBe("resolved");
  });

  it("two detector runs at once record one miss", async () => {
    const { probe, token } = await heartbeat();
    await ping(token, 0);
    const runs = await Promise.all([detectMissedHeartbeats(db, at(95)), detectMissedHeartbeats(db, at(95)), detectMissedHeartbeats(db, at(96))]);
    expect(runs.reduce((sum, r) => sum + r.missed, 0)).toBe(1);
    expect((await resultsOf(probe.id)).filter((r) => r.errorClass === "heartbeat_missed")).toHaveLength(1);
    expect(await rowOf(probe.id)).toMatchObject({ nextDueAt: at(150), claimedUntil: null });
  });

  it("a paused heartbeat is not charged: pings are acknowledged, no miss is recorded, and resuming starts a fresh period", async () => {
    const { probe, token } = await heartbeat();
    await setProbeEnabled(db, editor, { probeId: probe.id, enabled: false }, at(10));
    expect((await ping(token, 20)).status).toBe(200);
    expect(await detectMissedHeartbeats(db, at(500))).toEqual({ missed: 0, statusChanged: false });
    expect(await resultsOf(probe.id)).toHaveLength(0);
    await setProbeEnabled(db, editor, { probeId: probe.id, enabled: true }, at(600));
    expect((await rowOf(probe.id)).nextDueAt).toEqual(at(690));
  });

  it("a new token replaces the old one at once", async () => {
    const { probe, token } = await heartbeat();
    const fresh = await rotateHeartbeatToken(db, editor, probe.id, at(5));
    expect(fresh).not.toBe(token);
    expect((await ping(token, 10)).status).toBe(404);
    expect((await ping(fresh, 10)).status).toBe(200);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "probe.heartbeat_token" } });
    expect(audit.after).not.toContain(fresh);
  });
});

describe("heartbeat refusals", () => {
  it("an unknown or malformed token is a JSON 404", async () => {
    await heartbeat();
    for (const token of ["hb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "nope", "hb_short"]) {
      expect(await ping(token, 0)).toMatchObject({ status: 404, body: { error: { code: "not_found", message: "No heartbeat has this URL." } } });
    }
    expect(await ping("hb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0, { suffix: "/other" })).toMatchObject({ status: 404 });
  });

  it.each([
    ["not JSON", { body: "status=fail" }, "body", /must be JSON/],
    ["a bad status", { body: '{"status":"maybe"}' }, "status", /"ok" or "fail"/],
    ["a negative duration", { body: '{"duration_ms":-1}' }, "duration_ms", /at least 0/],
    ["an unknown field", { body: '{"state":"ok"}' }, "body", /state/],
    ["a bad ?status=", { suffix: "?status=down" }, "status", /"ok" or "fail"/],
    ["/fail with status ok", { suffix: "/fail", body: '{"status":"ok"}' }, "status", /disagree/],
  ])("a ping with %s is a 422 naming the field, and records nothing", async (_name, init, field, message) => {
    const { probe, token } = await heartbeat();
    const response = await ping(token, 0, init);
    expect(response.status).toBe(422);
    const fields = (response.body as { error: { fields: Record<string, string> } }).error.fields;
    expect(fields[field]).toMatch(message);
    expect(await resultsOf(probe.id)).toHaveLength(0);
  });

  it("too many pings for one token are a 429 with Retry-After; other methods a 405", async () => {
    const { token } = await heartbeat();
    const limiter = new PingLimiter(2);
    expect((await ping(token, 0, { limiter })).status).toBe(200);
    expect((await ping(token, 1, { limiter })).status).toBe(200);
    const limited = await ping(token, 2, { limiter });
    expect(limited).toMatchObject({ status: 429, headers: { "Retry-After": "58" }, body: { error: { code: "rate_limited" } } });
    expect(await ping(token, 3, { method: "DELETE" })).toMatchObject({ status: 405, headers: { Allow: "GET, HEAD, POST" } });
  });
});

describe("over HTTP, as curl calls it", () => {
  let server: Running & { url: string };
  beforeAll(async () => {
    // A real HTTP server in front of the route's own handlers (what Next does for it).
    const handlers: Record<string, (request: Request) => Promise<Response>> = { GET: route.GET, POST: route.POST, HEAD: route.HEAD, PUT: route.PUT };
    const running = await listen(
      http.createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
        const response = await handlers[req.method ?? "GET"]!(
          new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, ...(body ? { body } : {}) }),
        );
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      }),
    );
    server = { ...running, url: `http://127.0.0.1:${running.port}` };
  });
  afterAll(async () => {
    await server.close();
  });

  it("GET, POST with a JSON body, /fail and an unknown token", async () => {
    const { probe, token } = await heartbeat();
    const url = heartbeatUrl(server.url, token);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(await ok.json()).toMatchObject({ ok: true, status: "ok" });
    const posted = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ duration_ms: 42, message: "nightly" }),
    });
    expect(posted.status).toBe(200);
    expect((await fetch(`${url}/fail`, { method: "POST" })).status).toBe(200);
    const missing = await fetch(heartbeatUrl(server.url, "hb_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "No heartbeat has this URL." } });
    const bad = await fetch(url, { method: "POST", body: "{" });
    expect(bad.status).toBe(422);
    expect((await fetch(url, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(url, { method: "PUT" })).status).toBe(405);
    const results = await resultsOf(probe.id);
    expect(results.map((r) => [r.outcome, r.message])).toEqual([
      ["ok", "Ping received"],
      ["ok", "nightly"],
      ["failed", "The job reported a failure"],
      ["ok", "Ping received"],
    ]);
  });
});
