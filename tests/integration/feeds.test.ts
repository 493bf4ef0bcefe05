import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { feedResponse } from "@/lib/feeds/serve";
import { child, childElements, parseXml, textOf, type XmlElement } from "@/lib/feeds/xml-check";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import { createIncident, createMaintenance } from "@/lib/incidents/create-incident";
import { publicPageResponse } from "@/server/public-routes";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/cached-response";
import { invalidatePublicSnapshot, publicCache } from "@/lib/public/snapshot";
import { seedIfEmpty } from "@/lib/seed/demo";
import * as atomRoute from "@/app/feed.atom/route";
import * as rssRoute from "@/app/feed.rss/route";
import { generateMetadata } from "@/app/(public)/layout";
import { resetDb, testDatabaseUrl, testDb } from "./db";

// The feeds end to end: rows written by the real domain verbs, read through the function
// server/http-server.ts (via publicPageResponse) and the route handlers answer with.

let db: Db;
const now = new Date();
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
const ids = { go: "", hubdoc: "", verify: "", olderUpdated: "", newer: "", hubdocOutage: "", goUpgrade: "" };

const headers = (h: Record<string, string> = {}) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });

async function get(path: string, h: Record<string, string> = {}) {
  const url = new URL(path, "http://x");
  const response = await feedResponse("GET", url, headers(h));
  return { ...response, text: response.body?.toString("utf8") ?? "" };
}

const incidentUrl = (id: string) => `http://status.test/incidents/${id}`;
const itemIds = (items: XmlElement[]) => items.map((i) => textOf(child(i, "guid")));
const entryIds = (entries: XmlElement[]) => entries.map((e) => textOf(child(e, "id")));

/** Every incident and maintenance touching the component (all when null), newest first by latest update, from the database. */
async function expectedOrder(componentId: string | null): Promise<string[]> {
  const rows = await db.incident.findMany({
    where: componentId ? { components: { some: { componentId } } } : {},
    include: { updates: { select: { displayAt: true } } },
  });
  return rows
    .map((r) => ({ id: r.id, latest: Math.max(...r.updates.map((u) => u.displayAt.getTime())) }))
    .sort((a, b) => b.latest - a.latest || (a.id < b.id ? 1 : -1))
    .slice(0, 50)
    .map((r) => incidentUrl(r.id));
}

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: "http://status.test/", now: ago(60) });
  for (const slug of ["go", "hubdoc", "verify"] as const) ids[slug] = (await db.component.findUniqueOrThrow({ where: { slug } })).id;

  ids.olderUpdated = (
    await createIncident(
      db,
      { name: "Go slow", status: "investigating", impact: "minor", body: "Slow.", components: [{ componentId: ids.go, status: "degraded_performance" }] },
      ago(50),
    )
  ).id;
  ids.newer = (
    await createIncident(
      db,
      { name: "Verify errors", status: "investigating", impact: "major", body: "Errors.", components: [{ componentId: ids.verify, status: "partial_outage" }] },
      ago(40),
    )
  ).id;
  ids.hubdocOutage = (
    await createIncident(
      db,
      {
        name: `Hubdoc <outage> & "friends"`,
        status: "investigating",
        impact: "critical",
        body: "Uploads **fail**. <script>alert(1)</script> Seen: `]]>`",
        components: [{ componentId: ids.hubdoc, status: "major_outage" }],
      },
      ago(30),
    )
  ).id;
  ids.goUpgrade = (
    await createMaintenance(
      db,
      {
        name: "Go database upgrade",
        body: "Planned.",
        scheduledFor: new Date(now.getTime() + 60 * MINUTE),
        scheduledUntil: new Date(now.getTime() + 120 * MINUTE),
        components: [ids.go],
      },
      ago(20),
    )
  ).id;
  // The oldest of the new incidents gets the latest update: it must move to the top.
  await addIncidentUpdate(db, { incidentId: ids.olderUpdated, status: "identified", body: "Found a **bad index**." }, ago(10));
  invalidatePublicSnapshot();
});

afterAll(() => {
  publicCache().stop();
  vi.unstubAllEnvs();
});

describe("RSS feed", () => {
  it("answers well-formed RSS 2.0 from memory with the public caching headers", async () => {
    const r = await get("/feed.rss");
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({
      "Content-Type": "application/rss+xml; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": PUBLIC_CACHE_CONTROL,
      ETag: expect.stringMatching(/^".+"$/),
    });
    const channel = child(parseXml(r.text), "channel");
    expect(textOf(child(channel, "title"))).toBe("Tallyworks Status");
    expect(textOf(child(channel, "link"))).toBe("http://status.test");
    expect(child(channel, "atom:link").attributes).toMatchObject({ href: "http://status.test/feed.rss", rel: "self" });
    expect(textOf(child(channel, "lastBuildDate"))).toBe(ago(10).toUTCString());
  });

  it("lists incidents and maintenance newest first by latest update", async () => {
    const items = childElements(child(parseXml((await get("/feed.rss")).text), "channel"), "item");
    expect(itemIds(items)).toEqual(await expectedOrder(null));
    const mine = itemIds(items).filter((id) => [ids.olderUpdated, ids.goUpgrade, ids.hubdocOutage, ids.newer].map(incidentUrl).includes(id));
    expect(mine).toEqual([ids.olderUpdated, ids.goUpgrade, ids.hubdocOutage, ids.newer].map(incidentUrl));
    expect(items.map((i) => textOf(child(i, "title")))).toContain("Maintenance: Go database upgrade");
  });

  it("describes an incident with its timeline as sanitised HTML", async () => {
    const items = childElements(child(parseXml((await get("/feed.rss")).text), "channel"), "item");
    const item = items.find((i) => textOf(child(i, "guid")) === incidentUrl(ids.hubdocOutage))!;
    expect(textOf(child(item, "title"))).toBe(`Hubdoc <outage> & "friends"`);
    expect(child(item, "guid").attributes).toEqual({ isPermaLink: "true" });
    expect(textOf(child(item, "pubDate"))).toBe(ago(30).toUTCString());
    expect(childElements(item, "category").map(textOf)).toEqual(["Hubdoc"]);
    const html = textOf(child(item, "description"));
    expect(html).toContain("<strong>Investigating</strong>");
    expect(html).toContain("Uploads <strong>fail</strong>.");
    expect(html).not.toContain("<script>");
    expect(html).toMatch(/ NZ[DS]T</); // dates in the page's zone (Pacific/Auckland), by its abbreviation

    const updated = items.find((i) => textOf(child(i, "guid")) === incidentUrl(ids.olderUpdated))!;
    const timeline = textOf(child(updated, "description"));
    expect(timeline.indexOf("<strong>Identified</strong>")).toBeLessThan(timeline.indexOf("<strong>Investigating</strong>"));
    expect(timeline).toContain("Found a <strong>bad index</strong>.");
  });
});

describe("Atom feed", () => {
  it("answers well-formed Atom 1.0 with the same entries", async () => {
    const r = await get("/feed.atom");
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({ "Content-Type": "application/atom+xml; charset=utf-8", "Access-Control-Allow-Origin": "*" });
    const feed = parseXml(r.text);
    expect(feed.attributes.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(textOf(child(feed, "id"))).toBe("http://status.test/feed.atom");
    expect(textOf(child(feed, "title"))).toBe("Tallyworks Status");
    expect(textOf(child(feed, "updated"))).toBe(
      ago(10)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
    );
    expect(childElements(feed, "link").map((l) => l.attributes.rel)).toEqual(["self", "alternate"]);
    expect(textOf(child(child(feed, "author"), "name"))).toBe("Tallyworks");
    const entries = childElements(feed, "entry");
    expect(entryIds(entries)).toEqual(await expectedOrder(null));
    const first = entries[0]!;
    for (const name of ["id", "title", "updated", "link", "content"]) expect(childElements(first, name)).toHaveLength(1);
    expect(child(first, "content").attributes).toEqual({ type: "html" });
  });
});

describe("per-component feeds", () => {
  it("lists only what touches the component", async () => {
    const rss = parseXml((await get("/feed.rss?component=go")).text);
    const channel = child(rss, "channel");
    expect(textOf(child(channel, "title"))).toBe("Tallyworks Status: Go");
    expect(child(channel, "atom:link").attributes.href).toBe("http://status.test/feed.rss?component=go");
    const items = childElements(channel, "item");
    expect(itemIds(items)).toEqual(await expectedOrder(ids.go));
    expect(itemIds(items)).toEqual(expect.arrayContaining([incidentUrl(ids.olderUpdated), incidentUrl(ids.goUpgrade)]));
    expect(itemIds(items)).not.toContain(incidentUrl(ids.hubdocOutage));
    for (const item of items) expect(childElements(item, "category").map(textOf)).toContain("Go");

    const atom = parseXml((await get("/feed.atom?component=hubdoc")).text);
    expect(entryIds(childElements(atom, "entry"))).toEqual(await expectedOrder(ids.hubdoc));
    expect(entryIds(childElements(atom, "entry"))[0]).toBe(incidentUrl(ids.hubdocOutage));
  });

  it.each(["/feed.rss?component=nope", "/feed.atom?component=nope", "/feed.rss?component="])("%s is a short text 404", async (path) => {
    const r = await get(path);
    expect(r.status).toBe(404);
    expect(r.headers["Content-Type"]).toBe("text/plain; charset=utf-8");
    expect(r.text).toMatch(/no component/);
  });
});

describe("HTTP", () => {
  it("answers 304 to a matching ETag, gzip when asked, and no body for HEAD", async () => {
    const plain = await get("/feed.atom?component=go");
    const notModified = await get("/feed.atom?component=go", { "if-none-match": plain.headers.ETag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();

    const gzipped = await feedResponse("GET", new URL("http://x/feed.atom?component=go"), headers({ "accept-encoding": "gzip, br" }));
    expect(gzipped.headers["Content-Encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body!).toString("utf8")).toBe(plain.text);

    const head = await feedResponse("HEAD", new URL("http://x/feed.rss"), headers());
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it("keeps the same bytes (and ETag) across rebuilds without writes", async () => {
    const before = await get("/feed.rss");
    invalidatePublicSnapshot();
    expect((await get("/feed.rss")).headers.ETag).toBe(before.headers.ETag);
  });

  it("sends the same bytes through the custom server path and the route handlers", async () => {
    const direct = await get("/feed.rss?component=go");
    const viaServer = await publicPageResponse("GET", new URL("http://x/feed.rss?component=go&utm=1"), headers(), "http://127.0.0.1:1");
    expect(viaServer?.body?.toString("utf8")).toBe(direct.text);

    // Route handlers never compress (Next strips Content-Encoding), whatever the client accepts.
    const viaRoute = await rssRoute.GET(new Request("http://localhost/feed.rss?component=go", { headers: { "accept-encoding": "gzip" } }));
    expect(viaRoute.status).toBe(200);
    expect(viaRoute.headers.get("content-encoding")).toBeNull();
    expect(viaRoute.headers.get("etag")).toBe(direct.headers.ETag);
    expect(await viaRoute.text()).toBe(direct.text);

    const atom = await atomRoute.GET(new Request("http://localhost/feed.atom?component=nope"));
    expect(atom.status).toBe(404);
    const atomHead = await atomRoute.HEAD(new Request("http://localhost/feed.atom", { method: "HEAD" }));
    expect(atomHead.status).toBe(200);
    expect(atomHead.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  });

  it("advertises both feeds in the public pages' head", async () => {
    const metadata = await generateMetadata();
    expect(metadata.alternates?.types).toEqual({
      "application/rss+xml": [{ url: "/feed.rss", title: "Tallyworks incidents (RSS)" }],
      "application/atom+xml": [{ url: "/feed.atom", title: "Tallyworks incidents (Atom)" }],
    });
  });
});

describe("after writes", () => {
  it("moves a newly updated incident to the top and changes the ETag", async () => {
    const before = await get("/feed.rss");
    await addIncidentUpdate(db, { incidentId: ids.newer, status: "resolved", body: "Fixed." }, ago(1));
    invalidatePublicSnapshot();
    const after = await get("/feed.rss");
    expect(after.headers.ETag).not.toBe(before.headers.ETag);
    const items = childElements(child(parseXml(after.text), "channel"), "item");
    expect(textOf(child(items[0]!, "guid"))).toBe(incidentUrl(ids.newer));
  });

  it("keeps the 50 most recent", async () => {
    for (let i = 0; i < 45; i++) {
      await createIncident(db, { name: `Blip ${i}`, status: "investigating", impact: "minor", body: "Blip.", components: [] }, ago(5 * 24 * 60 + i));
    }
    invalidatePublicSnapshot();
    expect(await db.incident.count()).toBeGreaterThan(50);
    const items = childElements(child(parseXml((await get("/feed.rss")).text), "channel"), "item");
    expect(items).toHaveLength(50);
    expect(itemIds(items)).toEqual(await expectedOrder(null));
  });
});
