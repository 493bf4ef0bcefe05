import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handleManageRequest } from "@/lib/api/manage/handle";
import { createApiKey } from "@/lib/api-keys/keys";
import type { ApiScope } from "@/lib/api-keys/schemas";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { feedResponse } from "@/lib/feeds/serve";
import { createIncident } from "@/lib/incidents/create-incident";
import { buildAlertEvent } from "@/lib/incidents/alert-event";
import { renderAlertEmail } from "@/lib/notify/channels/email";
import { testProbe } from "@/lib/probes/staff-verbs";
import { assetResponse } from "@/lib/public/assets";
import { getHomeSnapshot, invalidatePublicSnapshot, publicCache } from "@/lib/public/snapshot";
import { loadInstallationSettings, loadPageSettings } from "@/lib/settings/queries";
import { removePageAsset, setPageAsset, updateInstallationSettings, updatePageSettings } from "@/lib/settings/staff-verbs";
import { statuspageResponse } from "@/lib/statuspage/serve";
import { createComponent, createPage, resetDb, testDatabaseUrl, testDb } from "./db";

// The page's settings end to end: what an admin saves (console verb or API) is what the
// public page, the Statuspage API, the feeds and new emails say, and bad input saves nothing.

let db: Db;
const admin: StaffContext = { role: "admin", actor: { id: "admin-1", email: "ana@example.com", ip: "203.0.113.9" }, sessionId: null };
const editor: StaffContext = { ...admin, role: "editor", actor: { ...admin.actor, id: "ed-1", email: "ed@example.com" } };
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const none = { get: () => null };

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  db = await testDb();
});
afterAll(() => {
  publicCache().stop();
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  await resetDb(db);
  await createPage(db);
  invalidatePublicSnapshot();
});

async function fresh() {
  invalidatePublicSnapshot();
  return (await getHomeSnapshot()).value;
}

describe("page settings", () => {
  it("an admin's change is on the public page, the Statuspage API, the feeds and new emails", async () => {
    const { changed } = await updatePageSettings(db, admin, {
      name: "Acme",
      url: "https://status.acme.test/",
      timeZone: "Europe/Berlin",
      locale: "de-DE",
      brandColor: "#FFD400",
      supportUrl: "help@acme.test",
      footerLinks: [{ label: "Privacy", url: "https://acme.test/privacy" }],
      aboutMarkdown: "Status of **Acme** <script>alert(1)</script>",
      metaDescription: "Is Acme up?",
    });
    expect(changed.sort()).toEqual(["aboutMarkdown", "brandColor", "footerLinks", "locale", "metaDescription", "name", "supportUrl", "timeZone", "url"]);

    const page = (await fresh()).page;
    expect(page).toMatchObject({
      name: "Acme",
      url: "https://status.acme.test",
      timeZone: "Europe/Berlin",
      locale: "de-DE",
      brandColor: "#ffd400",
      supportUrl: "mailto:help@acme.test",
      footerLinks: [{ label: "Privacy", url: "https://acme.test/privacy" }],
      metaDescription: "Is Acme up?",
    });
    // Yellow fails AA on white: the page uses a darker shade of it for text.
    expect(page.accentLight).not.toBe("#ffd400");
    expect(page.aboutHtml).toContain("<strong>Acme</strong>");
    expect(page.aboutHtml).not.toContain("<script");

    const status = await statuspageResponse("GET", "/api/v2/status.json", none);
    expect(JSON.parse(status.body!.toString()).page).toMatchObject({ name: "Acme", url: "https://status.acme.test", time_zone: "Europe/Berlin" });

    const feed = await feedResponse("GET", { pathname: "/feed.atom", searchParams: new URLSearchParams() }, none);
    expect(feed.body!.toString()).toContain("https://status.acme.test");
    expect(feed.body!.toString()).toContain("Acme");

    await setPageAsset(db, admin, "logo", PNG);
    const hubdoc = await createComponent(db, "hubdoc");
    const incident = await createIncident(db, {
      name: "Hubdoc slow",
      status: "investigating",
      impact: "minor",
      body: "Looking.",
      components: [{ componentId: hubdoc.id, status: "degraded_performance" }],
    });
    const update = await db.incidentUpdate.findFirstOrThrow({ where: { incidentId: incident.id } });
    const event = await db.$transaction((tx) => buildAlertEvent(tx, "incident.created", incident.id, update.id, new Date()));
    expect(event.page).toMatchObject({
      name: "Acme",
      url: "https://status.acme.test",
      logoUrl: expect.stringMatching(/^https:\/\/status\.acme\.test\/assets\/[0-9a-f]{32}\.png$/),
    });
    const mail = renderAlertEmail(
      event,
      { incidentUrl: event.incident.url, manageUrl: "https://status.acme.test/m", unsubscribeUrl: "https://status.acme.test/u" },
      { idempotencyKey: "k1", domain: "acme.test" },
    );
    expect(mail.html).toContain(`src="${event.page.logoUrl}"`);
    expect(mail.html).toContain(`background-color:${page.accentLight}`);
  });

  it("audits only what changed, and a save that changes nothing writes nothing", async () => {
    await updatePageSettings(db, admin, { name: "Acme", timeZone: "UTC" });
    const [row] = await db.auditEvent.findMany({ where: { action: "settings.updated" } });
    expect(JSON.parse(row!.before!)).toEqual({ name: "Test" });
    expect(JSON.parse(row!.after!)).toEqual({ name: "Acme" });
    expect(row).toMatchObject({ actorEmail: "ana@example.com", ip: "203.0.113.9" });
    const revision = (await db.pageSetting.findUniqueOrThrow({ where: { id: 1 } })).revision;
    expect((await updatePageSettings(db, admin, { name: "Acme" })).changed).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "settings.updated" } })).toBe(1);
    expect((await db.pageSetting.findUniqueOrThrow({ where: { id: 1 } })).revision).toBe(revision);
  });

  it("bad input names the field and saves nothing, not even the valid fields beside it", async () => {
    const before = await loadPageSettings(db);
    await expect(updatePageSettings(db, admin, { name: "Acme", url: "http://status.acme.test", brandColor: "teal" })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["url"] }), expect.objectContaining({ path: ["brandColor"] })]),
    });
    expect(await loadPageSettings(db)).toEqual(before);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("editors and viewers cannot change settings", async () => {
    await expect(updatePageSettings(db, editor, { name: "Hijacked" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setPageAsset(db, editor, "logo", PNG)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateInstallationSettings(db, { ...editor, role: "viewer" }, { allowMetadataProbeTargets: true })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await loadPageSettings(db)).name).toBe("Test");
  });
});

describe("logo and favicon", () => {
  it("an uploaded logo is served at its hash for a year, sandboxed, and replaced by the next upload", async () => {
    const first = await setPageAsset(db, admin, "logo", PNG);
    expect(first.logoPath).toMatch(/^\/assets\/[0-9a-f]{32}\.png$/);
    expect((await fresh()).page.logoPath).toBe(first.logoPath);
    const served = await assetResponse("GET", first.logoPath!.slice("/assets/".length), none);
    expect(served.status).toBe(200);
    expect(served.body).toEqual(PNG);
    expect(served.headers).toMatchObject({
      "Content-Type": "image/png",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": expect.stringContaining("sandbox"),
    });
    const etag = served.headers.ETag!;
    expect((await assetResponse("GET", first.logoPath!.slice(8), { get: (n: string) => (n === "if-none-match" ? etag : null) })).status).toBe(304);
    // The same hash with another extension is not the same URL.
    expect((await assetResponse("GET", first.logoPath!.slice(8).replace(".png", ".svg"), none)).status).toBe(404);

    const svg = await setPageAsset(
      db,
      admin,
      "logo",
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/><script>alert(2)</script></svg>`),
    );
    expect(svg.logoPath).toMatch(/\.svg$/);
    const stored = (await assetResponse("GET", svg.logoPath!.slice(8), none)).body!.toString();
    expect(stored).toContain("<circle");
    expect(stored).not.toMatch(/onload|script/);
    expect(await db.pageAsset.count()).toBe(1);

    await removePageAsset(db, admin, "logo");
    expect((await fresh()).page.logoPath).toBeNull();
    expect((await db.auditEvent.findMany({ orderBy: { at: "asc" } })).map((e) => e.action)).toEqual([
      "settings.logo_uploaded",
      "settings.logo_uploaded",
      "settings.logo_removed",
    ]);
  });

  it("refuses a file that is not an image it accepts, keeping the current one", async () => {
    const { logoPath } = await setPageAsset(db, admin, "logo", PNG);
    await expect(setPageAsset(db, admin, "logo", Buffer.from("GIF89a..."))).rejects.toMatchObject({
      code: "invalid",
      fields: { logo: expect.stringContaining("not a PNG, SVG or WebP") },
    });
    await expect(setPageAsset(db, admin, "favicon", Buffer.concat([PNG, Buffer.alloc(200_000)]))).rejects.toMatchObject({
      fields: { favicon: expect.stringContaining("128 KB") },
    });
    expect((await loadPageSettings(db)).logoPath).toBe(logoPath);
  });
});

describe("settings through the management API", () => {
  async function call(method: string, path: string, scopes: ApiScope[], body?: unknown) {
    const { key } = await createApiKey(db, admin, { name: `k${Math.random()}`, scopes });
    const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${key}` };
    return handleManageRequest(
      db,
      {
        method,
        url: new URL(`http://localhost/api/manage/v1${path}`),
        headers: { get: (n) => headers[n.toLowerCase()] ?? null },
        text: async () => (body === undefined ? "" : JSON.stringify(body)),
        ip: "203.0.113.5",
      },
      { pageUrl: "https://status.example.com", rateLimitPerMinute: 120 },
      // biome-ignore lint/suspicious/noExplicitAny: tests read whichever fields they assert
    ) as Promise<{ status: number; body: any }>;
  }

  it("reads with `read`, changes with `settings:write`, and names bad fields in the API's spelling", async () => {
    expect((await call("GET", "/settings", ["read"])).body.settings).toMatchObject({ name: "Test", time_zone: "UTC", locale: "en-US", logo_url: null });
    expect((await call("PATCH", "/settings", ["read"], { name: "Nope" })).status).toBe(403);

    const patched = await call("PATCH", "/settings", ["settings:write"], { name: "Acme", time_zone: "Pacific/Auckland", brand_color: "#0b7285" });
    expect(patched.status).toBe(200);
    expect(patched.body.settings).toMatchObject({ name: "Acme", time_zone: "Pacific/Auckland", brand_color: "#0b7285", url: "http://localhost" });

    const bad = await call("PATCH", "/settings", ["settings:write"], { brand_color: "teal", colour: "#000" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ brand_color: expect.stringContaining("#rrggbb"), colour: "unknown field" });
    expect((await loadPageSettings(db)).brandColor).toBe("#0b7285");

    const uploaded = await call("PUT", "/settings/logo", ["settings:write"], { data: PNG.toString("base64") });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.settings.logo_url).toMatch(/^http:\/\/localhost\/assets\/[0-9a-f]{32}\.png$/);
    const refused = await call("PUT", "/settings/favicon", ["settings:write"], { data: Buffer.from("hello").toString("base64") });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toMatchObject({ favicon: expect.stringContaining("not a PNG, SVG or ICO") });
    expect((await call("DELETE", "/settings/logo", ["settings:write"])).body.settings.logo_url).toBeNull();
    expect((await db.auditEvent.findMany({ where: { action: "settings.updated" } }))[0]?.actorEmail).toMatch(/^api-key:/);
  });
});

describe("probes and metadata addresses", () => {
  it("refused by default, and the admin's setting is audited and read by probes", async () => {
    const result = await testProbe(db, editor, { kind: "http", url: "http://169.254.169.254/latest/meta-data/" });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "blocked_target" });
    expect(result.message).toContain("an admin can allow these addresses in Settings");

    // The monthly uptime report is on until an admin turns it off.
    expect(await loadInstallationSettings(db)).toEqual({ allowMetadataProbeTargets: false, monthlyReportEnabled: true });
    await updateInstallationSettings(db, admin, { allowMetadataProbeTargets: true });
    expect(await loadInstallationSettings(db)).toEqual({ allowMetadataProbeTargets: true, monthlyReportEnabled: true });
    await updateInstallationSettings(db, admin, { monthlyReportEnabled: false });
    expect(await loadInstallationSettings(db)).toEqual({ allowMetadataProbeTargets: true, monthlyReportEnabled: false });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.installation_updated" }, orderBy: { at: "asc" } });
    expect(JSON.parse(audit.after!)).toEqual({ allowMetadataProbeTargets: true });
  });
});
