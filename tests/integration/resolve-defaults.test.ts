import { beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { deleteIncident, openIncident, postIncidentUpdate } from "@/lib/incidents/staff-verbs";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Resolving an incident as staff do: what it leaves the components in.

let db: Db;
const editor: StaffContext = { role: "editor", actor: { id: null, email: "ed@example.com", ip: null }, sessionId: null };
let hubdoc = "";
let verify = "";
let taxAu = "";

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  [hubdoc, verify, taxAu] = [
    (await createComponent(db, "hubdoc", 0)).id,
    (await createComponent(db, "verify", 1)).id,
    (await createComponent(db, "tax-au", 2)).id,
  ];
});

async function open() {
  return openIncident(db, editor, {
    name: "Imports delayed",
    status: "investigating",
    impact: "major",
    body: "Looking.",
    components: [
      { componentId: hubdoc, status: "partial_outage" },
      { componentId: verify, status: "degraded_performance" },
    ],
  });
}

const component = (id: string) => db.component.findUniqueOrThrow({ where: { id }, select: { status: true, manualStatus: true } });

describe("resolving an incident", () => {
  it("returns every affected component to Operational and clears the incident's overrides", async () => {
    const incident = await open();
    expect(await component(hubdoc)).toEqual({ status: "partial_outage", manualStatus: "partial_outage" });
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "resolved", body: "Fixed." });
    expect(await component(hubdoc)).toEqual({ status: "operational", manualStatus: null });
    expect(await component(verify)).toEqual({ status: "operational", manualStatus: null });
    const update = await db.incidentUpdate.findFirstOrThrow({ where: { incidentId: incident.id, status: "resolved" } });
    expect(JSON.parse(update.affectedComponents!)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: hubdoc, old_status: "partial_outage", new_status: "operational" }),
        expect.objectContaining({ code: verify, old_status: "degraded_performance", new_status: "operational" }),
      ]),
    );
  });

  it("keeps the one named degraded, as an override, and returns the rest", async () => {
    const incident = await open();
    await postIncidentUpdate(db, editor, {
      incidentId: incident.id,
      status: "resolved",
      body: "Mostly fixed.",
      components: [{ componentId: verify, status: "degraded_performance" }],
    });
    expect(await component(verify)).toEqual({ status: "degraded_performance", manualStatus: "degraded_performance" });
    expect(await component(hubdoc)).toEqual({ status: "operational", manualStatus: null });
  });

  it("an update that is not Resolved changes only what it names", async () => {
    const incident = await open();
    await postIncidentUpdate(db, editor, {
      incidentId: incident.id,
      status: "monitoring",
      body: "Fix out.",
      components: [{ componentId: hubdoc, status: "degraded_performance" }],
    });
    expect(await component(hubdoc)).toEqual({ status: "degraded_performance", manualStatus: "degraded_performance" });
    expect(await component(verify)).toEqual({ status: "degraded_performance", manualStatus: "degraded_performance" });
    expect(await component(taxAu)).toEqual({ status: "operational", manualStatus: null });
  });
});

describe("deleting an incident", () => {
  it("admins only; its own statuses go, its pending alerts are cancelled, the audit keeps it", async () => {
    const incident = await open();
    const admin: StaffContext = { ...editor, role: "admin" };
    await expect(deleteIncident(db, editor, incident.id)).rejects.toMatchObject({ code: "forbidden" });
    const event = await db.alertEvent.create({ data: { kind: "incident.created", incidentId: incident.id, payload: "{}" } });
    const pending = await db.notification.create({ data: { eventId: event.id, channel: "email", recipient: "sub@example.com" } });
    // Someone set Tax AU by hand, separately: that stays.
    await db.component.update({ where: { id: taxAu }, data: { manualStatus: "major_outage", status: "major_outage" } });

    await deleteIncident(db, admin, incident.id);
    expect(await db.incident.count()).toBe(0);
    expect(await component(hubdoc)).toEqual({ status: "operational", manualStatus: null });
    expect(await component(verify)).toEqual({ status: "operational", manualStatus: null });
    expect(await component(taxAu)).toMatchObject({ manualStatus: "major_outage" });
    expect(await db.notification.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "cancelled" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "incident.delete" } });
    expect(JSON.parse(audit.before!)).toMatchObject({ name: "Imports delayed", status: "investigating", updates: 1 });
    await expect(deleteIncident(db, admin, incident.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
