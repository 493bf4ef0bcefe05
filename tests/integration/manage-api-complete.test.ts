import { beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/keys";
import type { ApiScope } from "@/lib/api-keys/schemas";
import { handleManageRequest, type ApiResponse } from "@/lib/api/manage/handle";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { createComponent, createPage, resetDb, testDb } from "./db";

// The management API's resources beyond incidents: components, groups, probes,
// subscribers and templates, with cursor pages and If-Match, through a real key.

let db: Db;
const admin: StaffContext = { role: "admin", actor: { id: "admin-1", email: "ana@example.com", ip: null }, sessionId: null };
const V = "/api/manage/v1";

async function keyWith(scopes: ApiScope[]) {
  return (await createApiKey(db, admin, { name: "terraform", scopes })).key;
}

async function call(
  method: string,
  path: string,
  { key, body, headers = {} }: { key: string; body?: unknown; headers?: Record<string, string> },
  // biome-ignore lint/suspicious/noExplicitAny: tests read whichever fields they assert
): Promise<ApiResponse & { json: any }> {
  const all: Record<string, string> = { ...headers, "content-type": "application/json", authorization: `Bearer ${key}` };
  const response = await handleManageRequest(
    db,
    {
      method,
      url: new URL(`http://localhost${V}${path}`),
      headers: { get: (n) => all[n.toLowerCase()] ?? null },
      text: async () => (body === undefined ? "" : JSON.stringify(body)),
      ip: "203.0.113.5",
    },
    { pageUrl: "https://status.example.com", rateLimitPerMinute: 10_000, subscriberOptions: { allowPrivateWebhooks: true, emailEnabled: true } },
  );
  return { ...response, json: response.body };
}

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

describe("components and groups", () => {
  it("create → read → update → reorder → delete, audited; If-Match mismatch is 412 and changes nothing", async () => {
    const key = await keyWith(["read", "components:write"]);
    const group = await call("POST", "/groups", { key, body: { name: "Core" } });
    expect(group.status).toBe(201);
    const created = await call("POST", "/components", { key, body: { name: "Billing API", group_id: group.json.group.id } });
    expect(created.status).toBe(201);
    const id = created.json.component.id;
    expect(created.json.component).toMatchObject({ name: "Billing API", slug: "billing-api", group_id: group.json.group.id });

    const read = await call("GET", `/components/${id}`, { key });
    expect(read.headers.ETag).toMatch(/^W\/"/);
    const stale = await call("PATCH", `/components/${id}`, { key, body: { name: "Renamed" }, headers: { "if-match": 'W/"nope"' } });
    expect([stale.status, stale.json.error.code]).toEqual([412, "precondition_failed"]);
    expect((await db.component.findUniqueOrThrow({ where: { id } })).name).toBe("Billing API");
    const edited = await call("PATCH", `/components/${id}`, {
      key,
      body: { description: "Invoices", show_uptime: false },
      headers: { "if-match": read.headers.ETag! },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.component).toMatchObject({ name: "Billing API", description: "Invoices", show_uptime: false });

    const other = (await call("POST", "/components", { key, body: { name: "Website" } })).json.component;
    const order = await call("PUT", "/components/order", {
      key,
      body: {
        items: [
          { type: "component", id: other.id },
          { type: "group", id: group.json.group.id, components: [id] },
        ],
      },
    });
    expect(order.status).toBe(200);
    expect(order.json.components.map((c: { id: string }) => c.id)).toEqual([other.id, id]);
    const partial = await call("PUT", "/components/order", { key, body: { items: [{ type: "component", id: other.id }] } });
    expect(partial.status).toBe(400);

    const renamed = await call("PATCH", `/groups/${group.json.group.id}`, { key, body: { name: "Platform" } });
    expect(renamed.json.group).toMatchObject({ name: "Platform", component_ids: [id] });
    expect((await call("DELETE", `/groups/${group.json.group.id}`, { key })).status).toBe(200);
    expect((await call("DELETE", `/components/${id}`, { key })).status).toBe(200);
    expect((await call("GET", `/components/${id}`, { key })).status).toBe(404);
    const actions = (await db.auditEvent.findMany({ where: { action: { not: "api.request" } } })).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["component.create", "component.edit", "components.reorder", "group.edit", "group.delete", "component.delete"]),
    );
  });

  it("needs components:write (403, nothing written) and names a bad field", async () => {
    const reader = await keyWith(["read"]);
    const refused = await call("POST", "/components", { key: reader, body: { name: "X" } });
    expect([refused.status, refused.json.error.code]).toEqual([403, "forbidden"]);
    expect(await db.component.count()).toBe(0);
    const writer = await keyWith(["components:write"]);
    const bad = await call("POST", "/components", { key: writer, body: { name: "", colour: "red" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toMatchObject({ name: expect.any(String), colour: "unknown field" });
  });
});

describe("probes", () => {
  it("create → read (secrets hidden) → edit → pause/resume → delete, and a test run honours the target guard", async () => {
    const key = await keyWith(["read", "probes:write"]);
    const component = await createComponent(db, "api");
    const check = { kind: "http", url: "http://127.0.0.1:9/health", headers: { Authorization: "Bearer s3cret" } };
    const created = await call("POST", `/components/${component.id}/probes`, { key, body: { check, schedule: { intervalSeconds: 60 } } });
    expect(created.status).toBe(201);
    const probe = created.json.probe;
    expect(probe.check.headers).toEqual({ Authorization: "(hidden)" });
    expect(JSON.stringify(created.json)).not.toContain("s3cret");

    const renamed = await call("PATCH", `/probes/${probe.id}`, { key, body: { name: "Health" } });
    expect(renamed.json.probe).toMatchObject({ name: "Health", check: { headers: { Authorization: "(hidden)" } } });
    // The saved credentials survive an edit that does not send the check.
    const stored = await call("GET", `/probes/${probe.id}`, { key });
    expect(stored.headers.ETag).toMatch(/^W\//);
    expect((await call("POST", `/probes/${probe.id}/pause`, { key })).json.probe.enabled).toBe(false);
    expect((await call("POST", `/probes/${probe.id}/resume`, { key })).json.probe.enabled).toBe(true);
    const list = await call("GET", `/components/${component.id}/probes`, { key });
    expect(list.json).toMatchObject({ probes: [{ id: probe.id }], next_cursor: null });

    const badCheck = await call("POST", `/components/${component.id}/probes`, {
      key,
      body: { check: { kind: "http", url: "ftp://x" }, schedule: { intervalSeconds: 60 } },
    });
    expect(badCheck.status).toBe(400);
    expect(Object.keys(badCheck.json.error.fields)).toContain("check.url");

    // A metadata address is refused before any connection (checks/target-guard.ts).
    const tested = await call("POST", "/probes/test", { key, body: { kind: "tcp", host: "169.254.169.254", port: 80 } });
    expect(tested.status).toBe(200);
    expect(tested.json.result.outcome).not.toBe("up");
    expect(tested.json.result.message).toMatch(/Refused to connect/);

    expect((await call("DELETE", `/probes/${probe.id}`, { key })).status).toBe(200);
    expect(await db.probe.count()).toBe(0);
    const reader = await keyWith(["read"]);
    expect((await call("POST", `/components/${component.id}/probes`, { key: reader, body: { check, schedule: { intervalSeconds: 60 } } })).status).toBe(403);
    expect(await db.probe.count()).toBe(0);
  });
});

describe("subscribers", () => {
  it("add (email gets the opt-in), list with filters, import CSV, remove; pre-confirmed emails need settings:write", async () => {
    const key = await keyWith(["subscribers:read", "subscribers:write"]);
    const email = await call("POST", "/subscribers", { key, body: { channel: "email", target: "Ops@Example.com" } });
    expect(email.status).toBe(201);
    expect(email.json).toMatchObject({ confirmation_sent: true, subscriber: { target: "ops@example.com", confirmed_at: null } });
    const hook = await call("POST", "/subscribers", { key, body: { channel: "webhook", target: "http://127.0.0.1:9/hooks/secret-path" } });
    expect(hook.json.secret).toMatch(/^whsec_/);
    expect(hook.json.subscriber.target).not.toContain("secret-path");

    const webhooks = await call("GET", "/subscribers?channel=webhook", { key });
    expect(webhooks.json.subscribers.map((s: { id: string }) => s.id)).toEqual([hook.json.subscriber.id]);
    const unconfirmed = await call("GET", "/subscribers?confirmed=false", { key });
    expect(unconfirmed.json.subscribers.map((s: { id: string }) => s.id)).toEqual([email.json.subscriber.id]);

    const csv = "channel,target,components,confirmed\nemail,a@example.com,,false\nemail,ops@example.com,,false\nemail,b@example.com,,true\n";
    const refused = await call("POST", "/subscribers/import", { key, body: { csv } });
    expect(refused.status).toBe(403);
    const admin = await keyWith(["subscribers:write", "settings:write"]);
    const imported = await call("POST", "/subscribers/import", { key: admin, body: { csv } });
    expect(imported.json).toMatchObject({ added: 2, confirmed_emails: 1, confirmations_queued: 1 });

    expect((await call("DELETE", `/subscribers/${hook.json.subscriber.id}`, { key })).status).toBe(200);
    expect(await db.subscriber.count()).toBe(3);
    expect((await call("GET", "/subscribers", { key: await keyWith(["read"]) })).status).toBe(403);
  });
});

describe("templates", () => {
  it("create → read → update (If-Match) → delete", async () => {
    const key = await keyWith(["read", "templates:write"]);
    const created = await call("POST", "/templates", { key, body: { name: "DB down", title: "Database outage", status: "investigating", body: "Looking." } });
    expect(created.status).toBe(201);
    const id = created.json.template.id;
    const read = await call("GET", `/templates/${id}`, { key });
    const stale = await call("PATCH", `/templates/${id}`, { key, body: { body: "New" }, headers: { "if-match": 'W/"0"' } });
    expect(stale.status).toBe(412);
    const edited = await call("PATCH", `/templates/${id}`, { key, body: { body: "Still looking." }, headers: { "if-match": read.headers.ETag! } });
    expect(edited.json.template).toMatchObject({ name: "DB down", body: "Still looking." });
    const bad = await call("PATCH", `/templates/${id}`, { key, body: { status: "exploded" } });
    expect([bad.status, Object.keys(bad.json.error.fields)]).toEqual([400, ["status"]]);
    expect((await call("DELETE", `/templates/${id}`, { key })).status).toBe(200);
    expect(await db.incidentTemplate.count()).toBe(0);
    expect(
      (await call("POST", "/templates", { key: await keyWith(["incidents:write"]), body: { name: "x", title: "x", status: "investigating", body: "x" } }))
        .status,
    ).toBe(403);
  });
});

describe("cursor pagination", () => {
  async function walk(key: string, path: string, items: string, onPage?: (n: number) => Promise<void>) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 10; n++) {
      const sep = path.includes("?") ? "&" : "?";
      const page = await call("GET", `${path}${sep}limit=50${cursor ? `&cursor=${cursor}` : ""}`, { key });
      expect(page.status).toBe(200);
      seen.push(...page.json[items].map((r: { id: string }) => r.id));
      cursor = page.json.next_cursor;
      if (!cursor) break;
      await onPage?.(n);
    }
    return seen;
  }

  it("a made-up cursor is a 400 naming it, never a 500", async () => {
    const key = await keyWith(["read", "subscribers:read"]);
    for (const made of [
      ["x", "y"],
      [8.64e16, "y"],
      [1, 2, 3],
    ]) {
      const cursor = Buffer.from(JSON.stringify(made)).toString("base64url");
      for (const path of ["/incidents", "/subscribers", "/templates"]) {
        const page = await call("GET", `${path}?cursor=${cursor}`, { key });
        expect(page.status, `${path} ${JSON.stringify(made)}`).toBe(400);
        expect(page.json.error.fields).toHaveProperty("cursor");
      }
    }
  });

  it("walks 120 components, templates, subscribers and incidents in pages of 50, with no duplicates or gaps when one is added meanwhile", async () => {
    const key = await keyWith(["read", "subscribers:read"]);
    for (let i = 0; i < 120; i++) await db.component.create({ data: { name: `C${i}`, slug: `c-${i}`, position: i, startDate: new Date() } });
    const components = await walk(key, "/components", "components", async () => {
      await db.component.create({ data: { name: "late", slug: `late-${Math.random()}`, position: 1000, startDate: new Date() } });
    });
    expect(new Set(components).size).toBe(components.length);
    expect(components.length).toBeGreaterThanOrEqual(120);

    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 120; i++) {
      await db.incidentTemplate.create({ data: { name: `T${i}`, title: "t", status: "investigating", body: "b", createdAt: new Date(base + (i % 7) * 1000) } });
      await db.subscriber.create({ data: { channel: "email", target: `s${i}@example.com`, createdAt: new Date(base + (i % 7) * 1000) } });
      await db.incident.create({
        data: {
          kind: "incident",
          name: `I${i}`,
          status: "resolved",
          impact: "minor",
          startedAt: new Date(base + (i % 5) * 1000),
          resolvedAt: new Date(base + 9e6),
        },
      });
    }
    for (const [path, items, model] of [
      ["/templates", "templates", () => db.incidentTemplate.findMany({ select: { id: true } })],
      ["/subscribers", "subscribers", () => db.subscriber.findMany({ select: { id: true } })],
      ["/incidents?state=resolved", "incidents", () => db.incident.findMany({ select: { id: true } })],
    ] as const) {
      const seen = await walk(key, path, items);
      expect(new Set(seen).size, path).toBe(120);
      expect(seen.sort(), path).toEqual((await model()).map((r) => r.id).sort());
    }
    expect((await call("GET", "/incidents?state=open", { key })).json.incidents).toEqual([]);
    const bad = await call("GET", "/templates?cursor=garbage", { key });
    expect([bad.status, Object.keys(bad.json.error.fields)]).toEqual([400, ["cursor"]]);
    expect((await call("GET", "/templates?limit=201", { key })).status).toBe(400);
  }, 120_000);
});
