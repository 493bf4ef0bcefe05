// The console's lists at more than a page: the components page's pages, search and counts,
// and a component's probes with each one's newest result read in one go.
import { beforeEach, describe, expect, it } from "vitest";
import { countComponentProbes, listComponentPage, listComponentProbes } from "@/lib/console/queries";
import type { Db } from "@/lib/db";
import { encodeProbeState } from "@/lib/probes/state/state-codec";
import { createComponent, createPage, resetDb, testDb } from "./db";

let db: Db;

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

/** Groups "Region 0".."Region 2" with 4 components each (r<g>-<n>), then 3 ungrouped (solo-<n>). */
async function seedTree() {
  for (let g = 0; g < 3; g++) {
    const group = await db.componentGroup.create({ data: { name: `Region ${g}`, position: g } });
    for (let n = 0; n < 4; n++) {
      await db.component.create({ data: { name: `Service ${g}-${n}`, slug: `r${g}-${n}`, position: n, groupId: group.id, startDate: new Date() } });
    }
  }
  for (let n = 0; n < 3; n++) await createComponent(db, `solo-${n}`, 3 + n);
}

const slugs = (page: Awaited<ReturnType<typeof listComponentPage>>) =>
  page.items.map((i) => (i.group ? `${i.group.name}: ${i.components.map((c) => c.slug).join(" ")}` : i.components[0]!.slug));

describe("console: the components page in pages", () => {
  it("splits the page order into pages of the given size, a group continued across two", async () => {
    await seedTree();
    const first = await listComponentPage(db, { q: "", page: 1 }, 5);
    expect(slugs(first)).toEqual(["Region 0: r0-0 r0-1 r0-2 r0-3", "Region 1: r1-0"]);
    expect(first.items[1]!.group).toMatchObject({ total: 4, continued: false, continues: true });
    expect(first).toMatchObject({ page: 1, pages: 3, matches: 15, totalComponents: 15 });

    const second = await listComponentPage(db, { q: "", page: 2 }, 5);
    expect(slugs(second)).toEqual(["Region 1: r1-1 r1-2 r1-3", "Region 2: r2-0 r2-1"]);
    expect(second.items[0]!.group).toMatchObject({ continued: true, continues: false });

    const last = await listComponentPage(db, { q: "", page: 99 }, 5);
    expect(last.page).toBe(3);
    expect(slugs(last)).toEqual(["Region 2: r2-2 r2-3", "solo-0", "solo-1", "solo-2"]);
    // Every group is offered to "Add a component", whatever the page shows.
    expect(last.groups.map((g) => g.name)).toEqual(["Region 0", "Region 1", "Region 2"]);
  });

  it("finds components by name or slug, and a group by its name, with the count of matches", async () => {
    await seedTree();
    const byName = await listComponentPage(db, { q: "service 1-2", page: 1 }, 5);
    expect(slugs(byName)).toEqual(["Region 1: r1-2"]);
    expect(byName).toMatchObject({ matches: 1, pages: 1, totalComponents: 15 });

    const bySlug = await listComponentPage(db, { q: "SOLO", page: 1 }, 5);
    expect(slugs(bySlug)).toEqual(["solo-0", "solo-1", "solo-2"]);

    const byGroup = await listComponentPage(db, { q: "region 2", page: 1 }, 5);
    expect(slugs(byGroup)).toEqual(["Region 2: r2-0 r2-1 r2-2 r2-3"]);
    expect(byGroup.matches).toBe(4);

    const none = await listComponentPage(db, { q: "nothing", page: 1 }, 5);
    expect(none).toMatchObject({ items: [], matches: 0, pages: 1 });
  });

  it("reads the page's components with the columns the page shows", async () => {
    await seedTree();
    await db.component.updateMany({ where: { slug: "solo-1" }, data: { manualStatus: "major_outage", status: "major_outage", sloTarget: 99.9 } });
    const page = await listComponentPage(db, { q: "solo-1", page: 1 });
    expect(page.items[0]!.components[0]).toMatchObject({ slug: "solo-1", status: "major_outage", manualStatus: "major_outage", sloTarget: 99.9 });
  });
});

describe("console: a component's probes", () => {
  it("shows each probe's newest result, whether its states name it or not", async () => {
    const component = await createComponent(db, "api");
    const probe = (name: string) =>
      db.probe.create({ data: { componentId: component.id, name, kind: "tcp", config: "{}", schedule: '{"intervalSeconds":60}', thresholds: "{}" } });
    const withState = await probe("with state");
    const withoutState = await probe("without state");
    const never = await probe("never ran");
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
    const result = (probeId: string, region: string, minute: number) =>
      db.probeResult.create({ data: { probeId, region, startedAt: at(minute), outcome: "ok", message: `${region} ${minute}`, latencyMs: 5 } });
    for (const m of [1, 2, 3]) await result(withState.id, "eu", m);
    await result(withState.id, "us", 4);
    for (const [region, minute] of [
      ["eu", 3],
      ["us", 4],
    ] as const) {
      const state = encodeProbeState({ confirmed: "up", failures: 0, answered: 1, oks: 1, notOk: 0, lastStartedAt: at(minute) });
      await db.probeState.create({ data: { probeId: withState.id, region, state } });
    }
    for (const m of [5, 7, 6]) await result(withoutState.id, "eu", m);

    const probes = await listComponentProbes(db, component.id);
    const last = Object.fromEntries(probes.map((p) => [p.name, p.lastResult?.message ?? null]));
    expect(last).toEqual({ "with state": "us 4", "without state": "eu 7", "never ran": null });
    expect(probes.find((p) => p.id === never.id)!.lastResult).toBeNull();
  });

  it("lists at most the given number of probes, oldest first, and counts them all", async () => {
    const component = await createComponent(db, "api");
    for (const [n, name] of ["first", "second", "third"].entries()) {
      await db.probe.create({
        data: { componentId: component.id, name, kind: "tcp", config: "{}", schedule: "{}", thresholds: "{}", createdAt: new Date(Date.UTC(2026, 0, 1, n)) },
      });
    }
    const shown = await listComponentProbes(db, component.id, new Date(), 2);
    expect(shown.map((p) => p.name)).toEqual(["first", "second"]);
    expect(await countComponentProbes(db, component.id)).toBe(3);
  });
});
