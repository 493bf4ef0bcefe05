// The public HTML cache against a flood of made-up incident ids: one shared 404 render,
// no entry per id, and the home page's entry never pushed out. The renderer here is a real
// HTTP server on loopback standing in for Next (html.ts renders by requesting the origin).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { publicHtmlResponse, publicPageKey, UNKNOWN_INCIDENT_KEY } from "@/lib/public/html";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";
import { seedIfEmpty } from "@/lib/seed/demo";
import { startHttpReceiver } from "../support/http-receiver";
import { resetDb, testDatabaseUrl, testDb } from "./db";

let renderer: Awaited<ReturnType<typeof startHttpReceiver>>;
const noHeaders = { get: () => null };

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  const db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: "http://status.test/" });
  invalidatePublicSnapshot();
  renderer = await startHttpReceiver((req) => (req.path.startsWith("/incidents/~") ? 404 : 200));
});

afterAll(() => renderer?.close());

describe("public HTML cache", () => {
  it("answers every unknown incident id from one shared 404 render, leaving the home page's entry alone", async () => {
    const origin = renderer.url("").replace(/\/$/, "");
    expect((await publicHtmlResponse("GET", noHeaders, origin, "/"))!.status).toBe(200);
    for (let i = 0; i < 600; i++) {
      const key = publicPageKey(`/incidents/made-up-${i}`, new URLSearchParams())!;
      expect((await publicHtmlResponse("GET", noHeaders, origin, key))!.status).toBe(404);
    }
    await publicHtmlResponse("GET", noHeaders, origin, "/");
    const paths = renderer.received.map((r) => r.path);
    expect(paths.filter((p) => p === UNKNOWN_INCIDENT_KEY)).toHaveLength(1);
    expect(paths.filter((p) => p === "/")).toHaveLength(1);
  });

  it("renders a real incident under its own key", async () => {
    const origin = renderer.url("").replace(/\/$/, "");
    const incident = await (await testDb()).incident.findFirstOrThrow({ select: { id: true } });
    expect((await publicHtmlResponse("GET", noHeaders, origin, `/incidents/${incident.id}`))!.status).toBe(200);
    expect(renderer.received.map((r) => r.path)).toContain(`/incidents/${incident.id}`);
  });
});
