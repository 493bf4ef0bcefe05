import { beforeEach, describe, expect, it } from "vitest";
import { getConsoleComponent } from "@/lib/console/queries";
import type { Db } from "@/lib/db";
import { createComponent, createPage, resetDb, testDb } from "./db";

let db: Db;

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

describe("console: a component's status history", () => {
  it("shows changes recorded at one instant in the order they were written, newest first", async () => {
    const component = await createComponent(db, "api");
    const at = new Date("2026-11-27T10:00:00.000Z");
    const change = (id: string, fromStatus: string, toStatus: string, createdAt: string) =>
      db.componentStatusChange.create({
        data: { id, componentId: component.id, fromStatus, toStatus, at, source: "incident", createdAt: new Date(createdAt) },
      });
    // Inserted out of order, with ids that sort against the recording order: only the
    // tie-breaker on when each was written puts them right.
    await change("c3", "major_outage", "operational", "2026-11-27T10:00:00.003Z");
    await change("c1", "operational", "partial_outage", "2026-11-27T10:00:00.001Z");
    await change("c2", "partial_outage", "major_outage", "2026-11-27T10:00:00.002Z");
    await db.componentStatusChange.create({
      data: { id: "c0", componentId: component.id, fromStatus: null, toStatus: "operational", at: new Date("2026-11-27T09:00:00.000Z"), source: "seed" },
    });

    const found = await getConsoleComponent(db, component.id);
    expect(found!.changes.map((c) => c.id)).toEqual(["c3", "c2", "c1", "c0"]);
  });

  it("settles changes written in the same millisecond by id", async () => {
    const component = await createComponent(db, "api");
    const at = new Date("2026-11-27T10:00:00.000Z");
    for (const id of ["cb", "cc", "ca"]) {
      await db.componentStatusChange.create({ data: { id, componentId: component.id, toStatus: "operational", at, source: "staff", createdAt: at } });
    }
    const found = await getConsoleComponent(db, component.id);
    expect(found!.changes.map((c) => c.id)).toEqual(["cc", "cb", "ca"]);
  });
});
