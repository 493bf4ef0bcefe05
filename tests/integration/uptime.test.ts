// Uptime reports end to end on a real database: the monthly aggregation over seeded status
// history, GET /api/v2/uptime.json through the same function the fast path and the route
// handler answer with, the /uptime calendar's HTML, and the console's CSV export.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as route from "@/app/api/v2/[...path]/route";
import { toCalendarComponents, UptimeCalendar } from "@/components/status/UptimeCalendar";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { translator } from "@/lib/i18n/translate";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import { createIncident } from "@/lib/incidents/create-incident";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";
import type { ComponentStatus } from "@/lib/status/schemas";
import { statuspageResponse } from "@/lib/statuspage/serve";
import { UptimeErrorResponse, UptimeResponse } from "@/lib/statuspage/uptime";
import { addMonths } from "@/lib/time/periods";
import { startOfZonedDay } from "@/lib/time/zoned";
import { exportHistoryCsv, HISTORY_CSV_COLUMNS } from "@/lib/uptime/csv-export";
import { monthOf } from "@/lib/uptime/months";
import { getUptimeCalendar } from "@/lib/uptime/public";
import { loadMonthlyUptime } from "@/lib/uptime/report";
import { publicPageResponse } from "@/server/public-routes";
import { updateComponent } from "@/lib/components/staff-verbs";
import { loadErrorBudgets } from "@/lib/uptime/budgets";
import { sendMonthlyReport } from "@/lib/uptime/monthly-report";
import { startSmtpSink } from "../support/smtp";
import { createPage, resetDb, testDatabaseUrl, testDb } from "./db";

let db: Db;
const TZ = "Europe/Berlin";
const MIN = 60_000;

async function component(slug: string, startDate: Date, showUptime = true) {
  return db.component.create({ data: { name: slug.toUpperCase(), slug, position: 0, startDate, showUptime } });
}

async function change(componentId: string, toStatus: ComponentStatus, at: Date) {
  await db.componentStatusChange.create({ data: { componentId, toStatus, at, source: "staff" } });
}

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  db = await testDb();
});

afterAll(() => vi.unstubAllEnvs());

describe("loadMonthlyUptime over seeded history", () => {
  beforeEach(async () => {
    await resetDb(db);
    await createPage(db, { timeZone: TZ });
  });

  it("gives each component its months in the page's zone: mid-month start, outages, maintenance left out, DST", async () => {
    const a = await component("api", new Date("2026-01-15T00:00:00Z"));
    const b = await component("web", new Date("2025-06-01T00:00:00Z"));
    await change(a.id, "major_outage", new Date("2026-02-10T10:00:00Z"));
    await change(a.id, "operational", new Date("2026-02-10T11:00:00Z"));
    // 00:30 on 1 April in Berlin (CEST): April's, not March's.
    await change(a.id, "partial_outage", new Date("2026-03-31T22:30:00Z"));
    await change(a.id, "operational", new Date("2026-04-01T00:30:00Z"));
    await change(b.id, "under_maintenance", new Date("2026-02-01T00:00:00Z"));
    await change(b.id, "operational", new Date("2026-02-02T00:00:00Z"));
    // 23:30 on 30 November in Berlin, before the range: the status December opens with, for half an hour.
    await change(b.id, "degraded_performance", new Date("2025-11-30T22:30:00Z"));
    await change(b.id, "operational", new Date("2025-11-30T23:30:00Z"));

    const now = new Date("2026-04-15T12:00:00Z");
    const result = await loadMonthlyUptime(db, { components: null, fromMonth: "2025-12", toMonth: "2026-04", timeZone: TZ, now });
    const byMonth = (slug: string) => new Map(result.find((r) => r.component.slug === slug)!.months.map((m) => [m.month, m]));

    const api = byMonth("api");
    expect(result.find((r) => r.component.slug === "api")!.startMonth).toBe("2026-01");
    expect(api.get("2025-12")).toEqual({ month: "2025-12", percent: null, minutes: {}, hasData: false });
    // 15 Jan 00:00Z to 31 Jan 23:00Z (Berlin's month end).
    expect(api.get("2026-01")!.minutes).toEqual({ operational: 16 * 1440 + 23 * 60 });
    expect(api.get("2026-02")!.minutes).toEqual({ operational: 28 * 1440 - 60, major_outage: 60 });
    expect(api.get("2026-02")!.percent).toBeCloseTo(((28 * 1440 - 60) / (28 * 1440)) * 100, 9);
    // March in Berlin is an hour short (DST) and holds none of the partial outage.
    expect(api.get("2026-03")!.minutes).toEqual({ operational: 31 * 1440 - 60 });
    // April so far: 31 Mar 22:00Z to now; 120 partial minutes count as 36.
    const april = 14 * 1440 + 14 * 60;
    expect(api.get("2026-04")!.minutes).toEqual({ operational: april - 120, partial_outage: 120 });
    expect(api.get("2026-04")!.percent).toBeCloseTo(((april - 36) / april) * 100, 9);

    const web = byMonth("web");
    // The degraded half hour before December (Berlin) runs into it: 30 minutes, not downtime.
    expect(web.get("2025-12")!.minutes).toEqual({ operational: 31 * 1440 - 30, degraded_performance: 30 });
    expect(web.get("2025-12")!.percent).toBe(100);
    expect(web.get("2026-02")!.minutes.under_maintenance).toBe(1440);
    expect(web.get("2026-02")!.percent).toBe(100);
  });

  it("opens a range with each component's last status before it, however long its history", async () => {
    const a = await component("api", new Date("2024-01-01T00:00:00Z"));
    const b = await component("web", new Date("2024-01-01T00:00:00Z"));
    await component("cdn", new Date("2024-01-01T00:00:00Z")); // no history at all
    for (let day = 1; day <= 28; day++) {
      await change(a.id, day % 2 ? "major_outage" : "operational", new Date(Date.UTC(2025, 5, day)));
    }
    // Two changes at api's latest instant: the one written last wins.
    const at = new Date("2025-07-01T00:00:00Z");
    await db.componentStatusChange.create({
      data: { componentId: a.id, toStatus: "partial_outage", at, source: "staff", createdAt: new Date("2025-07-01T00:00:02Z") },
    });
    await db.componentStatusChange.create({
      data: { componentId: a.id, toStatus: "degraded_performance", at, source: "staff", createdAt: new Date("2025-07-01T00:00:01Z") },
    });
    // web's latest is at an instant api also had, earlier in api's history.
    await change(b.id, "under_maintenance", new Date(Date.UTC(2025, 5, 3)));
    const now = new Date("2026-02-01T00:00:00Z");
    const result = await loadMonthlyUptime(db, { components: null, fromMonth: "2026-01", toMonth: "2026-01", timeZone: "UTC", now });
    const jan = (slug: string) => result.find((r) => r.component.slug === slug)!.months[0]!.minutes;
    expect(jan("api")).toEqual({ partial_outage: 31 * 1440 });
    expect(jan("web")).toEqual({ under_maintenance: 31 * 1440 });
    expect(jan("cdn")).toEqual({ operational: 31 * 1440 });
  });

  it("answers for 1,000 components × 24 months from one read, each with its own history", async () => {
    const start = new Date("2025-01-01T00:00:00Z");
    const ids = Array.from({ length: 1000 }, (_, i) => `c${String(i).padStart(3, "0")}`);
    await db.component.createMany({ data: ids.map((id, i) => ({ id, name: `C${i}`, slug: id, position: i, startDate: start })) });
    await db.componentStatusChange.createMany({
      // i % 60 minutes of major outage in month i % 12 (none when that is 0 minutes).
      data: ids.flatMap((id, i) =>
        i % 60 === 0
          ? []
          : [
              { componentId: id, toStatus: "major_outage", at: new Date(Date.UTC(2025, i % 12, 5, 0, 0)), source: "probe" },
              { componentId: id, toStatus: "operational", at: new Date(Date.UTC(2025, i % 12, 5, 0, i % 60)), source: "probe" },
            ],
      ),
    });
    const result = await loadMonthlyUptime(db, {
      components: null,
      fromMonth: "2025-01",
      toMonth: "2026-12",
      timeZone: "UTC",
      now: new Date("2026-06-01T00:00:00Z"),
    });
    expect(result).toHaveLength(1000);
    for (const [i, r] of result.entries()) {
      expect(r.months).toHaveLength(24);
      const down = r.months.filter((m) => (m.minutes.major_outage ?? 0) > 0);
      expect(down.map((m) => [m.month, m.minutes.major_outage])).toEqual(i % 60 === 0 ? [] : [[`2025-${String((i % 12) + 1).padStart(2, "0")}`, i % 60]]);
    }
  });
});

describe("GET /api/v2/uptime.json", () => {
  const headers = (h: Record<string, string> = {}) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });
  const get = async (query: string, h: Record<string, string> = {}) => {
    const url = new URL(`http://status.test/api/v2/uptime.json${query}`);
    const r = await statuspageResponse("GET", url.pathname, headers(h), () => url.searchParams);
    return { ...r, json: r.body ? JSON.parse(r.body.toString("utf8")) : null };
  };
  const now = new Date();
  const thisMonth = monthOf(now, TZ);
  const lastMonth = addMonths(thisMonth, -1);
  let apiId = "";

  beforeAll(async () => {
    await resetDb(db);
    await createPage(db, { timeZone: TZ });
    const start = startOfZonedDay(`${addMonths(thisMonth, -14)}-01`, TZ);
    apiId = (await component("api", start)).id;
    await component("web", startOfZonedDay(`${lastMonth}-15`, TZ));
    await component("secret", start, false);
    const outage = new Date(startOfZonedDay(`${lastMonth}-10`, TZ).getTime() + 10 * 60 * MIN);
    await change(apiId, "major_outage", outage);
    await change(apiId, "operational", new Date(outage.getTime() + 30 * MIN));
    invalidatePublicSnapshot();
  });

  it("answers the last 12 months of every shown component by default, in its schema", async () => {
    const r = await get("");
    expect(r.status).toBe(200);
    expect(r.headers["Content-Type"]).toBe("application/json; charset=utf-8");
    expect(r.headers["Access-Control-Allow-Origin"]).toBe("*");
    const body = UptimeResponse.parse(r.json);
    expect(body.from).toBe(addMonths(thisMonth, -11));
    expect(body.to).toBe(thisMonth);
    expect(body.page.time_zone).toBe(TZ);
    expect(body.components.map((c) => c.slug)).toEqual(["api", "web"]); // "secret" hides its uptime
    const api = body.components[0]!;
    expect(api.months).toHaveLength(12);
    const last = api.months.find((m) => m.month === lastMonth)!;
    expect(last.minutes.major_outage).toBe(30);
    expect(last.downtime_minutes).toBe(30);
    expect(last.uptime_percentage).toBeLessThan(100);
    expect(last.uptime_percentage).toBeGreaterThan(99.9);
    const web = body.components[1]!;
    expect(web.start_month).toBe(lastMonth);
    expect(web.months.find((m) => m.month === addMonths(lastMonth, -1))!.uptime_percentage).toBeNull();
    expect(web.months.find((m) => m.month === lastMonth)!.uptime_percentage).toBe(100);
  });

  it("takes one component by slug or id and a range, and answers 304 to its ETag", async () => {
    const from = addMonths(thisMonth, -20);
    const bySlug = await get(`?component=api&from=${from}&to=${lastMonth}`);
    expect(bySlug.status).toBe(200);
    const body = UptimeResponse.parse(bySlug.json);
    expect(body.components.map((c) => c.id)).toEqual([apiId]);
    expect(body.components[0]!.months.map((m) => m.month)).toEqual(Array.from({ length: 20 }, (_, i) => addMonths(from, i)));
    expect(body.components[0]!.months.filter((m) => m.uptime_percentage !== null)).toHaveLength(14);
    const byId = await get(`?component=${apiId}&from=${from}&to=${lastMonth}`);
    expect(byId.json).toEqual(bySlug.json);
    const again = await get(`?component=api&from=${from}&to=${lastMonth}`, { "if-none-match": String(bySlug.headers.ETag) });
    expect(again.status).toBe(304);
  });

  it.each([
    ["?from=2026-13", "from"],
    ["?to=26-01", "to"],
    ["?from=2020-01&to=2026-01", "to"],
    ["?from=2026-05&to=2026-01", "from"],
    ["?component=", "component"],
    ["?bogus=1", "bogus"],
  ])("%s answers 400 naming %s", async (query, field) => {
    const r = await get(query);
    expect(r.status).toBe(400);
    const body = UptimeErrorResponse.parse(r.json);
    expect(body.error).toMatchObject({ code: "invalid_request", field });
    expect(body.error.message).toContain(field);
  });

  it.each(["nope", "secret"])("answers 404 for component=%s (unknown, or uptime hidden)", async (component) => {
    const r = await get(`?component=${component}`);
    expect(r.status).toBe(404);
    expect(UptimeErrorResponse.parse(r.json).error).toMatchObject({ code: "not_found", field: "component" });
  });

  it("sends the same body on the fast path and through the route handler", async () => {
    const query = `?component=api&from=${lastMonth}&to=${thisMonth}`;
    const direct = await get(query);
    const fast = await publicPageResponse("GET", new URL(`http://status.test/api/v2/uptime.json${query}`), headers(), "http://127.0.0.1:1");
    expect(fast?.body?.toString("utf8")).toBe(direct.body?.toString("utf8"));
    const handled = await route.GET(new Request(`http://status.test/api/v2/uptime.json${query}`));
    expect(handled.status).toBe(200);
    expect(await handled.json()).toEqual(direct.json);
    const bad = await route.GET(new Request("http://status.test/api/v2/uptime.json?from=x"));
    expect(bad.status).toBe(400);
    expect((await statuspageResponse("POST", "/api/v2/uptime.json", headers())).status).toBe(405);
  });

  it("renders the /uptime calendar: a <details> per month with its outage minutes and a link to its incidents", async () => {
    const view = await getUptimeCalendar(null, 1);
    expect(view).not.toBeNull();
    const tr = translator("en-US");
    const html = renderToStaticMarkup(createElement(UptimeCalendar, { components: toCalendarComponents(view!, tr), tr }));
    expect(html).toContain(">API</h2>");
    expect(html).toContain(">WEB</h2>");
    expect(html).not.toContain("SECRET");
    expect((html.match(/<details/g) ?? []).length).toBe(24);
    const cell = html.slice(html.indexOf(`data-month="${lastMonth}"`), html.indexOf("</details>", html.indexOf(`data-month="${lastMonth}"`)));
    expect(cell).toContain("<summary");
    expect(cell).toMatch(/data-status="major_outage">30 min</);
    expect(cell).toContain(`href="/history#m-${lastMonth}"`);
    const yearAgo = addMonths(thisMonth, -11);
    expect(html).toContain(`href="/history?page=4#m-${yearAgo}"`);
    expect(cell).toMatch(/data-level="(good|perfect)"/);
    // WEB started last month: earlier months say so.
    expect(html).toContain("Not monitored yet");
    // German, with the page's own words.
    const de = renderToStaticMarkup(createElement(UptimeCalendar, { components: toCalendarComponents(view!, translator("de-DE")), tr: translator("de-DE") }));
    expect(de).toContain(`<dt>${translator("de-DE").t("status.major_outage")}</dt>`);
    expect(de).toContain("Noch nicht überwacht");

    // A target the admin chose to publish shows above the months, with the budget left.
    await db.component.update({ where: { id: apiId }, data: { sloTarget: 99.9, sloWindow: "30d", sloPublic: true } });
    await db.component.update({ where: { slug: "web" }, data: { sloTarget: 99.5, sloWindow: "90d", sloPublic: false } });
    invalidatePublicSnapshot();
    const withSlo = toCalendarComponents((await getUptimeCalendar(null, 1))!, tr);
    expect(withSlo.find((c) => c.id === apiId)!.sloLine).toMatch(/^Target 99\.9% over 30 days; error budget left: [\d,.-]+ min \(\d+%\)$/);
    expect(withSlo.find((c) => c.name === "WEB")!.sloLine).toBeNull();

    const one = await getUptimeCalendar("web", 1);
    expect(one!.components.map((c) => c.component.slug)).toEqual(["web"]);
    expect(one!.hasOlder).toBe(false);
    expect((await getUptimeCalendar(null, 1))!.hasOlder).toBe(true); // API started 14 months ago
    expect(await getUptimeCalendar("secret", 1)).toBeNull();
    expect(await getUptimeCalendar("nope", 1)).toBeNull();
  });
});

describe("the console's CSV export", () => {
  const editor: StaffContext = { role: "editor", actor: { id: "ed", email: "ed@example.com", ip: null }, sessionId: null };
  const viewer: StaffContext = { role: "viewer", actor: { id: "vi", email: "vi@example.com", ip: null }, sessionId: null };

  beforeAll(async () => {
    await resetDb(db);
    await createPage(db, { timeZone: TZ });
    const api = await component("api", new Date("2025-01-01T00:00:00Z"));
    await change(api.id, "major_outage", new Date("2026-01-10T09:00:00Z"));
    await change(api.id, "operational", new Date("2026-07-10T09:00:00Z"));
    const incident = await createIncident(
      db,
      {
        name: 'Database "primary", down',
        status: "investigating",
        impact: "major",
        body: "Line one,\nline two",
        components: [{ componentId: api.id, status: "major_outage" }],
      },
      new Date("2026-07-09T22:30:00Z"),
    );
    await addIncidentUpdate(db, { incidentId: incident.id, status: "resolved", body: "Fixed.", restoreComponents: true }, new Date("2026-07-10T10:00:00Z"));
    // Outside the range.
    await change(api.id, "partial_outage", new Date("2026-09-01T00:00:00Z"));
  });

  it("writes a header row, one row per change, incident and update, with zone offsets and quoting", async () => {
    const { csv, rows, filename } = await exportHistoryCsv(db, editor, { from: "2026-01-01", to: "2026-07-31" }, TZ);
    expect(filename).toBe("vigil-history-2026-01-01-to-2026-07-31.csv");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(HISTORY_CSV_COLUMNS.join(","));
    // Winter is +01:00, summer +02:00 in Berlin.
    expect(lines[1]).toBe("status_change,2026-01-10T10:00:00+01:00,api,major_outage,,staff,,,,,");
    expect(csv).toContain("status_change,2026-07-10T11:00:00+02:00,api,operational,,staff,,,,,");
    expect(csv).toContain("incident,2026-07-10T00:30:00+02:00,api,resolved,,,");
    expect(csv).toContain('"Database ""primary"", down",incident,major,"Line one,\nline two"\r\n');
    expect(csv).toContain('"Database ""primary"", down",incident,major,Fixed.\r\n');
    expect(csv).not.toContain("partial_outage,");
    expect(rows).toBeGreaterThanOrEqual(5);
    expect(await db.auditEvent.count({ where: { action: "reports.exported" } })).toBe(1);
  });

  it("refuses viewers and bad ranges", async () => {
    await expect(exportHistoryCsv(db, viewer, { from: "2026-01-01", to: "2026-01-31" }, TZ)).rejects.toThrow(/components:write/);
    await expect(exportHistoryCsv(db, editor, { from: "2026-02-01", to: "2026-01-31" }, TZ)).rejects.toThrow(/on or after/);
    await expect(exportHistoryCsv(db, editor, { from: "2026-02-30x", to: "2026-03-01" }, TZ)).rejects.toThrow(/YYYY-MM-DD/);
  });
});

describe("SLO targets and error budgets", () => {
  const admin: StaffContext = { role: "admin", actor: { id: "adm", email: "adm@example.com", ip: null }, sessionId: null };
  const now = new Date("2026-11-20T12:00:00Z");

  beforeEach(async () => {
    await resetDb(db);
    await createPage(db, { timeZone: TZ });
  });

  it("stores a target from the edit form's strings, refuses a bad one by field, and computes the budget left by the uptime rule", async () => {
    const api = await component("api", new Date("2026-01-01T00:00:00Z"));
    const base = { componentId: api.id, name: "API", description: "", groupId: "", showUptime: true };
    await updateComponent(db, admin, { ...base, sloTarget: "99.9", sloWindow: "30d", sloPublic: true });
    expect(await db.component.findUniqueOrThrow({ where: { id: api.id }, select: { sloTarget: true, sloWindow: true, sloPublic: true } })).toEqual({
      sloTarget: 99.9,
      sloWindow: "30d",
      sloPublic: true,
    });
    await expect(updateComponent(db, admin, { ...base, sloTarget: "lots" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["sloTarget"] })],
    });
    await expect(updateComponent(db, admin, { ...base, sloTarget: "100" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["sloTarget"] })],
    });
    expect(await db.auditEvent.count({ where: { action: "component.edit" } })).toBe(1);

    // 30 days = 43,200 minutes; 99.9 % allows 43.2. Spent: 20 major + 30 % of 20 partial = 26; a day of maintenance shrinks the allowance.
    await change(api.id, "major_outage", new Date("2026-11-10T00:00:00Z"));
    await change(api.id, "partial_outage", new Date("2026-11-10T00:20:00Z"));
    await change(api.id, "operational", new Date("2026-11-10T00:40:00Z"));
    await change(api.id, "under_maintenance", new Date("2026-11-12T00:00:00Z"));
    await change(api.id, "operational", new Date("2026-11-13T00:00:00Z"));
    // Before the window: not counted.
    await change(api.id, "major_outage", new Date("2026-10-01T00:00:00Z"));
    await change(api.id, "operational", new Date("2026-10-01T05:00:00Z"));
    const rows = await db.component.findMany();
    const budget = (await loadErrorBudgets(db, rows, TZ, now)).get(api.id)!;
    const monitored = 43_200 - 1440;
    expect(budget.window).toBe("30d");
    expect(budget.allowedMinutes).toBeCloseTo(monitored * 0.001, 6);
    expect(budget.usedMinutes).toBeCloseTo(26, 6);
    expect(budget.remainingMinutes).toBeCloseTo(monitored * 0.001 - 26, 6);
    expect(budget.remainingPercent!).toBeCloseTo(((monitored * 0.001 - 26) / (monitored * 0.001)) * 100, 6);
    expect(budget.uptimePercent!).toBeCloseTo(((monitored - 26) / monitored) * 100, 9);

    // The calendar month window starts on the 1st in Berlin: the same outage, a smaller allowance.
    await db.component.update({ where: { id: api.id }, data: { sloWindow: "month" } });
    const monthly = (await loadErrorBudgets(db, await db.component.findMany(), TZ, now)).get(api.id)!;
    expect(monthly.since.toISOString()).toBe("2026-10-31T23:00:00.000Z");
    expect(monthly.usedMinutes).toBeCloseTo(26, 6);
    // Components without a target have no budget.
    await component("web", new Date("2026-01-01T00:00:00Z"));
    expect([...(await loadErrorBudgets(db, await db.component.findMany(), TZ, now)).keys()]).toEqual([api.id]);
  });
});

describe("the monthly report email", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const now = new Date("2026-12-01T06:30:00Z");

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => smtp.close());

  beforeEach(async () => {
    await resetDb(db);
    await createPage(db, { timeZone: TZ });
    smtp.inbox.length = 0;
    for (const [email, role] of [
      ["ada@example.com", "admin"],
      ["bob@example.com", "admin"],
      ["eve@example.com", "editor"],
    ] as const) {
      await db.user.create({ data: { email, name: email.split("@")[0]!, role, passwordHash: "x" } });
    }
    const api = await db.component.create({
      data: { name: "API", slug: "api", position: 0, startDate: new Date("2026-01-01T00:00:00Z"), sloTarget: 99.99, sloWindow: "month" },
    });
    await db.component.create({ data: { name: "Web", slug: "web", position: 1, startDate: new Date("2026-01-01T00:00:00Z"), sloTarget: 99 } });
    await change(api.id, "major_outage", new Date("2026-11-10T10:00:00Z"));
    await change(api.id, "operational", new Date("2026-11-10T11:00:00Z"));
    await createIncident(
      db,
      { name: "API down", status: "resolved", impact: "major", body: "Fixed.", notifySubscribers: false },
      new Date("2026-11-10T10:00:00Z"),
    );
  });

  it("sends last month's report once to each admin, however many runners race for it", async () => {
    const results = await Promise.all([
      sendMonthlyReport(db, smtp.mailer, now),
      sendMonthlyReport(db, smtp.mailer, now),
      sendMonthlyReport(db, smtp.mailer, now),
    ]);
    expect(results.filter((r) => r !== null)).toEqual([{ month: "2026-11", sent: 2 }]);
    expect(smtp.inbox.flatMap((m) => m.to).sort()).toEqual(["ada@example.com", "bob@example.com"]);
    const mail = smtp.inbox[0]!;
    expect(mail.subject).toBe("Test: uptime report for November 2026");
    const text = mail.raw.replace(/\r\n/g, "\n");
    // 60 of 43,200 minutes down.
    expect(text).toContain(`- API: ${(Math.floor(((43_200 - 60) / 43_200) * 100 * 1000) / 1000).toFixed(3)} % (target 99.99 %: MISSED); major outage 60 min`);
    expect(text).toContain("- Web: 100.000 % (target 99 %: met)");
    expect(text).toMatch(/- API down \(impact major\): Nov 10, 2026, 11:00 (CET|GMT\+1)/);
    // Later the same month, or on another instance: nothing more.
    expect(await sendMonthlyReport(db, smtp.mailer, new Date("2026-12-15T00:00:00Z"))).toBeNull();
    expect(smtp.inbox).toHaveLength(2);
    // Next month's goes out.
    expect(await sendMonthlyReport(db, smtp.mailer, new Date("2027-01-01T00:30:00Z"))).toEqual({ month: "2026-12", sent: 2 });
  });

  it("sends nothing when an admin turned it off", async () => {
    await db.installation.create({ data: { id: 1, monthlyReportEnabled: false } });
    expect(await sendMonthlyReport(db, smtp.mailer, now)).toBeNull();
    expect(smtp.inbox).toHaveLength(0);
  });
});
