import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/keys";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { createIncident, createMaintenance } from "@/lib/incidents/create-incident";
import { advanceMaintenances } from "@/lib/incidents/maintenance/advance";
import { loadImportJob, startStatuspageImport } from "@/lib/import/jobs";
import { formatSummary, type ImportSummary } from "@/lib/import/plan";
import { importFromStatuspage } from "@/lib/import/run";
import { DELETE_ORDER } from "@/lib/ops/tables";
import { seedIfEmpty } from "@/lib/seed/demo";
import { buildStatuspageDocuments } from "@/lib/statuspage/map";
import { loadStatuspageSource } from "@/lib/statuspage/queries";
import { handleStatuspageV1 } from "@/lib/statuspage/v1/handle";
import type { StatuspageDocuments } from "@/lib/status/statuspage-schemas";
import { type JsonRequest, pageOf, startJsonServer } from "../support/json-server";
import { resetDb, testDatabaseUrl, testDb } from "./db";

// The Statuspage importer end to end: real HTTP from a local server, a real database.
// One source is another Vigil (its v2 documents built by the presenter), the other
// recorded Statuspage payloads (tests/fixtures/statuspage/).

let db: Db;
const now = new Date();
const HOUR = 3_600_000;
const URL_A = "http://status.test/";
const admin: StaffContext = { role: "admin", actor: { id: null, email: "admin@example.com", ip: null }, sessionId: null };

const FIXTURES = path.join(import.meta.dirname, "../fixtures/statuspage");
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8"));
const clone = <T>(v: T): T => structuredClone(v);

let servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(answer: (req: JsonRequest) => { status?: number; body: unknown } | null) {
  const server = await startJsonServer(answer);
  servers.push(server);
  return server;
}

/** A fresh installation: its page only, as a first start makes it. */
async function freshInstallation() {
  await resetDb(db);
  await seedIfEmpty(db, { demo: false, url: URL_A, now });
}

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DELETE_ORDER) {
    const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${table}"`);
    counts[table] = Number(row!.n);
  }
  return counts;
}

const changed = (s: ImportSummary) => Object.values(s.counts).reduce((n, c) => n + c.created + c.updated, 0);

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  db = await testDb();
});

afterAll(() => {
  vi.unstubAllEnvs();
});

// ── (a) From a second Vigil ─────────────────────────────────────────────────

/** A document with ids replaced by what they name (groups from `listing`, the page's components.json), and generated timestamps dropped. */
function normalize(doc: unknown, listing: unknown): unknown {
  const names = new Map<string, string>();
  const collect = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.id === "string" && typeof o.name === "string") names.set(o.id, `<${o.name}>`);
      else if (typeof o.id === "string" && typeof o.body === "string") names.set(o.id, "<update>");
      Object.values(o).forEach(collect);
    }
  };
  collect(listing);
  collect(doc);
  const walk = (v: unknown, key = ""): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([k]) => !["created_at", "updated_at", "page_id", "shortlink"].includes(k) && !(key === "page" && k === "id"))
          .map(([k, x]) => [k, walk(x, k)]),
      );
    }
    return typeof v === "string" ? (names.get(v) ?? v) : v;
  };
  return walk(doc);
}

/** Vigil A: the demo page with an open incident and a maintenance in progress; its v2 documents. */
async function seedVigilA(): Promise<StatuspageDocuments> {
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: URL_A, now });
  const ids = Object.fromEntries((await db.component.findMany()).map((c) => [c.slug, c.id]));
  await createIncident(
    db,
    { name: "Hubdoc outage", status: "investigating", impact: "critical", body: "Down.", components: [{ componentId: ids.hubdoc!, status: "major_outage" }] },
    new Date(now.getTime() - HOUR),
  );
  await createMaintenance(
    db,
    {
      name: "Go database upgrade",
      body: "Planned.",
      scheduledFor: new Date(now.getTime() - HOUR),
      scheduledUntil: new Date(now.getTime() + HOUR),
      components: [ids.go!],
    },
    new Date(now.getTime() - 2 * HOUR),
  );
  await advanceMaintenances(db, now);
  return buildStatuspageDocuments(await loadStatuspageSource(db));
}

const COMPARED = ["/api/v2/summary.json", "/api/v2/incidents.json", "/api/v2/components.json", "/api/v2/scheduled-maintenances.json"] as const;

function expectSameDocuments(b: StatuspageDocuments, a: StatuspageDocuments) {
  for (const p of COMPARED) expect(normalize(b[p], b["/api/v2/components.json"]), p).toEqual(normalize(a[p], a["/api/v2/components.json"]));
}

describe("importing another Vigil's page", () => {
  it("gives a fresh installation the same summary.json and incidents.json", async () => {
    const a = await seedVigilA();
    expect(a["/api/v2/incidents.json"].incidents.length).toBeGreaterThan(3);
    const source = await serve((req) => {
      const body = a[req.path as keyof StatuspageDocuments];
      return body ? { body } : null;
    });

    await freshInstallation();
    const summary = await importFromStatuspage(db, { pageUrl: source.url(), dryRun: false, allowPrivate: true, now });
    expect(summary.skipped).toEqual([]);
    const b = buildStatuspageDocuments(await loadStatuspageSource(db));
    expectSameDocuments(b, a);
    // The page's name and zone came along; its address stays this installation's.
    expect(b["/api/v2/summary.json"].page).toMatchObject({ name: a["/api/v2/summary.json"].page.name, time_zone: "Pacific/Auckland" });
    // History only: nobody was notified.
    expect(await db.notification.count()).toBe(0);
  });

  it("through its Statuspage v1 API too: the history and the subscribers, confirmed only where they were", async () => {
    const a = await seedVigilA();
    await db.subscriber.create({ data: { channel: "email", target: "confirmed@example.com", confirmedAt: new Date(), source: "self" } });
    await db.subscriber.create({ data: { channel: "email", target: "pending@example.com", source: "self", expiresAt: new Date(now.getTime() + HOUR) } });
    const { key } = await createApiKey(db, admin, { name: "moving", scopes: ["read", "subscribers:manage"] });
    const pageId = a["/api/v2/summary.json"].page.id;
    // What A's /v1 answers (its own handler), kept before A's database is emptied for B.
    const v1 = new Map<string, unknown>();
    for (const path of [
      `/v1/pages/${pageId}/incidents?page=1&per_page=100`,
      `/v1/pages/${pageId}/subscribers?page=1&per_page=100`,
      `/v1/pages/${pageId}/subscribers?state=unconfirmed&page=1&per_page=100`,
    ]) {
      const r = await handleStatuspageV1(
        db,
        {
          method: "GET",
          url: new URL(`http://a.test${path}`),
          headers: { get: (n) => (n === "authorization" ? `OAuth ${key}` : null) },
          text: async () => "",
          ip: null,
        },
        { rateLimitPerMinute: 1000, emailEnabled: true },
      );
      expect(r.status, path).toBe(200);
      v1.set(path, r.body);
    }
    const source = await serve((req) => {
      if (req.path.startsWith("/v1/")) {
        if (req.headers.authorization !== `OAuth ${key}`) return { status: 401, body: { error: "unauthorized" } };
        const body = v1.get(`${req.path}${req.url.search}`);
        return body ? { body } : null;
      }
      const body = a[req.path as keyof StatuspageDocuments];
      return body ? { body } : null;
    });

    await freshInstallation();
    const summary = await importFromStatuspage(db, {
      pageUrl: source.url(),
      apiKey: key,
      pageId,
      apiUrl: source.url(),
      dryRun: false,
      allowPrivate: true,
      now,
    });
    expect(summary.skipped).toEqual([]);
    expectSameDocuments(buildStatuspageDocuments(await loadStatuspageSource(db)), a);
    const subscribers = await db.subscriber.findMany({ orderBy: { target: "asc" } });
    expect(subscribers.map((s) => [s.target, Boolean(s.confirmedAt)])).toEqual([
      ["confirmed@example.com", true],
      ["pending@example.com", false],
    ]);
    expect((await db.notification.findMany({ where: { event: { kind: "subscription.confirm" } } })).map((n) => n.recipient)).toEqual(["pending@example.com"]);
  });
});

// ── (b) From recorded Statuspage payloads ──────────────────────────────────

const PAGE_ID = "kctbh9vrtdwd";
const API_KEY = "a1b2c3d4-e5f6-statuspage-key";

interface Payloads {
  summary: unknown;
  components: unknown;
  incidents: { page: unknown; incidents: unknown[] };
  maintenances: unknown;
  v1Incidents: unknown[];
  subscribers: unknown[];
  unconfirmed: unknown[];
}

function payloads(): Payloads {
  return {
    summary: fixture("summary.json"),
    components: fixture("components.json"),
    incidents: fixture("incidents.json") as Payloads["incidents"],
    maintenances: fixture("scheduled-maintenances.json"),
    v1Incidents: fixture("v1-incidents.json") as unknown[],
    subscribers: fixture("v1-subscribers.json") as unknown[],
    unconfirmed: fixture("v1-subscribers-unconfirmed.json") as unknown[],
  };
}

/** Serves the payloads as statuspage.io does: v2 on the page's host, v1 behind `OAuth <key>`, paged. */
async function statuspage(p: Payloads) {
  return serve((req) => {
    const v2: Record<string, unknown> = {
      "/api/v2/summary.json": p.summary,
      "/api/v2/components.json": p.components,
      "/api/v2/incidents.json": p.incidents,
      "/api/v2/scheduled-maintenances.json": p.maintenances,
    };
    if (v2[req.path]) return { body: v2[req.path] };
    if (!req.path.startsWith(`/v1/pages/${PAGE_ID}/`)) return null;
    if (req.headers.authorization !== `OAuth ${API_KEY}`) return { status: 401, body: { error: "Could not authenticate" } };
    if (req.path.endsWith("/incidents")) return { body: pageOf(p.v1Incidents, req.url) };
    if (req.path.endsWith("/subscribers"))
      return { body: pageOf(req.url.searchParams.get("state") === "unconfirmed" ? p.unconfirmed : p.subscribers, req.url) };
    return null;
  });
}

async function incidentNamed(name: string) {
  return db.incident.findFirstOrThrow({ where: { name }, include: { updates: { orderBy: { displayAt: "asc" } }, components: true } });
}

describe("importing Statuspage payloads", () => {
  it("creates the groups, components, incidents with every update, and maintenances from the v2 API", async () => {
    await freshInstallation();
    const source = await statuspage(payloads());
    const summary = await importFromStatuspage(db, { pageUrl: `${source.url()}/api/v2/summary.json`, dryRun: false, allowPrivate: true, now });
    expect(summary.skipped).toEqual([]);
    expect(summary.counts).toMatchObject({
      group: { created: 1 },
      component: { created: 5 },
      incident: { created: 2 },
      maintenance: { created: 2 },
      update: { created: 9 },
    });

    const group = await db.componentGroup.findFirstOrThrow({ include: { components: { orderBy: { position: "asc" } } } });
    expect(group).toMatchObject({ name: "Codespaces", description: "Orchestration and Compute for GitHub Codespaces", position: 3 });
    expect(group.components.map((c) => c.name)).toEqual(["Codespaces US East", "Codespaces Europe"]);
    const east = group.components[0]!;
    expect(east).toMatchObject({ status: "degraded_performance", showUptime: true });
    expect(east.startDate.toISOString()).toBe("2020-09-02T00:00:00.000Z");

    const open = await incidentNamed("Incident with Codespaces");
    expect(open).toMatchObject({ kind: "incident", status: "identified", impact: "minor", resolvedAt: null });
    expect(open.updates.map((u) => [u.status, u.displayAt.toISOString(), u.notifySubscribers])).toEqual([
      ["investigating", "2026-11-30T17:20:31.001Z", false],
      ["identified", "2026-11-30T17:40:00.900Z", false],
    ]);
    expect(JSON.parse(open.updates[1]!.affectedComponents!)).toEqual([
      { code: east.id, name: "Codespaces US East", old_status: "partial_outage", new_status: "degraded_performance" },
    ]);
    expect(open.components).toEqual([expect.objectContaining({ componentId: east.id, status: "degraded_performance" })]);

    const resolved = await incidentNamed("Disruption with some GitHub services");
    expect(resolved).toMatchObject({ status: "resolved", impact: "major" });
    expect(resolved.resolvedAt?.toISOString()).toBe("2026-11-21T10:05:44.129Z");
    expect(resolved.monitoringAt?.toISOString()).toBe("2026-11-21T09:41:07.302Z");
    expect(resolved.updates[0]!.body).toBe("Investigating."); // Statuspage allowed it empty

    const upcoming = await incidentNamed("Scheduled maintenance for GitHub Packages");
    expect(upcoming).toMatchObject({ kind: "maintenance", status: "scheduled", impact: "none" });
    expect([upcoming.scheduledFor?.toISOString(), upcoming.scheduledUntil?.toISOString()]).toEqual(["2027-01-09T02:00:00.000Z", "2027-01-09T04:00:00.000Z"]);
    expect(await incidentNamed("Git Operations network maintenance")).toMatchObject({ status: "completed", updates: expect.arrayContaining([]) });

    // And Vigil's own v2 API shows it back in Statuspage's shape.
    const docs = buildStatuspageDocuments(await loadStatuspageSource(db));
    expect(docs["/api/v2/summary.json"]).toMatchObject({ page: { name: "GitHub", time_zone: "Etc/UTC" }, status: { indicator: "minor" } });
    expect(docs["/api/v2/summary.json"].incidents.map((i) => i.name)).toEqual(["Incident with Codespaces"]);
    expect(docs["/api/v2/incidents.json"].incidents.map((i) => [i.name, i.status, i.incident_updates.length])).toEqual([
      ["Incident with Codespaces", "identified", 2],
      ["Disruption with some GitHub services", "resolved", 3],
    ]);
  });

  it("reads the full history and the subscribers from the v1 API, page by page", async () => {
    await freshInstallation();
    const p = payloads();
    // More than one page of history (Statuspage pages 100 at a time).
    const template = p.v1Incidents[1] as { id: string; name: string; incident_updates: { id: string }[] };
    for (let i = 0; i < 120; i++) {
      p.v1Incidents.push({
        ...template,
        id: `old${String(i).padStart(9, "0")}`,
        name: `Old incident ${i}`,
        backfilled: true,
        incident_updates: template.incident_updates.map((u) => ({ ...u, id: `${u.id}-${i}` })),
      });
    }
    const source = await statuspage(p);
    const summary = await importFromStatuspage(db, {
      pageUrl: source.url(),
      apiKey: API_KEY,
      pageId: PAGE_ID,
      apiUrl: source.url(),
      dryRun: false,
      allowPrivate: true,
      now,
    });
    expect(source.received.filter((r) => r.path.endsWith("/incidents")).map((r) => r.url.searchParams.get("page"))).toEqual(["1", "2"]);
    expect(summary.counts.incident.created).toBe(122);
    expect(summary.counts.maintenance.created).toBe(2);
    expect(await db.incident.count({ where: { backfilled: true } })).toBe(120);
    expect((await incidentNamed("Disruption with some GitHub services")).postmortem).toContain("A configuration change reduced capacity");

    // Confirmed at the source: confirmed here, with no email. Unconfirmed or bouncing: Vigil's confirmation.
    const subscribers = await db.subscriber.findMany({ include: { components: true }, orderBy: { target: "asc" } });
    expect(subscribers.map((s) => [s.target, Boolean(s.confirmedAt), s.source])).toEqual([
      ["ada@example.com", true, "import"],
      ["bounced@example.com", false, "import"],
      ["grace@example.com", true, "import"],
      ["linus@example.com", false, "import"],
    ]);
    expect(subscribers[0]!.components).toHaveLength(2);
    const confirmations = await db.notification.findMany({ where: { event: { kind: "subscription.confirm" } } });
    expect(confirmations.map((n) => n.recipient).sort()).toEqual(["bounced@example.com", "linus@example.com"]);
    expect(summary.skipped).toEqual([{ kind: "subscriber", id: "2bn3m4k5j6h7", reason: "SMS subscribers are not supported by Vigil" }]);
    expect(source.received.filter((r) => r.path.startsWith("/v1/")).every((r) => r.headers.authorization === `OAuth ${API_KEY}`)).toBe(true);
  });

  it("says clearly when the v1 API refuses the key, and writes nothing", async () => {
    await freshInstallation();
    const source = await statuspage(payloads());
    const before = await rowCounts();
    await expect(
      importFromStatuspage(db, { pageUrl: source.url(), apiKey: "wrong", pageId: PAGE_ID, apiUrl: source.url(), dryRun: false, allowPrivate: true, now }),
    ).rejects.toThrow(/refused the API key \(HTTP 401\)/);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("reading a source over HTTP", () => {
  it("refuses a document over the size cap and a server that does not answer in time, before writing", async () => {
    await freshInstallation();
    const before = await rowCounts();
    const source = await statuspage(payloads());
    await expect(importFromStatuspage(db, { pageUrl: source.url(), dryRun: false, allowPrivate: true, maxBytes: 1000, now })).rejects.toThrow(
      /summary\.json is larger than/,
    );
    // Accepts the connection, never answers.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      await expect(importFromStatuspage(db, { pageUrl: `http://127.0.0.1:${port}`, dryRun: false, allowPrivate: true, timeoutMs: 300, now })).rejects.toThrow(
        /Cannot read http:\/\/127\.0\.0\.1:\d+\/api\/v2\/summary\.json/,
      );
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    // A page that is not Statuspage's shape.
    const other = await serve(() => ({ body: { hello: "world" } }));
    await expect(importFromStatuspage(db, { pageUrl: other.url(), dryRun: true, allowPrivate: true, now })).rejects.toThrow(/has no "components" list/);
    expect(await rowCounts()).toEqual(before);
  });
});

// ── (c) Idempotency, re-runs, dry runs and bad records ───────────────────────

describe("running an import again", () => {
  it("changes nothing the second time, and picks up a new update the third", async () => {
    await freshInstallation();
    const p = payloads();
    const source = await statuspage(p);
    const run = (dryRun = false) => importFromStatuspage(db, { pageUrl: source.url(), dryRun, allowPrivate: true, now });
    await run();
    const after = await rowCounts();

    const second = await run();
    expect(changed(second)).toBe(0);
    expect(second.counts).toMatchObject({ component: { unchanged: 5 }, incident: { unchanged: 2 }, update: { unchanged: 9 } });
    expect(await rowCounts()).toEqual(after);

    // The source posts a new update on its open incident.
    const open = p.incidents.incidents[0] as { incident_updates: unknown[] };
    open.incident_updates.unshift({
      ...(clone(open.incident_updates[0]) as object),
      id: "n3wupd4te001",
      status: "monitoring",
      body: "A fix has been deployed; creation times are back to normal.",
      created_at: "2026-11-30T18:10:00.000Z",
      display_at: "2026-11-30T18:10:00.000Z",
      affected_components: [{ code: "h2ftsgbw7kmk", name: "Codespaces US East", old_status: "degraded_performance", new_status: "operational" }],
    });
    (p.summary as { incidents: unknown[] }).incidents = [open];

    const dry = await run(true);
    expect(dry.dryRun).toBe(true);
    expect(dry.counts.update).toMatchObject({ created: 1, unchanged: 9 });
    expect(formatSummary(dry)).toContain("updates: 1 to create, 0 to update, 9 unchanged, 0 skipped");
    expect(await rowCounts()).toEqual(after);

    const third = await run();
    expect(third.counts.update).toMatchObject({ created: 1, unchanged: 9 });
    // The incident itself changed too: its component's status is now the new update's.
    expect(third.counts.incident).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const incident = await incidentNamed("Incident with Codespaces");
    expect(incident.status).toBe("monitoring");
    expect(incident.monitoringAt?.toISOString()).toBe("2026-11-30T18:10:00.000Z");
    expect(incident.updates.map((u) => u.status)).toEqual(["investigating", "identified", "monitoring"]);
    expect(await db.incident.count()).toBe(after.Incident);
  });

  it("skips a malformed incident with its id and field named, and imports the others", async () => {
    await freshInstallation();
    const p = payloads();
    p.incidents.incidents.push(
      { ...(clone(p.incidents.incidents[1]) as object), id: "brokenimpact1", name: "Bad impact", impact: "catastrophic" },
      { ...(clone(p.incidents.incidents[1]) as object), id: "brokenupdate1", name: "Bad update", incident_updates: [{ id: "x", status: "investigating" }] },
      "not even an object",
    );
    const source = await statuspage(p);
    const summary = await importFromStatuspage(db, { pageUrl: source.url(), dryRun: false, allowPrivate: true, now });
    expect(summary.counts.incident).toMatchObject({ created: 2, skipped: 3 });
    const lines = formatSummary(summary);
    expect(lines).toContainEqual(expect.stringMatching(/^skipped incident brokenimpact1: impact: /));
    expect(lines).toContainEqual(expect.stringMatching(/^skipped incident brokenupdate1: incident_updates\.0\.created_at: /));
    expect(lines).toContainEqual(expect.stringMatching(/^skipped incident \(no id\): /));
    expect(await db.incident.findMany({ where: { name: { startsWith: "Bad" } } })).toEqual([]);
    expect(await db.incident.count({ where: { kind: "incident" } })).toBe(2);
  });
});

// ── (d) The console's background job ────────────────────────────────────────

describe("the console's import job", () => {
  it("runs a dry run, then the import, to completion, with progress and an audit trail, never storing the key", async () => {
    await freshInstallation();
    const source = await statuspage(payloads());
    const request = { pageUrl: source.url(), apiKey: API_KEY, pageId: PAGE_ID };
    const dry = await startStatuspageImport(db, admin, { pageUrl: source.url(), dryRun: true }, { allowPrivate: true, now });
    await dry.done;
    const dryJob = await loadImportJob(db, admin, dry.jobId);
    expect(dryJob).toMatchObject({ status: "succeeded", dryRun: true });
    expect(dryJob.summary?.counts.incident.created).toBe(2);
    expect(await db.incident.count()).toBe(0);

    const job = await startStatuspageImport(db, admin, { pageUrl: source.url(), dryRun: false }, { allowPrivate: true, now });
    await job.done;
    const view = await loadImportJob(db, admin, job.jobId);
    expect(view).toMatchObject({ status: "succeeded", error: null });
    expect(view.total).toBeGreaterThan(0);
    expect(view.progress).toBe(view.total);
    expect(view.summary?.counts.maintenance.created).toBe(2);
    expect(await db.incident.count()).toBe(4);
    const audit = await db.auditEvent.findMany({ where: { targetType: "import_job" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["import.dry_run", "import.started", "import.completed"]);

    // With a key: the key reaches the source, and no row.
    const withKey = await startStatuspageImport(db, admin, { ...request, dryRun: false }, { allowPrivate: true, apiUrl: source.url(), now });
    await withKey.done;
    expect(await loadImportJob(db, admin, withKey.jobId)).toMatchObject({ status: "succeeded" });
    expect(source.received.some((r) => r.headers.authorization === `OAuth ${API_KEY}`)).toBe(true);
    expect(await db.subscriber.count()).toBe(4);
    const stored = JSON.stringify([await db.importJob.findMany(), await db.auditEvent.findMany()]);
    expect(stored).not.toContain(API_KEY);
  });

  it("refuses a second import while one runs, and a non-admin", async () => {
    await freshInstallation();
    const source = await statuspage(payloads());
    const editor: StaffContext = { ...admin, role: "editor" };
    await expect(startStatuspageImport(db, editor, { pageUrl: source.url() })).rejects.toThrow(/settings:manage/);
    await expect(startStatuspageImport(db, admin, { pageUrl: "ftp://x" })).rejects.toThrow();
    const dead = await startStatuspageImport(db, admin, { pageUrl: "http://127.0.0.1:9/" }, { allowPrivate: true });
    await dead.done;
    expect(await loadImportJob(db, admin, dead.jobId)).toMatchObject({ status: "failed", error: expect.stringContaining("Cannot read") });
    const running = await db.importJob.create({ data: { sourceUrl: source.url(), status: "running" } });
    await expect(startStatuspageImport(db, admin, { pageUrl: source.url() }, { allowPrivate: true })).rejects.toThrow(/already running/);
    // One its process never finished (a restart) shows as failed, and blocks nothing.
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await loadImportJob(db, admin, running.id, later)).toMatchObject({ status: "failed", error: expect.stringContaining("restarted") });
    await db.importJob.update({ where: { id: running.id }, data: { updatedAt: new Date(Date.now() - 11 * 60_000) } });
    const next = await startStatuspageImport(db, admin, { pageUrl: source.url(), dryRun: true }, { allowPrivate: true });
    await next.done;
    expect((await loadImportJob(db, admin, next.jobId)).status).toBe("succeeded");
  });
});
