import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { buildSnapshot } from "@/lib/public/build-snapshot";
import { loadStatusRows } from "@/lib/public/queries";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import { createIncident } from "@/lib/incidents/create-incident";
import { demoTargetResponse } from "@/lib/demo/target";
import { startHttp } from "@/tests/support/probe-servers";
import { runProbeOnce } from "@/lib/probes/worker";
import { DEMO_PROBE_NAME, seedIfEmpty } from "@/lib/seed/demo";
import { LatencyLoader } from "@/lib/public/latency";
import { rollUpProbeResults } from "@/lib/probes/history/rollup-store";
import { resetDb, testDb } from "./db";

let db: Db;
const now = new Date("2026-11-27T21:00:00Z");
const since = new Date(now.getTime() - 91 * 86_400_000);

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
});

describe("demo seed and public snapshot", () => {
  it("seeds the bookkeeping suite once, with its history, in position order", async () => {
    expect(await seedIfEmpty(db, { demo: true, url: "http://localhost:3000", now })).toBe(true);
    expect(await seedIfEmpty(db, { demo: true, url: "http://localhost:3000", now })).toBe(false);

    const snapshot = buildSnapshot(await loadStatusRows(db, since), now);
    expect(snapshot.status).toEqual({ indicator: "none", description: "All Systems Operational" });
    const names = snapshot.items.map((i) => (i.type === "group" ? i.group.name : i.component.name));
    expect(names).toEqual(["Verify", "Mobile Apps", "Workpapers", "HQ", "Tax AU", "Tax NZ", "Tax UK", "Go", "Central", "Hubdoc", "WorkflowMax"]);
    const group = snapshot.items.find((i) => i.type === "group");
    expect(group?.type === "group" && group.group.components.map((c) => c.name)).toEqual(["Accounting Mobile App", "Expenses App", "Projects App", "Me"]);

    // 15 days of past incidents, every day listed, newest first.
    expect(snapshot.pastDays).toHaveLength(15);
    const withIncidents = snapshot.pastDays.filter((d) => d.incidents.length > 0);
    const sending = withIncidents.flatMap((d) => d.incidents).find((i) => i.name.startsWith("Sending emails"))!;
    expect(sending.updates.map((u) => u.status)).toEqual(["resolved", "investigating"]);
    const nav = withIncidents.flatMap((d) => d.incidents).find((i) => i.name.startsWith("Navigation bar"))!;
    expect(nav.updates.map((u) => u.status)).toEqual(["resolved", "monitoring", "investigating"]);
    expect(nav.updates[1]!.bodyHtml).toContain("Our team has implemented a fix and we are currently monitoring the results.");

    // Uptime bars are not all green, and Go (started 41 days ago) shows no data before that.
    const components = snapshot.items.flatMap((i) => (i.type === "group" ? i.group.components : [i.component]));
    const hubdoc = components.find((c) => c.slug === "hubdoc")!;
    expect(hubdoc.days.some((d) => d.worst === "major_outage")).toBe(true);
    expect(hubdoc.uptimePercent!).toBeLessThan(100);
    const go = components.find((c) => c.slug === "go")!;
    expect(go.days.filter((d) => d.worst === null).length).toBeGreaterThan(40);
    expect(snapshot.maintenances.map((m) => m.status)).toEqual(["scheduled"]);
  });

  it("gives every demo component a 60 s probe of the demo target, whose checks keep the page operational", async () => {
    // Vigil's own demo target (server/http-server.ts serves the same answer at /demo-target/<slug>).
    const server = await startHttp((req, res) => {
      void demoTargetResponse(req.method ?? "GET", new URL(req.url ?? "/", "http://x").pathname, () => 0).then((answer) => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body ?? undefined);
      });
    });
    try {
      await seedIfEmpty(db, { demo: true, url: `${server.url}/`, now });
      const components = await db.component.count();
      const probes = await db.probe.findMany({ include: { component: { select: { slug: true } } } });
      expect(probes).toHaveLength(components);
      for (const probe of probes) {
        expect(probe).toMatchObject({ name: DEMO_PROBE_NAME, kind: "http", enabled: true });
        expect(JSON.parse(probe.config)).toMatchObject({
          url: `${server.url}/demo-target/${probe.component.slug}`,
          jsonAssertions: [{ path: "$.status", op: "==", value: "UP" }],
        });
        expect(JSON.parse(probe.schedule)).toEqual({ intervalSeconds: 60 });
      }

      // A week of response times is seeded, so every chart is drawn on the first visit.
      const seeded = await new LatencyLoader().load(db, now);
      expect(seeded.size).toBe(components);
      const hubdoc = probes.find((p) => p.component.slug === "hubdoc")!.componentId;
      const { day, week } = seeded.get(hubdoc)!;
      expect(week.p50.every((ms) => ms !== null && ms >= 10 && ms < 120)).toBe(true);
      // Hours up to the newest settled one (now is 21:00 UTC: 20:00 and 21:00 wait for real checks).
      expect(day.p50.slice(0, 22).every((ms) => ms !== null)).toBe(true);
      expect(day.p50.slice(22)).toEqual([null, null]);

      const history = await db.componentStatusChange.count();
      for (const minute of [0, 1]) {
        for (const probe of probes) {
          const { result } = await runProbeOnce(db, probe.id, { region: "local", now: () => new Date(now.getTime() + minute * 60_000) });
          expect(result).toMatchObject({ outcome: "ok", statusCode: 200 });
        }
      }
      // Confirmed up: the probes now decide, and they say what the page already said.
      expect(await db.component.count({ where: { observedStatus: "operational" } })).toBe(components);
      expect(await db.componentStatusChange.count()).toBe(history);
      const snapshot = buildSnapshot(await loadStatusRows(db, since), now);
      expect(snapshot.status).toEqual({ indicator: "none", description: "All Systems Operational" });
      // Real results carry on after the seeded week: the rollups go on from there, into the chart.
      const later = new Date(now.getTime() + 2 * 3_600_000);
      expect((await rollUpProbeResults(db, later)).hours).toBe(1);
      expect((await new LatencyLoader().load(db, later)).get(hubdoc)!.day.p50.at(-3)).not.toBeNull();
    } finally {
      await server.close();
    }
  });

  it("puts an unresolved incident on top and raises the banner by its impact", async () => {
    await seedIfEmpty(db, { demo: false, url: "http://localhost:3000", now });
    const c = await db.component.create({ data: { name: "Hubdoc", slug: "hubdoc", position: 0, startDate: since } });
    const incident = await createIncident(
      db,
      {
        name: "Hubdoc outage",
        status: "investigating",
        impact: "critical",
        body: "<script>alert(1)</script> **Down**",
        components: [{ componentId: c.id, status: "major_outage" }],
      },
      new Date(now.getTime() - 3_600_000),
    );
    let snapshot = buildSnapshot(await loadStatusRows(db, since), now);
    expect(snapshot.status).toEqual({ indicator: "critical", description: "Major System Outage" });
    expect(snapshot.openIncidents.map((i) => i.id)).toEqual([incident.id]);
    expect(snapshot.openIncidents[0]!.updates[0]!.bodyHtml).not.toContain("<script");

    await addIncidentUpdate(
      db,
      { incidentId: incident.id, status: "resolved", body: "Fixed.", components: [{ componentId: c.id, status: "operational" }] },
      now,
    );
    snapshot = buildSnapshot(await loadStatusRows(db, since), now);
    expect(snapshot.openIncidents).toEqual([]);
    expect(snapshot.status.indicator).toBe("none");
  });
});
