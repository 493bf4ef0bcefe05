// The public page's self-refresh, server side, on the real snapshot: a page refreshes itself
// only while something is going on (homeIsLive), and its poll, HEAD /api/public/snapshot with
// the ETag the page was rendered with, is a 304 without a body until a write changes the
// snapshot, then a 200 naming the new ETag (still without a body: the page fetches itself anew).
// Also: each uptime day carries the incidents of that day, which its button and popover name.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { translator } from "@/lib/i18n/translate";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import { createIncident } from "@/lib/incidents/create-incident";
import { homeIsLive, REVISION_HEADER, SNAPSHOT_PATH } from "@/lib/public/live";
import { getHomeSnapshot, invalidatePublicSnapshot } from "@/lib/public/snapshot";
import type { ComponentView } from "@/lib/public/types";
import { daySummary } from "@/lib/public/uptime-day";
import { seedIfEmpty } from "@/lib/seed/demo";
import { publicPageResponse } from "@/server/public-routes";
import { resetDb, testDatabaseUrl, testDb } from "./db";

let db: Db;

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });

async function poll(etag: string) {
  const response = await publicPageResponse("HEAD", new URL(SNAPSHOT_PATH, "http://status.test"), headers({ "if-none-match": etag }), "http://127.0.0.1:1");
  if (!response) throw new Error("the snapshot was not answered by the server's fast path");
  return response;
}

async function snapshot() {
  invalidatePublicSnapshot();
  return (await getHomeSnapshot()).value;
}

function component(items: Awaited<ReturnType<typeof snapshot>>["items"], slug: string): ComponentView {
  const all = items.flatMap((item) => (item.type === "group" ? item.group.components : [item.component]));
  return all.find((c) => c.slug === slug)!;
}

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: "http://status.test/" });
});

describe("the public page during an incident", () => {
  it("refreshes itself only while an incident is open, and its poll costs a 304 until something changes", async () => {
    // The demo: resolved incidents and an upcoming maintenance, nothing going on.
    expect(homeIsLive(await snapshot())).toBe(false);

    const hubdoc = await db.component.findUniqueOrThrow({ where: { slug: "hubdoc" } });
    const incident = await createIncident(db, {
      name: "Hubdoc – Document fetching delayed",
      status: "investigating",
      impact: "minor",
      body: "Fetching is slow.",
      components: [{ componentId: hubdoc.id, status: "partial_outage" }],
    });
    const open = await snapshot();
    expect(homeIsLive(open)).toBe(true);

    const shown = open.encoded().etag;
    const unchanged = await poll(shown);
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBeNull();

    await addIncidentUpdate(db, { incidentId: incident.id, status: "identified", body: "A stuck queue." });
    const updated = await snapshot();
    const changed = await poll(shown);
    expect(changed.status).toBe(200);
    expect(changed.body).toBeNull(); // HEAD: the page refetches itself, not the JSON
    expect(changed.headers.ETag).not.toBe(shown);
    expect(changed.headers.ETag).toBe(updated.encoded().etag); // what the refreshed page is rendered with
    // A write: the revision moved too, so the page refreshes at once (not only every 5 minutes).
    expect(Number(changed.headers[REVISION_HEADER])).toBe(updated.revision);
    expect(updated.revision).toBeGreaterThan(open.revision);
    expect(unchanged.headers[REVISION_HEADER]).toBe(String(open.revision));
    expect((await poll(updated.encoded().etag)).status).toBe(304);

    // Today's bar day names the incident; the popover reads it from the same data.
    const today = component(updated.items, "hubdoc").days.at(-1)!;
    expect(today.incidents).toContainEqual({ id: incident.id, name: "Hubdoc – Document fetching delayed" });
    expect(daySummary(today, translator("en-US"))).toMatch(/: [\d.]+% uptime(, Partial Outage \d[\d,]* min)?, \d+ incidents?$/);

    await addIncidentUpdate(db, { incidentId: incident.id, status: "resolved", body: "Fixed.", restoreComponents: true });
    expect(homeIsLive(await snapshot())).toBe(false);
  });
});
