import { beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { advanceMaintenances } from "@/lib/incidents/maintenance/advance";
import { editMaintenance, scheduleMaintenance } from "@/lib/incidents/staff-verbs";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Rescheduling and re-scoping a maintenance from the console.

let db: Db;
const editor: StaffContext = { role: "editor", actor: { id: null, email: "ed@example.com", ip: null }, sessionId: null };
const HOUR = 3_600_000;
let go = "";
let central = "";

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  [go, central] = [(await createComponent(db, "go", 0)).id, (await createComponent(db, "central", 1)).id];
});

async function schedule(fromHours: number, toHours: number) {
  const now = Date.now();
  return scheduleMaintenance(db, editor, {
    name: "Database upgrade",
    body: "Planned.",
    scheduledFor: new Date(now + fromHours * HOUR),
    scheduledUntil: new Date(now + toHours * HOUR),
    components: [go],
  });
}

describe("editing a maintenance", () => {
  it("reschedules, renames and re-scopes a scheduled one, audited", async () => {
    const m = await schedule(2, 3);
    const start = new Date(Date.now() + 24 * HOUR);
    const end = new Date(Date.now() + 26 * HOUR);
    await editMaintenance(db, editor, { incidentId: m.id, name: "Database upgrade (moved)", scheduledFor: start, scheduledUntil: end, components: [central] });
    const row = await db.incident.findUniqueOrThrow({ where: { id: m.id }, include: { components: true } });
    expect(row).toMatchObject({ name: "Database upgrade (moved)", scheduledFor: start, scheduledUntil: end, startedAt: start });
    expect(row.components.map((c) => c.componentId)).toEqual([central]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "maintenance.edit" } });
    expect(JSON.parse(audit.before!)).toMatchObject({ components: [go] });
  });

  it("a component taken out of one in progress is no longer Under Maintenance", async () => {
    const m = await schedule(-1, 1);
    await advanceMaintenances(db, new Date());
    expect((await db.component.findUniqueOrThrow({ where: { id: go } })).status).toBe("under_maintenance");
    await editMaintenance(db, editor, {
      incidentId: m.id,
      name: "Database upgrade",
      scheduledFor: m.scheduledFor!,
      scheduledUntil: m.scheduledUntil!,
      components: [central],
    });
    expect((await db.component.findUniqueOrThrow({ where: { id: go } })).status).toBe("operational");
    expect((await db.component.findUniqueOrThrow({ where: { id: central } })).status).toBe("under_maintenance");
  });

  it("refuses a window that ends before it starts, an unknown component, a stale version and a viewer", async () => {
    const m = await schedule(2, 3);
    const later = new Date(Date.now() + 5 * HOUR);
    await expect(
      editMaintenance(db, editor, { incidentId: m.id, name: "x x x", scheduledFor: later, scheduledUntil: new Date(Date.now() + HOUR), components: [] }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["scheduledUntil"] })],
    });
    await expect(
      editMaintenance(db, editor, { incidentId: m.id, name: "x x x", scheduledFor: m.scheduledFor!, scheduledUntil: later, components: ["nope"] }),
    ).rejects.toMatchObject({
      fields: { components: "no component nope" },
    });
    await expect(
      editMaintenance(db, editor, {
        incidentId: m.id,
        name: "x x x",
        scheduledFor: m.scheduledFor!,
        scheduledUntil: later,
        components: [],
        expectedVersion: 99,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      editMaintenance(
        db,
        { ...editor, role: "viewer" },
        { incidentId: m.id, name: "x x x", scheduledFor: m.scheduledFor!, scheduledUntil: later, components: [] },
      ),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await db.incident.findUniqueOrThrow({ where: { id: m.id } })).name).toBe("Database upgrade");
  });
});
