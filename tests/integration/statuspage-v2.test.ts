import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import { createIncident, createMaintenance } from "@/lib/incidents/create-incident";
import { advanceMaintenances } from "@/lib/incidents/maintenance/advance";
import { publicPageResponse } from "@/server/public-routes";
import { invalidatePublicSnapshot, publicCache } from "@/lib/public/snapshot";
import { seedIfEmpty } from "@/lib/seed/demo";
import { statuspageResponse } from "@/lib/statuspage/serve";
import {
  ComponentsResponse,
  IncidentsResponse,
  STATUSPAGE_ENDPOINTS,
  STATUSPAGE_PATHS,
  ScheduledMaintenancesResponse,
  StatusResponse,
  StatuspageErrorResponse,
  SummaryResponse,
  type StatuspageGroup,
} from "@/lib/status/statuspage-schemas";
import * as route from "@/app/api/v2/[...path]/route";
import { resetDb, testDatabaseUrl, testDb } from "./db";

// The Statuspage API end to end: rows written by the real domain verbs, read through
// the same function server/http-server.ts and the route handler answer with.

let db: Db;
const now = new Date();
const HOUR = 3_600_000;
let openIncidentId = "";
let inProgressId = "";
let completedId = "";
let hubdocId = "";

const headers = (h: Record<string, string> = {}) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });

async function get(path: string, h: Record<string, string> = {}) {
  const response = await statuspageResponse("GET", path, headers(h));
  return { ...response, json: response.body ? JSON.parse(response.body.toString("utf8")) : null };
}

beforeAll(async () => {
  // The serving code reads DATABASE_URL through lib/env.ts, as in production.
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: "http://status.test/", now });
  hubdocId = (await db.component.findUniqueOrThrow({ where: { slug: "hubdoc" } })).id;

  openIncidentId = (
    await createIncident(
      db,
      { name: "Hubdoc outage", status: "investigating", impact: "critical", body: "Down.", components: [{ componentId: hubdocId, status: "major_outage" }] },
      new Date(now.getTime() - HOUR),
    )
  ).id;
  const window = (fromHours: number, toHours: number) => ({
    scheduledFor: new Date(now.getTime() + fromHours * HOUR),
    scheduledUntil: new Date(now.getTime() + toHours * HOUR),
  });
  inProgressId = (await createMaintenance(db, { name: "Go database upgrade", body: "Planned.", ...window(-1, 1) }, new Date(now.getTime() - 2 * HOUR))).id;
  completedId = (await createMaintenance(db, { name: "HQ network change", body: "Planned.", ...window(-5, -4) }, new Date(now.getTime() - 6 * HOUR))).id;
  await advanceMaintenances(db, now);
  invalidatePublicSnapshot();
});

afterAll(() => {
  publicCache().stop();
  vi.unstubAllEnvs();
});

describe("Statuspage v2 API", () => {
  it.each(STATUSPAGE_PATHS)("%s answers 200 JSON in its schema, readable from any origin", async (path) => {
    const r = await get(path);
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({
      "Content-Type": "application/json; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": expect.stringContaining("stale-while-revalidate"),
      ETag: expect.stringMatching(/^".+"$/),
    });
    const parsed = STATUSPAGE_ENDPOINTS[path].safeParse(r.json);
    expect(parsed.error).toBeUndefined();
    expect(r.json.page).toMatchObject({ name: "Tallyworks", url: "http://status.test", time_zone: "Pacific/Auckland" });
  });

  it("lists components with the group as a component naming its children", async () => {
    const { components } = ComponentsResponse.parse((await get("/api/v2/components.json")).json);
    const group = components.find((c): c is StatuspageGroup => c.group);
    expect(group?.name).toBe("Mobile Apps");
    const children = components.filter((c) => c.group_id === group!.id);
    expect(children.map((c) => c.name)).toEqual(["Accounting Mobile App", "Expenses App", "Projects App", "Me"]);
    expect(group!.components).toEqual(children.map((c) => c.id));
    // The group is followed by its children; every top-level item keeps the page's order.
    const groupIndex = components.indexOf(group!);
    expect(components.slice(groupIndex + 1, groupIndex + 5)).toEqual(children);
    expect(
      components
        .filter((c) => c.group_id === null)
        .map((c) => c.name)
        .slice(0, 3),
    ).toEqual(["Verify", "Mobile Apps", "Workpapers"]);
    // Every component's status is the stored one.
    const stored = new Map((await db.component.findMany()).map((c) => [c.id, c.status]));
    for (const c of components.filter((c) => !c.group)) expect(c.status).toBe(stored.get(c.id));
  });

  it("shows only unresolved incidents in the summary and unresolved.json, and all recent ones in incidents.json", async () => {
    const summary = SummaryResponse.parse((await get("/api/v2/summary.json")).json);
    const unresolved = IncidentsResponse.parse((await get("/api/v2/incidents/unresolved.json")).json);
    const all = IncidentsResponse.parse((await get("/api/v2/incidents.json")).json);
    expect(summary.incidents.map((i) => i.id)).toEqual([openIncidentId]);
    expect(unresolved.incidents).toEqual(summary.incidents);

    const incidentCount = await db.incident.count({ where: { kind: "incident" } });
    expect(all.incidents).toHaveLength(Math.min(incidentCount, 50));
    expect(all.incidents[0]!.id).toBe(openIncidentId); // newest first
    expect(all.incidents.filter((i) => i.status !== "resolved").map((i) => i.id)).toEqual([openIncidentId]);
    expect(all.incidents.map((i) => i.id)).not.toContain(inProgressId);

    const open = summary.incidents[0]!;
    expect(open).toMatchObject({ status: "investigating", impact: "critical", resolved_at: null, shortlink: `http://status.test/incidents/${openIncidentId}` });
    expect(open.components.map((c) => c.id)).toEqual([hubdocId]);
    expect(open.incident_updates[0]!.affected_components).toEqual([{ code: hubdocId, name: "Hubdoc", old_status: "operational", new_status: "major_outage" }]);
    const resolvedDemo = all.incidents.find((i) => i.name.startsWith("Navigation bar"))!;
    expect(resolvedDemo.incident_updates.map((u) => u.status)).toEqual(["resolved", "monitoring", "investigating"]);

    expect(summary.status).toEqual({ indicator: "critical", description: "Major System Outage" });
    expect(StatusResponse.parse((await get("/api/v2/status.json")).json).status).toEqual(summary.status);
  });

  it("splits maintenances into upcoming (scheduled) and active (in progress), all of them in scheduled-maintenances.json", async () => {
    const list = async (path: string) => ScheduledMaintenancesResponse.parse((await get(path)).json).scheduled_maintenances;
    const upcoming = await list("/api/v2/scheduled-maintenances/upcoming.json");
    const active = await list("/api/v2/scheduled-maintenances/active.json");
    const all = await list("/api/v2/scheduled-maintenances.json");
    const summary = SummaryResponse.parse((await get("/api/v2/summary.json")).json);

    expect(upcoming.map((m) => [m.name, m.status])).toEqual([["Tax NZ – Scheduled database maintenance", "scheduled"]]);
    expect(active.map((m) => [m.id, m.status])).toEqual([[inProgressId, "in_progress"]]);
    expect(summary.scheduled_maintenances.map((m) => m.id)).toEqual([inProgressId, upcoming[0]!.id]);
    expect(all.map((m) => m.id)).toContain(completedId);
    expect(all.find((m) => m.id === completedId)).toMatchObject({ status: "completed", impact: "maintenance" });
    expect(all.map((m) => m.id).sort()).toEqual([inProgressId, completedId, upcoming[0]!.id].sort());
  });

  it("serves repeated reads from memory, answers 304 to a matching ETag, gzip when asked, no body to HEAD", async () => {
    const first = await statuspageResponse("GET", "/api/v2/summary.json", headers());
    const second = await statuspageResponse("GET", "/api/v2/summary.json", headers());
    expect(second.body).toBe(first.body); // the same buffer: built once, not per request

    const etag = first.headers.ETag!;
    const notModified = await statuspageResponse("GET", "/api/v2/summary.json", headers({ "if-none-match": etag }));
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
    expect(notModified.headers["Access-Control-Allow-Origin"]).toBe("*");

    const gzipped = await statuspageResponse("GET", "/api/v2/summary.json", headers({ "accept-encoding": "gzip, br" }));
    expect(gzipped.headers["Content-Encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body!).equals(first.body!)).toBe(true);

    const head = await statuspageResponse("HEAD", "/api/v2/summary.json", headers());
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers["Content-Length"]).toBe(String(first.body!.length));
  });

  it("answers the same bytes through the custom server's entry point and the App Router handler", async () => {
    const direct = await statuspageResponse("GET", "/api/v2/components.json", headers());
    const server = await publicPageResponse("GET", new URL("http://x/api/v2/components.json?cb=1"), headers(), "http://127.0.0.1:1");
    expect(server?.body?.equals(direct.body!)).toBe(true);

    const viaRoute = await route.GET(new Request("http://localhost/api/v2/components.json", { headers: { "accept-encoding": "gzip" } }));
    expect(viaRoute.status).toBe(200);
    expect(viaRoute.headers.get("content-encoding")).toBeNull(); // Next would strip it: plain bytes
    expect(Buffer.from(await viaRoute.arrayBuffer()).equals(direct.body!)).toBe(true);
    expect(viaRoute.headers.get("etag")).toBe(direct.headers.ETag);
  });

  it("answers unknown paths with a JSON 404, preflights with 204, and refuses writes with a JSON 405", async () => {
    for (const path of ["/api/v2/nope.json", "/api/v2/incidents/abc.json", "/api/v2/summary"]) {
      const r = await get(path);
      expect(r.status).toBe(404);
      expect(r.headers).toMatchObject({ "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" });
      expect(StatuspageErrorResponse.parse(r.json).error.code).toBe("not_found");
    }
    const viaServer = await publicPageResponse("GET", new URL("http://x/api/v2/nope.json"), headers(), "http://127.0.0.1:1");
    expect(viaServer?.status).toBe(404);
    const viaRoute = await route.GET(new Request("http://localhost/api/v2/nope.json"));
    expect(viaRoute.status).toBe(404);
    expect(StatuspageErrorResponse.parse(await viaRoute.json()).error.code).toBe("not_found");

    const preflight = await statuspageResponse("OPTIONS", "/api/v2/summary.json", headers({ "access-control-request-headers": "if-none-match" }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
      "Access-Control-Allow-Headers": "if-none-match",
    });
    const preflightViaRoute = await route.OPTIONS(new Request("http://localhost/api/v2/summary.json", { method: "OPTIONS" }));
    expect(preflightViaRoute.status).toBe(204);
    expect(preflightViaRoute.headers.get("access-control-allow-origin")).toBe("*");

    const post = await statuspageResponse("POST", "/api/v2/summary.json", headers());
    expect(post.status).toBe(405);
    expect(post.headers.Allow).toBe("GET, HEAD, OPTIONS");
    expect(StatuspageErrorResponse.parse(JSON.parse(post.body!.toString())).error.code).toBe("method_not_allowed");
  });

  it("rebuilds after a write: a resolved incident leaves unresolved.json and the ETag changes", async () => {
    const before = await get("/api/v2/incidents/unresolved.json");
    await addIncidentUpdate(db, { incidentId: openIncidentId, status: "resolved", body: "Fixed.", restoreComponents: true }, now);
    invalidatePublicSnapshot();
    const after = await get("/api/v2/incidents/unresolved.json");
    expect(IncidentsResponse.parse(after.json).incidents).toEqual([]);
    expect(after.headers.ETag).not.toBe(before.headers.ETag);
    const summary = SummaryResponse.parse((await get("/api/v2/summary.json")).json);
    expect(summary.incidents).toEqual([]);
    // Only the in-progress maintenance is left to show.
    expect(summary.status.indicator).toBe("maintenance");
  });
});
