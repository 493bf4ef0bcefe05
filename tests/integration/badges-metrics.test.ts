import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { BADGE_CACHE_CONTROL } from "@/lib/badges/serve";
import { formatUptime, STATUS_COLORS } from "@/lib/badges/badge";
import { EMBED_SCRIPT } from "@/lib/embed/script";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import { createIncident, createMaintenance } from "@/lib/incidents/create-incident";
import { advanceMaintenances } from "@/lib/incidents/maintenance/advance";
import { metricsResponse } from "@/lib/metrics/serve";
import { histogramSamples, registerCollector } from "@/lib/prometheus/registry";
import { publicPageResponse } from "@/server/public-routes";
import { getHomeSnapshot, invalidatePublicSnapshot, publicCache } from "@/lib/public/snapshot";
import { seedIfEmpty } from "@/lib/seed/demo";
import * as pageBadgeRoute from "@/app/badge.svg/route";
import * as componentBadgeRoute from "@/app/badge/[slug]/route";
import * as embedRoute from "@/app/embed.js/route";
import * as metricsRoute from "@/app/metrics/route";
import { resetDb, testDatabaseUrl, testDb } from "./db";

// Badges, the embed script and /metrics end to end: rows written by the real domain
// verbs, read through the custom server's entry point (publicPageResponse) and the
// App Router handlers.

const TOKEN = "metrics-token-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };
const HOUR = 3_600_000;
const now = new Date();
let db: Db;
let hubdocIncidentId = "";

const headers = (h: Record<string, string> = {}) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });

async function serve(path: string, h: Record<string, string> = {}, method = "GET") {
  const response = await publicPageResponse(method, new URL(path, "http://status.test"), headers(h), "http://127.0.0.1:1");
  if (!response) throw new Error(`${path} was not answered by the server's fast path`);
  return { ...response, text: response.body?.toString("utf8") ?? "" };
}

beforeAll(async () => {
  // The serving code reads its settings through lib/env.ts, as in production.
  vi.stubEnv("DATABASE_URL", testDatabaseUrl());
  vi.stubEnv("METRICS_TOKEN", TOKEN);
  db = await testDb();
  await resetDb(db);
  await seedIfEmpty(db, { demo: true, url: "http://status.test/", now });
  const id = async (slug: string) => (await db.component.findUniqueOrThrow({ where: { slug } })).id;
  hubdocIncidentId = (
    await createIncident(
      db,
      {
        name: "Hubdoc outage",
        status: "investigating",
        impact: "critical",
        body: "Down.",
        components: [{ componentId: await id("hubdoc"), status: "major_outage" }],
      },
      new Date(now.getTime() - HOUR),
    )
  ).id;
  await createMaintenance(
    db,
    {
      name: "Go database upgrade",
      body: "Planned.",
      scheduledFor: new Date(now.getTime() - HOUR),
      scheduledUntil: new Date(now.getTime() + HOUR),
      components: [await id("go")],
    },
    new Date(now.getTime() - 2 * HOUR),
  );
  await advanceMaintenances(db, now);
  invalidatePublicSnapshot();
});

afterAll(() => {
  publicCache().stop();
  vi.unstubAllEnvs();
});

describe("badges", () => {
  it("shows a component in outage in red, named, as a cacheable SVG any site may embed", async () => {
    const r = await serve("/badge/hubdoc.svg");
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": BADGE_CACHE_CONTROL,
      ETag: expect.stringMatching(/^".+"$/),
    });
    expect(r.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(r.text).toContain('aria-label="Hubdoc: major outage"');
    expect(r.text).toContain(`fill="${STATUS_COLORS.major_outage}"`);
    expect(r.text).toMatch(/fill="#fff" textLength="\d+">major outage<\/text>/);
  });

  it("shows a component under maintenance in blue, and an operational one in green", async () => {
    expect((await serve("/badge/go.svg")).text).toContain('aria-label="Go: under maintenance"');
    expect((await serve("/badge/go.svg")).text).toContain(`fill="${STATUS_COLORS.under_maintenance}"`);
    const verify = await serve("/badge/verify.svg?style=flat-square");
    expect(verify.text).toContain('aria-label="Verify: operational"');
    expect(verify.text).toContain(`fill="${STATUS_COLORS.operational}"`);
    expect(verify.text).not.toContain("rx=");
  });

  it("answers the bare slug too, as the console shows it", async () => {
    const bare = await serve("/badge/hubdoc");
    expect(bare.status).toBe(200);
    expect(bare.body!.equals((await serve("/badge/hubdoc.svg")).body!)).toBe(true);
  });

  it("shows the page's overall status at /badge.svg", async () => {
    const r = await serve("/badge.svg");
    expect(r.text).toContain('aria-label="status: major outage"');
    expect(r.text).toContain(`fill="${STATUS_COLORS.major_outage}"`);
  });

  it("shows 90-day uptime with ?metric=uptime, as on the page", async () => {
    const { value } = await getHomeSnapshot();
    const hubdoc = value.items.flatMap((i) => (i.type === "group" ? i.group.components : [i.component])).find((c) => c.slug === "hubdoc")!;
    const r = await serve("/badge/hubdoc.svg?metric=uptime");
    expect(r.status).toBe(200);
    expect(r.text).toContain(`aria-label="Hubdoc uptime: ${formatUptime(hubdoc.uptimePercent!)}"`);
    expect(hubdoc.uptimePercent!).toBeLessThan(100); // its demo outage and today's
    // "Me" never had an outage: a perfect, green record.
    const me = await serve("/badge/me.svg?metric=uptime");
    expect(me.text).toContain('aria-label="Me uptime: 100.00%"');
    expect(me.text).toContain(`fill="${STATUS_COLORS.operational}"`);
  });

  it("answers an unknown component with a 404 that is still an SVG badge", async () => {
    for (const path of ["/badge/nope.svg", "/badge/hubdoc.png", "/badge/nope.svg?metric=uptime"]) {
      const r = await serve(path);
      expect(r.status).toBe(404);
      expect(r.headers["Content-Type"]).toBe("image/svg+xml; charset=utf-8");
      expect(r.text).toMatch(/^<svg /);
      expect(r.text).toContain(": not found");
      expect(r.text).not.toContain("{");
    }
  });

  it("takes a custom label, escaped and length-limited", async () => {
    const r = await serve(`/badge/hubdoc.svg?label=${encodeURIComponent('<b>"Docs" & more</b>')}`);
    expect(r.text).toContain('aria-label="&lt;b&gt;&quot;Docs&quot; &amp; more&lt;/b&gt;: major outage"');
    expect(r.text).not.toContain("<b>");
    const long = await serve(`/badge.svg?label=${"x".repeat(1000)}`);
    expect(long.text).toContain(`aria-label="${"x".repeat(63)}…: major outage"`);
  });

  it("builds each variant once, answers 304 to its ETag, gzip when asked, no body to HEAD", async () => {
    const first = await serve("/badge/hubdoc.svg");
    const second = await serve("/badge/hubdoc.svg");
    expect(second.body).toBe(first.body); // the same buffer: built once, not per request
    const etag = first.headers.ETag!;
    expect((await serve("/badge/hubdoc.svg?style=flat-square")).headers.ETag).not.toBe(etag);

    const notModified = await serve("/badge/hubdoc.svg", { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
    expect(notModified.headers["Cache-Control"]).toBe(BADGE_CACHE_CONTROL);

    const gzipped = await serve("/badge/hubdoc.svg", { "accept-encoding": "gzip" });
    expect(gzipped.headers["Content-Encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body!).equals(first.body!)).toBe(true);

    const head = await serve("/badge/hubdoc.svg", {}, "HEAD");
    expect(head.body).toBeNull();
    expect(head.headers["Content-Length"]).toBe(String(first.body!.length));
  });

  it("answers the same bytes through the App Router handlers", async () => {
    for (const [handler, path] of [
      [componentBadgeRoute.GET, "/badge/hubdoc.svg?metric=uptime"],
      [componentBadgeRoute.GET, "/badge/nope.svg"],
      [pageBadgeRoute.GET, "/badge.svg?style=flat-square"],
    ] as const) {
      const server = await serve(path);
      const viaRoute = await handler(new Request(`http://localhost${path}`, { headers: { "accept-encoding": "gzip" } }));
      expect(viaRoute.status).toBe(server.status);
      expect(viaRoute.headers.get("content-encoding")).toBeNull();
      expect(viaRoute.headers.get("etag")).toBe(server.headers.ETag);
      expect(Buffer.from(await viaRoute.arrayBuffer()).equals(server.body!)).toBe(true);
    }
  });
});

describe("embed.js", () => {
  it("serves the script as cacheable JavaScript any site may load", async () => {
    const r = await serve("/embed.js");
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({
      "Content-Type": "text/javascript; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": expect.stringContaining("max-age=300"),
      ETag: expect.stringMatching(/^".+"$/),
    });
    expect(r.text).toBe(EMBED_SCRIPT);
    expect((await serve("/embed.js", { "if-none-match": r.headers.ETag! })).status).toBe(304);

    const viaRoute = await embedRoute.GET(new Request("http://localhost/embed.js"));
    expect(await viaRoute.text()).toBe(EMBED_SCRIPT);
    expect(viaRoute.headers.get("etag")).toBe(r.headers.ETag);
  });
});

describe("/metrics", () => {
  it("refuses a scrape without the token, or with a wrong one", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong-token-0123456789" },
      { authorization: TOKEN },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const h of attempts) {
      const r = await serve("/metrics", h);
      expect(r.status).toBe(401);
      expect(r.headers).toMatchObject({ "Cache-Control": "no-store", "WWW-Authenticate": 'Bearer realm="vigil-metrics"' });
      expect(r.text).not.toContain("vigil_");
    }
    expect((await metricsRoute.GET(new Request("http://localhost/metrics"))).status).toBe(401);
  });

  it("exposes component, page, incident and maintenance gauges in the text format, never cached", async () => {
    const r = await serve("/metrics", auth);
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({ "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" });
    const lines = r.text.split("\n");
    expect(lines).toContain('vigil_component_status{component="hubdoc",name="Hubdoc",group="",status="major_outage"} 1');
    expect(lines).toContain('vigil_component_status{component="hubdoc",name="Hubdoc",group="",status="operational"} 0');
    expect(lines).toContain('vigil_component_up{component="hubdoc",name="Hubdoc",group=""} 0');
    expect(lines).toContain('vigil_component_up{component="expenses-app",name="Expenses App",group="Mobile Apps"} 1');
    expect(lines).toContain('vigil_component_status{component="go",name="Go",group="",status="under_maintenance"} 1');
    expect(lines).toContain('vigil_component_uptime_ratio{component="me",name="Me",group="Mobile Apps"} 1');
    expect(lines).toContain("vigil_page_status_indicator 4");
    expect(lines).toContain('vigil_page_status{indicator="critical"} 1');
    expect(lines).toContain("vigil_incidents_open 1");
    expect(lines).toContain("vigil_maintenances_active 1");
    expect(lines).toContain("vigil_maintenances_upcoming 1"); // the demo's Tax NZ window
    expect(lines).toContain("vigil_public_snapshot_stale 0");
    expect(lines).toContain('vigil_scrape_collector_success{collector="status"} 1');
    expect(lines).toContain("# TYPE vigil_component_status gauge");
    expect(lines.filter((l) => l.startsWith("vigil_component_status{"))).toHaveLength((await db.component.count()) * 5);
    expect(r.text.endsWith("\n")).toBe(true);
  });

  it("answers the same through the App Router handler, and gzip to the server path when asked", async () => {
    const viaRoute = await metricsRoute.GET(new Request("http://localhost/metrics", { headers: auth }));
    expect(viaRoute.status).toBe(200);
    // Vigil's own families, byte for byte (the process's CPU and memory move between two scrapes).
    const vigilOnly = (text: string) =>
      text
        .split("\n")
        .filter((line) => /^(# (HELP|TYPE) )?vigil_/.test(line))
        .join("\n");
    const direct = (await serve("/metrics", auth)).text;
    expect(vigilOnly(await viaRoute.text())).toBe(vigilOnly(direct));
    expect(direct).toMatch(/^process_resident_memory_bytes \d+$/m);
    const gzipped = await serve("/metrics", { ...auth, "accept-encoding": "gzip" });
    expect(gunzipSync(gzipped.body!).toString()).toContain("vigil_incidents_open 1");
  });

  it("includes collectors other modules register, such as probe histograms", async () => {
    const remove = registerCollector("probes-test", async () => [
      {
        name: "vigil_probe_duration_seconds",
        help: "Probe duration.",
        type: "histogram",
        samples: histogramSamples({ labels: { component: "hubdoc" }, buckets: [{ le: 0.5, count: 2 }], sum: 0.4, count: 3 }),
      },
      { name: "vigil_probe_checks_total", help: "Probe checks.", type: "counter", samples: [{ labels: { result: "failed" }, value: 1 }] },
    ]);
    try {
      const lines = (await serve("/metrics", auth)).text.split("\n");
      expect(lines).toContain('vigil_probe_duration_seconds_bucket{component="hubdoc",le="+Inf"} 3');
      expect(lines).toContain('vigil_probe_checks_total{result="failed"} 1');
      expect(lines).toContain('vigil_scrape_collector_success{collector="probes-test"} 1');
    } finally {
      remove();
    }
  });

  it("is open when no token is configured, and only answers GET and HEAD", async () => {
    expect((await metricsResponse("GET", headers(), { token: undefined })).status).toBe(200);
    const post = await serve("/metrics", auth, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.Allow).toBe("GET, HEAD");
  });
});

describe("after a write", () => {
  it("the badges and metrics follow: a resolved incident turns Hubdoc green", async () => {
    const before = await serve("/badge/hubdoc.svg");
    await addIncidentUpdate(db, { incidentId: hubdocIncidentId, status: "resolved", body: "Fixed.", restoreComponents: true }, now);
    invalidatePublicSnapshot();
    const after = await serve("/badge/hubdoc.svg");
    expect(after.text).toContain('aria-label="Hubdoc: operational"');
    expect(after.headers.ETag).not.toBe(before.headers.ETag);
    // Only the maintenance is left.
    expect((await serve("/badge.svg")).text).toContain('aria-label="status: under maintenance"');
    const metrics = (await serve("/metrics", auth)).text.split("\n");
    expect(metrics).toContain("vigil_incidents_open 0");
    expect(metrics).toContain("vigil_page_status_indicator 1");
  });
});
