import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { setComponentStatus } from "@/lib/components/set-component-status";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import { createIncident, createMaintenance } from "@/lib/incidents/create-incident";
import { currentRevision } from "@/lib/page/revision";
import { createComponent, createPage, resetDb, testDb } from "./db";

let db: Db;
beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

const t = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00Z`);

describe("incidents", () => {
  it("derive their status from updates and set component statuses with history", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    const before = await currentRevision(db);
    const incident = await createIncident(
      db,
      {
        name: "Hubdoc – Document processing delayed",
        status: "investigating",
        impact: "major",
        body: "We are investigating.",
        components: [{ componentId: hubdoc.id, status: "major_outage" }],
      },
      t("10:00"),
    );
    await addIncidentUpdate(db, { incidentId: incident.id, status: "monitoring", body: "Fix deployed." }, t("10:30"));
    await addIncidentUpdate(
      db,
      { incidentId: incident.id, status: "resolved", body: "Resolved.", components: [{ componentId: hubdoc.id, status: "operational" }] },
      t("11:00"),
    );

    const stored = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: true } });
    expect(stored.status).toBe("resolved");
    expect(stored.monitoringAt).toEqual(t("10:30"));
    expect(stored.resolvedAt).toEqual(t("11:00"));
    expect(stored.updates).toHaveLength(3);
    expect(stored.version).toBe(3);

    const history = await db.componentStatusChange.findMany({ where: { componentId: hubdoc.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.source, h.at])).toEqual([
      ["operational", "major_outage", "incident", t("10:00")],
      ["major_outage", "operational", "incident", t("11:00")],
    ]);
    expect((await db.component.findUniqueOrThrow({ where: { id: hubdoc.id } })).status).toBe("operational");
    const firstUpdate = stored.updates.find((u) => u.status === "investigating")!;
    expect(JSON.parse(firstUpdate.affectedComponents!)).toEqual([{ code: hubdoc.id, name: "HUBDOC", old_status: "operational", new_status: "major_outage" }]);
    expect(await currentRevision(db)).toBeGreaterThan(before);
  });

  it("backdated updates keep the incident's status at the latest displayed one", async () => {
    const incident = await createIncident(db, { name: "Sending emails", status: "investigating", impact: "minor", body: "Looking." }, t("09:00"));
    await addIncidentUpdate(db, { incidentId: incident.id, status: "resolved", body: "Fixed." }, t("10:00"));
    await addIncidentUpdate(db, { incidentId: incident.id, status: "identified", body: "Entered late.", displayAt: t("09:30") }, t("12:00"));
    const stored = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(stored.status).toBe("resolved");
  });

  it("rejects invalid input with field messages and writes nothing", async () => {
    await expect(createIncident(db, { name: "x", status: "investigating", impact: "minor", body: "b" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["name"] })],
    });
    await expect(
      createIncident(db, {
        name: "Valid name",
        status: "investigating",
        impact: "minor",
        body: "b",
        components: [{ componentId: "nope", status: "major_outage" }],
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await db.incident.count()).toBe(0);
    await expect(addIncidentUpdate(db, { incidentId: "missing", status: "resolved", body: "x" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps incident and maintenance statuses apart", async () => {
    const maintenance = await createMaintenance(db, {
      name: "Database upgrade",
      body: "Planned.",
      scheduledFor: t("14:00"),
      scheduledUntil: t("16:00"),
    });
    await expect(addIncidentUpdate(db, { incidentId: maintenance.id, status: "resolved", body: "x" })).rejects.toMatchObject({
      fields: { status: expect.stringContaining("scheduled") },
    });
    await expect(createMaintenance(db, { name: "Backwards window", body: "x", scheduledFor: t("16:00"), scheduledUntil: t("14:00") })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["scheduledUntil"] })],
    });
  });
});

describe("component status", () => {
  it("records a transition once even when two writers race", async () => {
    const c = await createComponent(db, "verify");
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map(() => setComponentStatus(db, { componentId: c.id, status: "partial_outage", source: "probe", at: t("10:00") })),
    );
    const changed = results.filter((r) => r.status === "fulfilled" && r.value === true);
    expect(changed).toHaveLength(1);
    expect(await db.componentStatusChange.count({ where: { componentId: c.id } })).toBe(1);
  });

  it("ignores a change to the status it already has", async () => {
    const c = await createComponent(db, "tax-au");
    expect(await setComponentStatus(db, { componentId: c.id, status: "operational", source: "staff", at: t("10:00") })).toBe(false);
    expect(await db.componentStatusChange.count()).toBe(0);
  });
});

describe("concurrent edits", () => {
  it("of two staff posting on the same version, the second is told and nothing is lost", async () => {
    const incident = await createIncident(db, { name: "Verify slow", status: "investigating", impact: "minor", body: "Looking." }, t("09:00"));
    const seen = (await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).version;
    await addIncidentUpdate(db, { incidentId: incident.id, status: "identified", body: "Found it.", expectedVersion: seen }, t("09:10"));
    await expect(
      addIncidentUpdate(db, { incidentId: incident.id, status: "monitoring", body: "Fixed?", expectedVersion: seen }, t("09:11")),
    ).rejects.toMatchObject({ code: "conflict" });
    const stored = await db.incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: true } });
    expect(stored.updates.map((u) => u.status).sort()).toEqual(["identified", "investigating"]);
    expect(stored.status).toBe("identified");
  });
});

describe("resolving", () => {
  it("can set every affected component back to Operational in one step", async () => {
    const a = await createComponent(db, "hubdoc", 0);
    const b = await createComponent(db, "central", 1);
    const incident = await createIncident(db, {
      name: "Uploads failing",
      status: "investigating",
      impact: "major",
      body: "Looking.",
      components: [
        { componentId: a.id, status: "major_outage" },
        { componentId: b.id, status: "partial_outage" },
      ],
    });
    await addIncidentUpdate(db, { incidentId: incident.id, status: "resolved", body: "Fixed.", restoreComponents: true, notifySubscribers: false });
    const statuses = await db.component.findMany({ where: { id: { in: [a.id, b.id] } }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["operational", "operational"]);
    const last = await db.incidentUpdate.findFirstOrThrow({ where: { incidentId: incident.id, status: "resolved" } });
    expect(last.notifySubscribers).toBe(false);
    expect(JSON.parse(last.affectedComponents!)).toHaveLength(2);
  });
});
