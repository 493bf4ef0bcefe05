import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import { createIncident, createMaintenance } from "@/lib/incidents/create-incident";
import { loadIncident, loadIncidents } from "@/lib/incidents/read";
import { createComponent, createPage, resetDb, testDb } from "./db";

// The incident read model (lib/incidents/read.ts) against a real database.

let db: Db;
beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

const t = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00Z`);

describe("the incident read model", () => {
  it("reads an incident typed: updates newest first, affected components decoded, components with what the incident set", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const incident = await createIncident(
      db,
      { name: "Hubdoc down", status: "investigating", impact: "major", body: "Looking.", components: [{ componentId: hubdoc.id, status: "major_outage" }] },
      t("10:00"),
    );
    await addIncidentUpdate(db, { incidentId: incident.id, status: "monitoring", body: "Fixed, watching." }, t("10:30"));

    const record = await loadIncident(db, incident.id);
    expect(record).toMatchObject({ kind: "incident", status: "monitoring", impact: "major", version: 2 });
    expect(record!.updates.map((u) => [u.status, u.affectedComponents])).toEqual([
      ["monitoring", null],
      ["investigating", [{ code: hubdoc.id, name: "HUBDOC", old_status: "operational", new_status: "major_outage" }]],
    ]);
    expect(record!.components).toEqual([{ componentId: hubdoc.id, status: "major_outage", name: "HUBDOC", slug: "hubdoc", position: 0, groupId: null }]);
    expect(await loadIncident(db, "no-such-incident")).toBeNull();
  });

  it("filters, orders and limits lists, and reads maintenances as such", async () => {
    const a = await createIncident(db, { name: "First", status: "investigating", impact: "minor", body: "." }, t("09:00"));
    const b = await createIncident(db, { name: "Second", status: "investigating", impact: "minor", body: "." }, t("10:00"));
    await createMaintenance(db, { name: "Upgrade", body: "Soon.", scheduledFor: t("20:00"), scheduledUntil: t("21:00") }, t("08:00"));

    const newest = await loadIncidents(db, { kind: "incident" }, { orderBy: { startedAt: "desc" }, take: 1 });
    expect(newest.map((i) => i.id)).toEqual([b.id]);
    expect((await loadIncidents(db, { kind: "incident" }, { orderBy: { startedAt: "asc" } })).map((i) => i.id)).toEqual([a.id, b.id]);
    const [maintenance] = await loadIncidents(db, { kind: "maintenance" });
    expect(maintenance).toMatchObject({ kind: "maintenance", status: "scheduled", impact: "none" });
    expect(maintenance!.components).toEqual([]);
  });

  it("refuses a stored status Vigil never writes, naming the row and column", async () => {
    const incident = await createIncident(db, { name: "Broken row", status: "investigating", impact: "minor", body: "." }, t("09:00"));
    // A maintenance status on an incident: each kind has its own statuses.
    await db.incident.update({ where: { id: incident.id }, data: { status: "in_progress" } });
    await expect(loadIncident(db, incident.id)).rejects.toThrow(`incident ${incident.id} status: stored value "in_progress" is not valid`);
  });
});
