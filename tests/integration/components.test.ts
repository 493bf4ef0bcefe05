import { beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import {
  addComponent,
  clearStatusOverride,
  createGroup,
  deleteGroup,
  moveItem,
  setStatusByStaff,
  updateComponent,
  updateGroup,
} from "@/lib/components/staff-verbs";
import { createMaintenance } from "@/lib/incidents/create-incident";
import { openIncident, postIncidentUpdate } from "@/lib/incidents/staff-verbs";
import { advanceMaintenances } from "@/lib/incidents/maintenance/advance";
import { buildSnapshot } from "@/lib/public/build-snapshot";
import { loadStatusRows } from "@/lib/public/queries";
import { createComponent, createPage, resetDb, testDb } from "./db";

let db: Db;
const editor: StaffContext = { role: "editor", actor: { id: "editor-1", email: "ed@example.com", ip: "198.51.100.7" }, sessionId: null };
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);
const statusOf = async (id: string) => db.component.findUniqueOrThrow({ where: { id }, select: { status: true, manualStatus: true } });

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

describe("status layers: maintenance, then a status set by hand, then the default", () => {
  it("a staff override stays until cleared, and every change is in the history with its source", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    await setStatusByStaff(db, editor, { componentId: hubdoc.id, status: "partial_outage" }, at("10:00"));
    expect(await statusOf(hubdoc.id)).toEqual({ status: "partial_outage", manualStatus: "partial_outage" });
    await clearStatusOverride(db, editor, hubdoc.id, at("10:30"));
    expect(await statusOf(hubdoc.id)).toEqual({ status: "operational", manualStatus: null });
    const history = await db.componentStatusChange.findMany({ where: { componentId: hubdoc.id }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.source])).toEqual([
      ["operational", "partial_outage", "staff"],
      ["partial_outage", "operational", "staff"],
    ]);
    expect(history[1]!.note).toContain("override cleared by ed@example.com");
    const audit = await db.auditEvent.findMany({ where: { targetId: hubdoc.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["component.status", "component.override_cleared"]);
  });

  it("an incident's component status is an override that resolving with 'back to Operational' clears", async () => {
    const verify = await createComponent(db, "verify");
    const incident = await openIncident(db, editor, {
      name: "Verify slow",
      status: "investigating",
      impact: "minor",
      body: "Looking.",
      components: [{ componentId: verify.id, status: "degraded_performance" }],
    });
    expect(await statusOf(verify.id)).toEqual({ status: "degraded_performance", manualStatus: "degraded_performance" });
    const resolved = await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "resolved", body: "Fixed.", restoreComponents: true });
    expect(await statusOf(verify.id)).toEqual({ status: "operational", manualStatus: null });
    expect(JSON.parse(resolved.affectedComponents!)).toEqual([
      { code: verify.id, name: "VERIFY", old_status: "degraded_performance", new_status: "operational" },
    ]);
  });

  it("a maintenance in progress shows over an override, and the override is back when it completes", async () => {
    const taxNz = await createComponent(db, "tax-nz");
    await setStatusByStaff(db, editor, { componentId: taxNz.id, status: "degraded_performance" }, at("08:00"));
    await createMaintenance(
      db,
      { name: "Upgrade", body: "Planned.", scheduledFor: at("10:00"), scheduledUntil: at("11:00"), components: [taxNz.id] },
      at("08:00"),
    );
    await advanceMaintenances(db, at("10:00"));
    expect(await statusOf(taxNz.id)).toEqual({ status: "under_maintenance", manualStatus: "degraded_performance" });
    await advanceMaintenances(db, at("11:00"));
    expect(await statusOf(taxNz.id)).toEqual({ status: "degraded_performance", manualStatus: "degraded_performance" });
  });
});

describe("groups and component settings", () => {
  it("creates, renames, reorders and deletes groups; the public page follows", async () => {
    const verify = await createComponent(db, "verify", 0);
    const ios = await createComponent(db, "ios", 1);
    const apps = await createGroup(db, editor, { name: "Mobile Apps", description: "" });
    expect(apps.position).toBe(2);
    await updateComponent(db, editor, { componentId: ios.id, name: "iOS app", description: "iPhone and iPad", groupId: apps.id, showUptime: false });
    await updateGroup(db, editor, apps.id, { name: "Apps", description: "Phones and tablets" });
    await moveItem(db, editor, { kind: "group", id: apps.id }, "up");

    let snapshot = await buildSnapshot(await loadStatusRows(db, at("00:00")), at("12:00"));
    expect(snapshot.items.map((i) => (i.type === "group" ? `group:${i.group.name}` : i.component.name))).toEqual(["group:Apps", "VERIFY"]);
    const group = snapshot.items[0]!;
    if (group.type !== "group") throw new Error("expected a group first");
    expect(group.group.description).toBe("Phones and tablets");
    expect(group.group.components.map((c) => [c.name, c.description, c.showUptime])).toEqual([["iOS app", "iPhone and iPad", false]]);

    await deleteGroup(db, editor, apps.id);
    snapshot = await buildSnapshot(await loadStatusRows(db, at("00:00")), at("12:00"));
    expect(snapshot.items.map((i) => (i.type === "group" ? `group:${i.group.name}` : i.component.name))).toEqual(["VERIFY", "iOS app"]);
    expect((await db.component.findUniqueOrThrow({ where: { id: verify.id } })).groupId).toBeNull();
  });

  it("refuses a move past the end and an unknown group with a message naming the field", async () => {
    const verify = await createComponent(db, "verify", 0);
    await expect(moveItem(db, editor, { kind: "component", id: verify.id }, "up")).rejects.toThrow("already at the top");
    await expect(updateComponent(db, editor, { componentId: verify.id, name: "Verify", groupId: "nope", showUptime: true })).rejects.toMatchObject({
      fields: { groupId: "choose another group" },
    });
    await expect(updateComponent(db, editor, { componentId: verify.id, name: " ", showUptime: true })).rejects.toThrow("enter a name");
  });
});

describe("a component's key", () => {
  it("is made from the name, or taken as given (status as code), and a taken one is refused", async () => {
    expect((await addComponent(db, editor, { name: "Public API" })).slug).toBe("public-api");
    expect((await addComponent(db, editor, { name: "Public API" })).slug).toBe("public-api-2");
    expect((await addComponent(db, editor, { name: "Public API", slug: "api" })).slug).toBe("api");
    await expect(addComponent(db, editor, { name: "Other", slug: "api" })).rejects.toMatchObject({ code: "invalid", fields: { slug: "choose another key" } });
    await expect(addComponent(db, editor, { name: "Other", slug: "Not A Key" })).rejects.toThrow(/lowercase letters and digits/);
  });
});

describe("opening an incident is idempotent per form", () => {
  it("a double submit (even concurrent) opens one incident and one audit row", async () => {
    const input = { name: "Email delays", status: "investigating", impact: "minor", body: "Looking.", creationKey: "form-1234567890" } as const;
    const [a, b] = await Promise.all([openIncident(db, editor, input), openIncident(db, editor, input)]);
    const c = await openIncident(db, editor, input);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await db.incident.count()).toBe(1);
    expect(await db.incidentUpdate.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "incident.create" } })).toBe(1);
    await openIncident(db, editor, { ...input, creationKey: "form-other-key-1" });
    expect(await db.incident.count()).toBe(2);
  });
});
