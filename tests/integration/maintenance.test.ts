import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createMaintenance } from "@/lib/incidents/create-incident";
import { advanceMaintenances } from "@/lib/incidents/maintenance/advance";
import { createComponent, createPage, resetDb, testDb } from "./db";

let db: Db;
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

describe("scheduled maintenance", () => {
  it("starts and completes on its own, setting components to Under Maintenance and back, once", async () => {
    const taxNz = await createComponent(db, "tax-nz");
    const m = await createMaintenance(
      db,
      { name: "Tax NZ database upgrade", body: "Planned.", scheduledFor: at("10:00"), scheduledUntil: at("12:00"), components: [taxNz.id] },
      at("08:00"),
    );
    expect(await advanceMaintenances(db, at("09:00"))).toBe(0);

    // Two instances run the job at the same moment: one moves it.
    const moved = await Promise.all([advanceMaintenances(db, at("10:00")), advanceMaintenances(db, at("10:00"))]);
    expect(moved.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await db.component.findUniqueOrThrow({ where: { id: taxNz.id } })).status).toBe("under_maintenance");

    await advanceMaintenances(db, at("12:00"));
    const done = await db.incident.findUniqueOrThrow({ where: { id: m.id }, include: { updates: { orderBy: { displayAt: "asc" } } } });
    expect(done.updates.map((u) => u.status)).toEqual(["scheduled", "in_progress", "completed"]);
    expect(done.status).toBe("completed");
    expect((await db.component.findUniqueOrThrow({ where: { id: taxNz.id } })).status).toBe("operational");
    const history = await db.componentStatusChange.findMany({ where: { componentId: taxNz.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.toStatus, h.source])).toEqual([
      ["under_maintenance", "maintenance"],
      ["operational", "maintenance"],
    ]);
  });
});
