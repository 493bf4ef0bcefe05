import { beforeEach, describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import type { ApiScope } from "@/lib/api-keys/schemas";
import { deleteIncidentUpdate, editIncidentUpdate } from "@/lib/incidents/staff-verbs";
import { handleManageRequest, type ApiResponse } from "@/lib/api/manage/handle";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { createComponent, createPage, resetDb, testDb } from "./db";

let db: Db;
const admin: StaffContext = { role: "admin", actor: { id: "admin-1", email: "ana@example.com", ip: null }, sessionId: null };
const ALL: ApiScope[] = ["read", "incidents:write", "maintenance:write", "components:write"];

async function keyWith(scopes: ApiScope[], name = "deploy pipeline") {
  return (await createApiKey(db, admin, { name, scopes })).key;
}

interface Call {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  limit?: number;
  now?: Date;
}

async function call(
  method: string,
  path: string,
  { key, body, rawBody, contentType = "application/json", headers = {}, limit = 120, now }: Call = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whichever fields they assert
): Promise<ApiResponse & { json: any }> {
  const all: Record<string, string> = { ...headers, "content-type": contentType };
  if (key) all.authorization = `Bearer ${key}`;
  const response = await handleManageRequest(
    db,
    {
      method,
      url: new URL(`http://localhost${path}`),
      headers: { get: (n) => all[n.toLowerCase()] ?? null },
      text: async () => rawBody ?? (body === undefined ? "" : JSON.stringify(body)),
      ip: "203.0.113.5",
    },
    { pageUrl: "https://status.example.com", rateLimitPerMinute: limit, now },
  );
  return { ...response, json: response.body };
}

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

describe("management API: incidents end to end with a key", () => {
  it("opens, updates, renames and resolves an incident; the components follow", async () => {
    const key = await keyWith(ALL);
    const hubdoc = await createComponent(db, "hubdoc");
    const opened = await call("POST", "/api/manage/v1/incidents", {
      key,
      body: { name: "Hubdoc imports delayed", impact: "major", body: "We are investigating.", components: [{ id: hubdoc.id, status: "partial_outage" }] },
    });
    expect(opened.status).toBe(201);
    const incident = opened.json.incident;
    expect(incident).toMatchObject({
      name: "Hubdoc imports delayed",
      status: "investigating",
      impact: "major",
      url: `https://status.example.com/incidents/${incident.id}`,
    });
    expect(incident.updates[0].affected_components).toEqual([{ code: hubdoc.id, name: "HUBDOC", old_status: "operational", new_status: "partial_outage" }]);

    const components = await call("GET", "/api/manage/v1/components", { key });
    expect(components.json.components[0]).toMatchObject({ slug: "hubdoc", status: "partial_outage", manual_status: "partial_outage" });

    const renamed = await call("PATCH", `/api/manage/v1/incidents/${incident.id}`, {
      key,
      body: { name: "Hubdoc imports delayed for some users", expected_version: incident.version },
    });
    expect(renamed.status).toBe(200);
    const stale = await call("PATCH", `/api/manage/v1/incidents/${incident.id}`, { key, body: { impact: "minor", expected_version: incident.version } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("conflict");

    const resolved = await call("POST", `/api/manage/v1/incidents/${incident.id}/updates`, {
      key,
      body: { status: "resolved", body: "Fixed.", restore_components: true },
    });
    expect(resolved.status).toBe(201);
    expect(resolved.json.incident).toMatchObject({ status: "resolved", name: "Hubdoc imports delayed for some users" });
    expect(resolved.json.incident.updates.map((u: { status: string }) => u.status)).toEqual(["resolved", "investigating"]);
    expect((await db.component.findUniqueOrThrow({ where: { id: hubdoc.id } })).status).toBe("operational");

    const unresolved = await call("GET", "/api/manage/v1/incidents?state=unresolved", { key });
    expect(unresolved.json.incidents).toEqual([]);
    const all = await call("GET", "/api/manage/v1/incidents?limit=5", { key });
    expect(all.json.incidents).toHaveLength(1);

    // Every use is audited under the key's name; the change itself too.
    const audit = await db.auditEvent.findMany({ where: { actorEmail: { startsWith: "api-key:deploy pipeline" } } });
    expect(audit.filter((a) => a.action === "api.request")).toHaveLength(7);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["incident.create", "incident.edit", "incident.update"]));
    expect((await db.apiKey.findFirstOrThrow()).lastUsedAt).not.toBeNull();
  });

  it("an Idempotency-Key makes a retried create open one incident", async () => {
    const key = await keyWith(["incidents:write"]);
    const body = { name: "Payments failing", body: "Looking." };
    const headers = { "idempotency-key": "deploy-4711-abcdef" };
    const [a, b] = await Promise.all([
      call("POST", "/api/manage/v1/incidents", { key, body, headers }),
      call("POST", "/api/manage/v1/incidents", { key, body, headers }),
    ]);
    expect(a.json.incident.id).toBe(b.json.incident.id);
    expect(await db.incident.count()).toBe(1);
  });

  it("sets and clears a component override and schedules maintenance", async () => {
    const key = await keyWith(["components:write", "maintenance:write", "read"]);
    const verify = await createComponent(db, "verify");
    const set = await call("PUT", `/api/manage/v1/components/${verify.id}/status`, { key, body: { status: "degraded_performance" } });
    expect(set.json.component).toMatchObject({ status: "degraded_performance", manual_status: "degraded_performance" });
    const cleared = await call("DELETE", `/api/manage/v1/components/${verify.id}/status`, { key });
    expect(cleared.json.component).toMatchObject({ status: "operational", manual_status: null });

    const bad = await call("POST", "/api/manage/v1/maintenances", {
      key,
      body: { name: "DB upgrade", body: "Planned.", scheduled_for: "2030-01-01T11:00:00Z", scheduled_until: "2030-01-01T10:00:00Z" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual({ scheduled_until: "the window must end after it starts" });
    const made = await call("POST", "/api/manage/v1/maintenances", {
      key,
      body: {
        name: "DB upgrade",
        body: "Planned.",
        scheduled_for: "2030-01-01T10:00:00+13:00",
        scheduled_until: "2030-01-01T12:00:00+13:00",
        components: [verify.id],
      },
    });
    expect(made.status).toBe(201);
    expect(made.json.maintenance).toMatchObject({ kind: "maintenance", status: "scheduled", scheduled_for: "2029-12-31T21:00:00.000Z" });
    expect((await call("GET", "/api/manage/v1/maintenances?state=unresolved", { key })).json.maintenances).toHaveLength(1);
  });
});

describe("management API: every error path answers JSON with the right status", () => {
  it("keys: missing, unknown, revoked, wrong scope", async () => {
    expect((await call("GET", "/api/manage/v1/components")).status).toBe(401);
    const unknown = await call("GET", "/api/manage/v1/components", { key: "vgl_not-a-real-key" });
    expect(unknown.status).toBe(401);
    expect(unknown.json.error).toEqual({ code: "unauthorized", message: "This API key is not valid." });

    const readOnly = await keyWith(["read"]);
    const denied = await call("POST", "/api/manage/v1/incidents", { key: readOnly, body: { name: "Nope nope", body: "x" } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.message).toContain("incidents:write");
    expect(await db.incident.count()).toBe(0);

    const row = await db.apiKey.findFirstOrThrow();
    await revokeApiKey(db, admin, row.id);
    const revoked = await call("GET", "/api/manage/v1/components", { key: readOnly });
    expect(revoked.status).toBe(401);
    expect(revoked.json.error.message).toContain("revoked");
  });

  it("bodies: bad JSON, wrong content type, unknown fields, wrong types, missing fields", async () => {
    const key = await keyWith(ALL);
    const path = "/api/manage/v1/incidents";
    const badJson = await call("POST", path, { key, rawBody: "{ name: " });
    expect([badJson.status, badJson.json.error.message]).toEqual([400, "The body is not valid JSON."]);
    expect((await call("POST", path, { key, body: { name: "x" }, contentType: "text/plain" })).json.error.message).toContain("application/json");
    const unknownField = await call("POST", path, { key, body: { name: "Outage here", body: "x", severity: "high" } });
    expect(unknownField.json.error.fields).toEqual({ severity: "unknown field" });
    const wrongType = await call("POST", path, { key, body: { name: 42, body: "x", notify_subscribers: "yes" } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.fields).toEqual({ name: "expected string", notify_subscribers: "expected boolean" });
    const missing = await call("POST", path, { key, body: { name: "Outage here" } });
    expect(missing.json.error.fields).toEqual({ body: "required" });
    const badStatus = await call("POST", path, { key, body: { name: "Outage here", body: "x", components: [{ id: "c1", status: "on_fire" }] } });
    expect(badStatus.json.error.fields).toHaveProperty(["components.0.status"]);
    const badQuery = await call("GET", "/api/manage/v1/incidents?state=opened&page=2", { key });
    expect(badQuery.json.error.fields).toMatchObject({ state: expect.any(String), page: "unknown field" });
    expect(await db.incident.count()).toBe(0);
  });

  it("bad values answer 400, never 500: unknown maintenance components, absurd dates, NUL characters", async () => {
    const key = await keyWith(ALL);
    const window = { scheduled_for: "2030-01-01T10:00:00Z", scheduled_until: "2030-01-01T12:00:00Z" };
    const unknown = await call("POST", "/api/manage/v1/maintenances", { key, body: { name: "DB upgrade", body: "Planned.", ...window, components: ["nope"] } });
    expect([unknown.status, unknown.json.error.code]).toEqual([400, "invalid"]);
    const farFuture = await call("POST", "/api/manage/v1/incidents", { key, body: { name: "Outage here", body: "x", display_at: "9999-12-31T00:00:00Z" } });
    expect(farFuture.status).toBe(400);
    const yearZero = await call("POST", "/api/manage/v1/incidents", { key, body: { name: "Outage here", body: "x", display_at: "0000-01-01T00:00:00Z" } });
    expect(yearZero.status).toBe(400);
    const nul = await call("POST", "/api/manage/v1/incidents", { key, body: { name: "Outage\u0000here", body: "x" } });
    expect([nul.status, nul.json.error.message]).toEqual([400, expect.stringContaining("NUL")]);
    expect(await db.incident.count()).toBe(0);
  });

  it("routes: unknown path 404, wrong method 405, unknown incident 404", async () => {
    const key = await keyWith(ALL);
    expect((await call("GET", "/api/manage/v1/nothing", { key })).status).toBe(404);
    const wrongMethod = await call("DELETE", "/api/manage/v1/incidents", { key });
    expect([wrongMethod.status, wrongMethod.headers.Allow]).toEqual([405, "GET, POST"]);
    const missing = await call("GET", "/api/manage/v1/incidents/nope", { key });
    expect([missing.status, missing.json.error.code]).toEqual([404, "not_found"]);
  });

  it("rate limit: a sliding minute; 429 with Retry-After and RateLimit-* headers, then allowed when it says", async () => {
    const key = await keyWith(["read"]);
    const t0 = new Date("2026-12-01T10:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const first = await call("GET", "/api/manage/v1/components", { key, limit: 3, now: t0 });
    expect([first.status, first.headers["RateLimit-Limit"], first.headers["RateLimit-Remaining"]]).toEqual([200, "3", "2"]);
    for (let i = 0; i < 2; i++) expect((await call("GET", "/api/manage/v1/components", { key, limit: 3, now: t0 })).status).toBe(200);
    const limited = await call("GET", "/api/manage/v1/components", { key, limit: 3, now: at(20) });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    // The three requests of 10:00 still weigh on 10:01 as they slide out: at 10:01:20 two thirds have gone.
    expect(limited.headers).toMatchObject({ "Retry-After": "60", "RateLimit-Limit": "3", "RateLimit-Remaining": "0", "RateLimit-Reset": "60" });
    // A fixed window would have let this one through at 10:01:01.
    expect((await call("GET", "/api/manage/v1/components", { key, limit: 3, now: at(61) })).status).toBe(429);
    expect((await call("GET", "/api/manage/v1/components", { key, limit: 3, now: at(80) })).status).toBe(200);
  });
});

describe("management API: an incident needs incidents:write, a maintenance maintenance:write", () => {
  async function records() {
    const all = await keyWith(ALL, "setup");
    const incident = (await call("POST", "/api/manage/v1/incidents", { key: all, body: { name: "Payments failing", body: "Looking." } })).json.incident;
    const maintenance = (
      await call("POST", "/api/manage/v1/maintenances", {
        key: all,
        body: { name: "DB upgrade", body: "Planned.", scheduled_for: "2030-01-01T10:00:00Z", scheduled_until: "2030-01-01T12:00:00Z" },
      })
    ).json.maintenance;
    return { incident, maintenance };
  }

  /** What a refused write must leave alone: the record, its updates, and the audit of changes. */
  async function written(id: string) {
    const row = await db.incident.findUniqueOrThrow({ where: { id }, select: { name: true, version: true, status: true } });
    const updates = await db.incidentUpdate.count({ where: { incidentId: id } });
    const changes = await db.auditEvent.count({ where: { targetId: id, action: { not: "api.request" } } });
    return { ...row, updates, changes };
  }

  it("a maintenance:write key posts updates to and edits a maintenance, and is refused an incident", async () => {
    const { incident, maintenance } = await records();
    const key = await keyWith(["maintenance:write"], "maintenance bot");

    const posted = await call("POST", `/api/manage/v1/incidents/${maintenance.id}/updates`, { key, body: { status: "in_progress", body: "Started." } });
    expect(posted.status).toBe(201);
    expect(posted.json.incident).toMatchObject({ kind: "maintenance", status: "in_progress" });
    const edited = await call("PATCH", `/api/manage/v1/incidents/${maintenance.id}`, { key, body: { name: "DB upgrade (extended)" } });
    expect(edited.status).toBe(200);
    expect(edited.json.incident.name).toBe("DB upgrade (extended)");
    expect((await written(maintenance.id)).updates).toBe(2);

    const before = await written(incident.id);
    const update = await call("POST", `/api/manage/v1/incidents/${incident.id}/updates`, { key, body: { status: "resolved", body: "Fixed." } });
    expect([update.status, update.json.error.code]).toEqual([403, "forbidden"]);
    expect(update.json.error.message).toContain("incidents:write");
    const rename = await call("PATCH", `/api/manage/v1/incidents/${incident.id}`, { key, body: { name: "Renamed by the wrong key" } });
    expect(rename.status).toBe(403);
    expect(await written(incident.id)).toEqual(before);
  });

  it("an incidents:write key is refused a maintenance", async () => {
    const { incident, maintenance } = await records();
    const key = await keyWith(["incidents:write"], "incident bot");

    const before = await written(maintenance.id);
    const update = await call("POST", `/api/manage/v1/incidents/${maintenance.id}/updates`, { key, body: { status: "in_progress", body: "Started." } });
    expect([update.status, update.json.error.code]).toEqual([403, "forbidden"]);
    expect(update.json.error.message).toContain("maintenance:write");
    const rename = await call("PATCH", `/api/manage/v1/incidents/${maintenance.id}`, { key, body: { name: "Renamed by the wrong key" } });
    expect(rename.status).toBe(403);
    expect(await written(maintenance.id)).toEqual(before);

    // …while its own incident is still its to update.
    expect((await call("POST", `/api/manage/v1/incidents/${incident.id}/updates`, { key, body: { status: "monitoring", body: "Watching." } })).status).toBe(
      201,
    );
  });

  it("editing and deleting an update follow its record's scope, not incidents:write", async () => {
    const { incident, maintenance } = await records();
    const asKey = async (scopes: ApiScope[]) => authenticateApiKey(db, `Bearer ${await keyWith(scopes, scopes.join("+"))}`, "203.0.113.5", 120);
    const maintenanceBot = await asKey(["maintenance:write"]);
    const incidentBot = await asKey(["incidents:write"]);
    await call("POST", `/api/manage/v1/incidents/${maintenance.id}/updates`, { key: await keyWith(ALL), body: { status: "in_progress", body: "Started." } });
    const [latest] = await db.incidentUpdate.findMany({ where: { incidentId: maintenance.id }, orderBy: { createdAt: "desc" }, take: 1 });
    const incidentUpdate = await db.incidentUpdate.findFirstOrThrow({ where: { incidentId: incident.id } });

    await editIncidentUpdate(db, maintenanceBot, { updateId: latest!.id, body: "Started, on schedule." });
    expect((await db.incidentUpdate.findUniqueOrThrow({ where: { id: latest!.id } })).body).toBe("Started, on schedule.");
    const incidentBefore = await written(incident.id);
    await expect(editIncidentUpdate(db, maintenanceBot, { updateId: incidentUpdate.id, body: "Not mine." })).rejects.toThrow("incidents:write");
    await expect(deleteIncidentUpdate(db, maintenanceBot, incidentUpdate.id)).rejects.toThrow("incidents:write");
    expect(await written(incident.id)).toEqual(incidentBefore);

    const maintenanceBefore = await written(maintenance.id);
    await expect(editIncidentUpdate(db, incidentBot, { updateId: latest!.id, body: "Not mine." })).rejects.toThrow("maintenance:write");
    await expect(deleteIncidentUpdate(db, incidentBot, latest!.id)).rejects.toThrow("maintenance:write");
    expect(await written(maintenance.id)).toEqual(maintenanceBefore);

    await deleteIncidentUpdate(db, maintenanceBot, latest!.id);
    expect((await written(maintenance.id)).updates).toBe(1);
  });

  it("a key with neither scope is refused before its body is read", async () => {
    const { maintenance } = await records();
    const key = await keyWith(["read", "components:write"], "reader");
    const before = await written(maintenance.id);
    const refused = await call("POST", `/api/manage/v1/incidents/${maintenance.id}/updates`, { key, rawBody: "{ not json" });
    expect([refused.status, refused.json.error.message]).toEqual([403, "This API key does not have the incidents:write or maintenance:write scope."]);
    expect(await written(maintenance.id)).toEqual(before);
  });
});
