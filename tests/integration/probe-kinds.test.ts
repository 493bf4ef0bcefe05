import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { icmpAvailability } from "@/lib/probes/checks/run-icmp";
import { createProbe, testProbe, updateProbe } from "@/lib/probes/staff-verbs";
import { runProbeOnce } from "@/lib/probes/worker";
import { startHttp, startWebSocket, type Running } from "@/tests/support/probe-servers";
import { createComponent, createPage, resetDb, testDb } from "./db";

// The new kinds through the staff verbs and the worker's own run path, against the real
// database: credentials sealed at rest and kept across an edit that leaves them empty,
// a WebSocket probe deciding a status, and ICMP refused where this process cannot ping.

let db: Db;
const editor: StaffContext = { role: "editor", actor: { id: "editor-1", email: "ed@example.com", ip: "198.51.100.7" }, sessionId: null };
const BASE = Date.parse("2026-12-01T10:00:00Z");
const t = (i: number) => new Date(BASE + i * 60_000);

let secured: Running & { url: string };
let socket: Running & { url: string };
beforeAll(async () => {
  secured = await startHttp((req, res) => {
    res.statusCode = req.headers.authorization === `Basic ${Buffer.from("monitor:pa55-w0rd").toString("base64")}` ? 200 : 401;
    res.end();
  });
  socket = await startWebSocket({ reply: (m) => (m === "ping" ? "pong" : null) });
});
afterAll(async () => {
  await secured.close();
  await socket.close();
});
beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

const statusOf = (id: string) => db.component.findUniqueOrThrow({ where: { id }, select: { status: true } }).then((c) => c.status);

describe("probe kinds through the staff verbs", () => {
  it("a basic-auth password is sealed at rest, hidden in the audit log, and kept by an edit that leaves it empty", async () => {
    const component = await createComponent(db, "api");
    const probe = await createProbe(db, editor, {
      componentId: component.id,
      check: { kind: "http", url: `${secured.url}/private`, timeoutMs: 2000, auth: { type: "basic", username: "monitor", password: "pa55-w0rd" } },
      schedule: { intervalSeconds: 60 },
    });
    const row = await db.probe.findUniqueOrThrow({ where: { id: probe.id } });
    expect(row.config).not.toContain("pa55-w0rd");
    expect(row.config).toContain("monitor");
    const audit = await db.auditEvent.findMany({ where: { targetId: probe.id } });
    expect(audit.map((a) => a.after ?? "").join()).not.toContain("pa55-w0rd");
    expect((await runProbeOnce(db, probe.id, { region: "local", now: () => t(0) })).result).toMatchObject({ outcome: "ok", statusCode: 200 });

    // The console sends the user name back without the password: the saved one stays.
    await updateProbe(db, editor, {
      probeId: probe.id,
      name: "API (renamed)",
      check: { kind: "http", url: `${secured.url}/private`, timeoutMs: 2000, auth: { type: "basic", username: "monitor" } } as never,
      schedule: { intervalSeconds: 60 },
    });
    expect((await runProbeOnce(db, probe.id, { region: "local", now: () => t(1) })).result).toMatchObject({ outcome: "ok", statusCode: 200 });
    // "Test now" on the edit form does the same; without the saved probe the password is missing.
    const edited = { kind: "http", url: `${secured.url}/private`, timeoutMs: 2000, auth: { type: "basic", username: "monitor" } };
    expect(await testProbe(db, editor, edited, { savedProbeId: probe.id })).toMatchObject({ outcome: "ok", statusCode: 200 });
    await expect(testProbe(db, editor, edited)).rejects.toThrow(/password is required/);
    // A new password replaces it.
    await updateProbe(db, editor, {
      probeId: probe.id,
      check: { kind: "http", url: `${secured.url}/private`, timeoutMs: 2000, auth: { type: "basic", username: "monitor", password: "wrong" } },
      schedule: { intervalSeconds: 60 },
    });
    expect((await runProbeOnce(db, probe.id, { region: "local", now: () => t(2) })).result).toMatchObject({ outcome: "failed", statusCode: 401 });
  });

  it("a WebSocket probe's failures confirm an outage like any probe's", async () => {
    const component = await createComponent(db, "realtime");
    const probe = await createProbe(db, editor, {
      componentId: component.id,
      check: { kind: "websocket", url: socket.url, send: "ping", expectContains: "pong", timeoutMs: 1000 },
      schedule: { intervalSeconds: 60 },
    });
    for (const i of [0, 1]) await runProbeOnce(db, probe.id, { region: "local", now: () => t(i) });
    expect(await statusOf(component.id)).toBe("operational");
    await updateProbe(db, editor, {
      probeId: probe.id,
      check: { kind: "websocket", url: socket.url, send: "hello", expectContains: "pong", timeoutMs: 300 },
      schedule: { intervalSeconds: 60 },
    });
    for (const i of [2, 3, 4]) {
      const { result } = await runProbeOnce(db, probe.id, { region: "local", now: () => t(i) });
      expect(result).toMatchObject({ outcome: "failed", errorClass: "timeout" });
    }
    expect(await statusOf(component.id)).toBe("major_outage");
  });

  it("an ICMP probe is refused on save where this process cannot ping, with the reason on the kind", async () => {
    const icmp = await icmpAvailability();
    const component = await createComponent(db, "router");
    const saving = createProbe(db, editor, {
      componentId: component.id,
      check: { kind: "icmp", host: "127.0.0.1", timeoutMs: 2000 },
      schedule: { intervalSeconds: 60 },
    });
    if (icmp.available) {
      await expect(saving).resolves.toMatchObject({ kind: "icmp" });
    } else {
      await expect(saving).rejects.toMatchObject({ code: "invalid", fields: { "check.kind": `Unavailable here: ${icmp.reason}` } });
    }
  });
});
