import { beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/keys";
import type { ApiScope } from "@/lib/api-keys/schemas";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { statuspagePageId } from "@/lib/page/ids";
import { handleStatuspageV1, type V1Response } from "@/lib/statuspage/v1/handle";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Statuspage's v1 Manage API, with requests shaped as Statuspage's reference documents them
// (https://developer.statuspage.io: `Authorization: OAuth <key>`, `{"incident": {...}}`).

let db: Db;
let pageId = "";
const admin: StaffContext = { role: "admin", actor: { id: "admin-1", email: "ana@example.com", ip: null }, sessionId: null };
const WRITE: ApiScope[] = ["read", "incidents:write", "maintenance:write", "components:write"];

const keyWith = async (scopes: ApiScope[]) => (await createApiKey(db, admin, { name: "statuspage client", scopes })).key;

async function call(
  method: string,
  path: string,
  { key, body, scheme = "OAuth", emailEnabled = true }: { key?: string; body?: unknown; scheme?: string; emailEnabled?: boolean } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whichever fields they assert
): Promise<V1Response & { json: any }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `${scheme} ${key}`;
  const response = await handleStatuspageV1(
    db,
    {
      method,
      url: new URL(`http://localhost${path.replace("{page_id}", pageId)}`),
      headers: { get: (n) => headers[n.toLowerCase()] ?? null },
      text: async () => (body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body)),
      ip: "203.0.113.5",
    },
    { rateLimitPerMinute: 1000, emailEnabled },
  );
  return { ...response, json: response.body };
}

const alertsFor = (incidentId: string) => db.notification.count({ where: { event: { incidentId } } });

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  const page = await createPage(db);
  pageId = statuspagePageId(page.createdAt);
});

describe("Statuspage v1: incidents", () => {
  it("creates, updates and resolves an incident with component statuses; deliver_notifications decides the alerts", async () => {
    const key = await keyWith(WRITE);
    const api = await createComponent(db, "api");
    const web = await createComponent(db, "web", 1);
    await db.subscriber.create({ data: { channel: "email", target: "ops@example.com", confirmedAt: new Date(), source: "staff" } });

    // Statuspage's documented create body (fields Vigil ignores are accepted).
    const created = await call("POST", "/v1/pages/{page_id}/incidents", {
      key,
      body: {
        incident: {
          name: "Elevated API errors",
          status: "investigating",
          body: "We are investigating elevated error rates on the API.",
          components: { [api.id]: "partial_outage" },
          component_ids: [api.id],
          deliver_notifications: true,
          metadata: {},
          auto_tweet_at_beginning: false,
        },
      },
    });
    expect(created.status).toBe(201);
    const incident = created.json;
    expect(incident).toMatchObject({
      name: "Elevated API errors",
      status: "investigating",
      impact: "major", // from partial_outage, as Statuspage derives it without impact_override
      page_id: pageId,
      scheduled_for: null,
      backfilled: false,
      components: [{ id: api.id, status: "partial_outage" }],
    });
    expect(incident.incident_updates[0]).toMatchObject({
      status: "investigating",
      body: "We are investigating elevated error rates on the API.",
      affected_components: [{ code: api.id, name: "API", old_status: "operational", new_status: "partial_outage" }],
    });
    expect(await alertsFor(incident.id)).toBe(1);

    const updated = await call("PATCH", `/v1/pages/{page_id}/incidents/${incident.id}`, {
      key,
      body: {
        incident: { status: "identified", body: "A bad deploy; rolling back.", components: { [web.id]: "degraded_performance" }, deliver_notifications: false },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.status).toBe("identified");
    expect(updated.json.incident_updates).toHaveLength(2);
    expect(updated.json.components.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [api.id, "partial_outage"],
      [web.id, "degraded_performance"],
    ]);
    expect(await alertsFor(incident.id)).toBe(1); // no alert for this one

    const unresolved = await call("GET", "/v1/pages/{page_id}/incidents/unresolved", { key });
    expect(unresolved.json.map((i: { id: string }) => i.id)).toEqual([incident.id]);

    const resolved = await call("PATCH", `/v1/pages/{page_id}/incidents/${incident.id}.json`, {
      key,
      body: { incident: { status: "resolved", body: "Error rates are back to normal.", components: { [api.id]: "operational", [web.id]: "operational" } } },
    });
    expect(resolved.json).toMatchObject({ status: "resolved", resolved_at: expect.any(String) });
    expect(await alertsFor(incident.id)).toBe(2);
    expect((await call("GET", "/v1/pages/{page_id}/incidents/unresolved", { key })).json).toEqual([]);
    const components = await call("GET", "/v1/pages/{page_id}/components", { key });
    expect(components.json.map((c: { status: string }) => c.status)).toEqual(["operational", "operational"]);

    const listed = await call("GET", "/v1/pages/{page_id}/incidents?page=1&per_page=10", { key });
    expect(listed.json.map((i: { id: string }) => i.id)).toEqual([incident.id]);
    expect((await call("GET", "/v1/pages/{page_id}/incidents?page=2&per_page=10", { key })).json).toEqual([]);
    // An update's text edited, as Statuspage's PATCH …/incident_updates/{id} does.
    const first = resolved.json.incident_updates.at(-1);
    const edited = await call("PATCH", `/v1/pages/{page_id}/incidents/${incident.id}/incident_updates/${first.id}`, {
      key,
      body: { incident_update: { body: "We are investigating elevated API error rates.", display_at: "2026-01-01T00:00:00Z" } },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      id: first.id,
      status: "investigating",
      body: "We are investigating elevated API error rates.",
      display_at: first.display_at,
    });
    expect(
      (await call("PATCH", `/v1/pages/{page_id}/incidents/${incident.id}/incident_updates/nosuchupdate`, { key, body: { incident_update: { body: "x" } } }))
        .status,
    ).toBe(404);
    const empty = await call("PATCH", `/v1/pages/{page_id}/incidents/${incident.id}/incident_updates/${first.id}`, {
      key,
      body: { incident_update: { body: " " } },
    });
    expect(empty.status).toBe(422);
    expect(empty.json.error).toContain("incident_update.body");
    // Renamed with impact_override: an edit, not an update.
    const renamed = await call("PATCH", `/v1/pages/{page_id}/incidents/${incident.id}`, {
      key,
      body: { incident: { name: "API errors", impact_override: "minor" } },
    });
    expect(renamed.json).toMatchObject({ name: "API errors", impact: "minor" });
    expect(renamed.json.incident_updates).toHaveLength(3);
  });

  it("schedules a maintenance with status scheduled and its window, lists it as scheduled", async () => {
    const key = await keyWith(["read", "maintenance:write"]);
    const api = await createComponent(db, "api");
    const from = new Date(Date.now() + 86_400_000);
    const until = new Date(from.getTime() + 2 * 3_600_000);
    const created = await call("POST", "/v1/pages/{page_id}/incidents", {
      key,
      body: {
        incident: {
          name: "Database upgrade",
          status: "scheduled",
          scheduled_for: from.toISOString(),
          scheduled_until: until.toISOString(),
          scheduled_remind_prior: true,
          scheduled_auto_in_progress: true,
          scheduled_auto_completed: true,
          body: "The API will be read-only.",
          component_ids: [api.id],
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: "scheduled", impact: "maintenance", scheduled_for: from.toISOString(), scheduled_until: until.toISOString() });
    const scheduled = await call("GET", "/v1/pages/{page_id}/incidents/scheduled", { key });
    expect(scheduled.json.map((i: { name: string }) => i.name)).toEqual(["Database upgrade"]);
    // An incident needs incidents:write.
    expect((await call("POST", "/v1/pages/{page_id}/incidents", { key, body: { incident: { name: "Outage" } } })).status).toBe(403);
    // A window is required.
    const noWindow = await call("POST", "/v1/pages/{page_id}/incidents", { key, body: { incident: { name: "Later", status: "scheduled" } } });
    expect(noWindow.status).toBe(422);
    expect(noWindow.json.error).toContain("incident.scheduled_for");
  });

  it("deletes an incident with incidents:delete only", async () => {
    const key = await keyWith(WRITE);
    const created = await call("POST", "/v1/pages/{page_id}/incidents", { key, body: { incident: { name: "Mistake", body: "Oops." } } });
    expect((await call("DELETE", `/v1/pages/{page_id}/incidents/${created.json.id}`, { key })).status).toBe(403);
    const deleter = await keyWith(["incidents:delete"]);
    const deleted = await call("DELETE", `/v1/pages/{page_id}/incidents/${created.json.id}`, { key: deleter });
    expect(deleted.status).toBe(200);
    expect(deleted.json.id).toBe(created.json.id);
    expect(await db.incident.count()).toBe(0);
    expect((await call("GET", `/v1/pages/{page_id}/incidents/${created.json.id}`, { key })).status).toBe(404);
  });
});

describe("Statuspage v1: components", () => {
  it("PATCH sets a status by hand, operational clears it; name and description change", async () => {
    const key = await keyWith(WRITE);
    const api = await createComponent(db, "api");
    const down = await call("PATCH", `/v1/pages/{page_id}/components/${api.id}`, { key, body: { component: { status: "major_outage" } } });
    expect(down.status).toBe(200);
    expect(down.json).toMatchObject({ id: api.id, status: "major_outage", group: false, page_id: pageId });
    expect((await db.component.findUniqueOrThrow({ where: { id: api.id } })).manualStatus).toBe("major_outage");

    const back = await call("PUT", `/v1/pages/{page_id}/components/${api.id}`, {
      key,
      body: { component: { status: "operational", name: "Public API", description: "REST and GraphQL" } },
    });
    expect(back.json).toMatchObject({ status: "operational", name: "Public API", description: "REST and GraphQL" });
    expect((await db.component.findUniqueOrThrow({ where: { id: api.id } })).manualStatus).toBeNull();
    expect((await call("GET", `/v1/pages/{page_id}/components/${api.id}`, { key })).json.name).toBe("Public API");
  });
});

describe("Statuspage v1: subscribers", () => {
  it("adds an email subscriber with a confirmation email, or confirmed with skip_confirmation_notification and the import scope", async () => {
    const manager = await keyWith(["subscribers:manage"]);
    const api = await createComponent(db, "api");
    const added = await call("POST", "/v1/pages/{page_id}/subscribers", {
      key: manager,
      body: { subscriber: { email: "Ada@Example.com", component_ids: [api.id] } },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ mode: "email", email: "ada@example.com", components: [api.id], quarantined_at: null });
    expect(added.json.purge_at).not.toBeNull(); // unconfirmed until the owner clicks
    expect(await db.notification.count({ where: { recipient: "ada@example.com", event: { kind: "subscription.confirm" } } })).toBe(1);

    const refused = await call("POST", "/v1/pages/{page_id}/subscribers", {
      key: manager,
      body: { subscriber: { email: "grace@example.com", skip_confirmation_notification: true } },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toContain("subscribers:import");

    const importer = await keyWith(["subscribers:manage", "subscribers:import"]);
    const confirmed = await call("POST", "/v1/pages/{page_id}/subscribers", {
      key: importer,
      body: { subscriber: { email: "grace@example.com", skip_confirmation_notification: true } },
      emailEnabled: false,
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.json.purge_at).toBeNull();
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: confirmed.json.id } })).confirmedAt).not.toBeNull();
    expect(await db.notification.count({ where: { recipient: "grace@example.com" } })).toBe(0);

    const active = await call("GET", "/v1/pages/{page_id}/subscribers", { key: manager });
    expect(active.json.map((s: { email: string }) => s.email)).toEqual(["grace@example.com"]);
    const unconfirmed = await call("GET", "/v1/pages/{page_id}/subscribers?state=unconfirmed", { key: manager });
    expect(unconfirmed.json.map((s: { email: string }) => s.email)).toEqual(["ada@example.com"]);

    const removed = await call("DELETE", `/v1/pages/{page_id}/subscribers/${added.json.id}`, { key: manager });
    expect(removed.status).toBe(200);
    expect(await db.subscriber.count()).toBe(1);
    // Subscribers are personal data: read alone does not list them.
    expect((await call("GET", "/v1/pages/{page_id}/subscribers", { key: await keyWith(["read"]) })).status).toBe(403);
  });
});

describe("Statuspage v1: pages and errors", () => {
  it("lists the one page under Vigil's Statuspage page id", async () => {
    const key = await keyWith(["read"]);
    const pages = await call("GET", "/v1/pages", { key });
    expect(pages.json).toEqual([expect.objectContaining({ id: pageId, name: "Test", time_zone: "UTC", url: "http://localhost" })]);
    expect((await call("GET", "/v1/pages/{page_id}", { key, scheme: "Bearer" })).json.id).toBe(pageId);
  });

  it("answers Statuspage's error format: 401, 403, 404 and 422 naming the field", async () => {
    const key = await keyWith(["read"]);
    const noKey = await call("GET", "/v1/pages/{page_id}/incidents");
    expect(noKey.status).toBe(401);
    expect(noKey.json).toEqual({ error: expect.any(String) });
    expect((await call("GET", "/v1/pages/{page_id}/incidents", { key: "vgl_wrong" })).status).toBe(401);

    const forbidden = await call("POST", "/v1/pages/{page_id}/incidents", { key, body: { incident: { name: "X" } } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error).toContain("incidents:write");

    expect((await call("GET", "/v1/pages/nosuchpage123/incidents", { key })).json).toEqual({ error: "Page not found" });
    expect((await call("GET", "/v1/pages/{page_id}/incidents/nosuchincident", { key })).status).toBe(404);
    expect((await call("GET", "/v1/pages/{page_id}/nothing", { key })).status).toBe(404);

    const writer = await keyWith(WRITE);
    const cases: [unknown, string][] = [
      [{}, "incident"],
      [{ incident: { status: "investigating" } }, "incident.name"],
      [{ incident: { name: "X", status: "sleeping" } }, "incident.status"],
      [{ incident: { name: "X", components: { abc: "broken" } } }, "incident.components.abc"],
      [{ incident: { name: "Outage", components: { nosuchcomponent: "major_outage" } } }, "incident.component"],
      [{ incident: { name: "X", body: "Short name" } }, "incident.name"],
    ];
    for (const [body, field] of cases) {
      const r = await call("POST", "/v1/pages/{page_id}/incidents", { key: writer, body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json.error, JSON.stringify(body)).toContain(field);
    }
    expect((await call("POST", "/v1/pages/{page_id}/incidents", { key: writer, body: "{not json" })).status).toBe(400);
    expect(await db.incident.count()).toBe(0);
  });
});
