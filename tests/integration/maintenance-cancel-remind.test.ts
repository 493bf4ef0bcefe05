import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { remindMaintenances } from "@/lib/incidents/maintenance/remind";
import { cancelMaintenance, editMaintenance, scheduleMaintenance } from "@/lib/incidents/staff-verbs";
import { buildSnapshot, toIncidentView } from "@/lib/public/build-snapshot";
import { loadIncident } from "@/lib/incidents/read";
import { loadStatusRows } from "@/lib/public/queries";
import { dispatchOnce } from "@/lib/notify/outbox/dispatcher";
import { createSenders } from "@/lib/notify/senders";
import { mailHeader, plainTextPart, startSmtpSink } from "../support/smtp";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Issue 14: a maintenance can be called off with a notice in its own email thread, and
// subscribers are reminded once before it starts, however many instances run the job.

let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const editor: StaffContext = { role: "editor", actor: { id: "ed", email: "ed@example.com", ip: null }, sessionId: null };
const viewer: StaffContext = { role: "viewer", actor: { id: "vi", email: "vi@example.com", ip: null }, sessionId: null };

beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(async () => smtp.close());

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db, { timeZone: "Europe/Berlin" });
  smtp.inbox.length = 0;
});

async function deliverAll() {
  const senders = createSenders({ db, mailer: smtp.mailer, from: "Vigil <alerts@status.example.com>", allowPrivateWebhooks: true });
  for (let i = 0; i < 20; i++) if ((await dispatchOnce(db, { senders, backoff: () => 0 })).claimed === 0) break;
}

const hours = (h: number) => new Date(Date.now() + h * 3_600_000);
const kinds = async () => (await db.alertEvent.findMany({ orderBy: { createdAt: "asc" } })).map((e) => e.kind);

async function scheduled(remindBeforeMinutes: number | null, startsInHours = 3) {
  const hubdoc = await createComponent(db, "hubdoc");
  await db.subscriber.create({ data: { channel: "email", target: "kim@example.com", confirmedAt: new Date() } });
  const m = await scheduleMaintenance(db, editor, {
    name: "Database upgrade",
    body: "We are upgrading the database.",
    scheduledFor: hours(startsInHours),
    scheduledUntil: hours(startsInHours + 1),
    components: [hubdoc.id],
    remindBeforeMinutes,
  });
  return { m, hubdoc };
}

describe("canceling a maintenance", () => {
  it("completes it as Canceled, tells subscribers in its thread, and leaves its components alone", async () => {
    const { m, hubdoc } = await scheduled(60);
    await deliverAll();
    await cancelMaintenance(db, editor, { incidentId: m.id, body: "Postponed: the vendor moved the upgrade." });
    await deliverAll();

    const row = await db.incident.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.status).toBe("completed");
    expect(row.cancelledAt).not.toBeNull();
    expect(await kinds()).toEqual(["maintenance.scheduled", "maintenance.cancelled"]);
    expect((await db.component.findUniqueOrThrow({ where: { id: hubdoc.id } })).status).toBe("operational");

    const [notice, cancelled] = smtp.inbox;
    expect(smtp.inbox).toHaveLength(2);
    expect(cancelled!.subject).toBe(notice!.subject);
    expect(mailHeader(cancelled!, "In-Reply-To")).toBe(mailHeader(notice!, "Message-ID"));
    expect(plainTextPart(cancelled!)).toContain("Maintenance canceled");
    expect(plainTextPart(cancelled!)).toContain("Postponed: the vendor moved the upgrade.");

    // Off the home page's upcoming list; its own page and the history say Canceled, listed on the day it was called off.
    const snapshot = buildSnapshot(await loadStatusRows(db, hours(-24)), new Date());
    expect(snapshot.maintenances.map((i) => i.id)).not.toContain(m.id);
    expect(toIncidentView((await loadIncident(db, m.id))!).cancelledAt).toBe(row.cancelledAt!.toISOString());
    expect(row.startedAt.getTime()).toBe(row.cancelledAt!.getTime());

    // The reminder that was due later never goes out.
    expect(await remindMaintenances(db, hours(2.5))).toBe(0);
  });

  it("can be silent, and is refused once started, for another kind of record, or without the right", async () => {
    const { m } = await scheduled(null);
    await expect(cancelMaintenance(db, viewer, { incidentId: m.id, body: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(cancelMaintenance(db, editor, { incidentId: m.id, body: "  " })).rejects.toThrow(/say why/);
    await db.incident.update({ where: { id: m.id }, data: { status: "in_progress" } });
    await expect(cancelMaintenance(db, editor, { incidentId: m.id, body: "Stop." })).rejects.toMatchObject({
      code: "invalid",
      fields: { status: expect.stringContaining("post Completed") },
    });
    await db.incident.update({ where: { id: m.id }, data: { status: "scheduled" } });
    await cancelMaintenance(db, editor, { incidentId: m.id, body: "Called off.", notifySubscribers: false });
    expect(await kinds()).toEqual(["maintenance.scheduled"]);
    await expect(cancelMaintenance(db, editor, { incidentId: "nope", body: "x" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("maintenance reminders", () => {
  it("go out once at their time, in the thread, even with two job runners at once", async () => {
    const { m } = await scheduled(60);
    await deliverAll();
    expect(await remindMaintenances(db, hours(1.5))).toBe(0);
    // Time passes: the start is now 40 minutes away (the dispatcher sends what is due by the real clock).
    await db.incident.update({ where: { id: m.id }, data: { scheduledFor: hours(40 / 60), scheduledUntil: hours(2) } });
    const at = new Date();
    const runs = await Promise.all([remindMaintenances(db, at), remindMaintenances(db, at), remindMaintenances(db, at)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await remindMaintenances(db, hours(0.5))).toBe(0);
    await deliverAll();
    expect(await kinds()).toEqual(["maintenance.scheduled", "maintenance.reminder"]);
    const [notice, reminder] = smtp.inbox;
    expect(smtp.inbox).toHaveLength(2);
    expect(mailHeader(reminder!, "In-Reply-To")).toBe(mailHeader(notice!, "Message-ID"));
    expect(plainTextPart(reminder!)).toContain("Reminder: scheduled maintenance");
    expect((await db.incident.findUniqueOrThrow({ where: { id: m.id } })).remindedAt).not.toBeNull();
  });

  it("are not sent late for a maintenance scheduled inside its reminder time, and come again when it moves later", async () => {
    const { m, hubdoc } = await scheduled(60, 0.5);
    expect((await db.incident.findUniqueOrThrow({ where: { id: m.id } })).remindedAt).not.toBeNull();
    expect(await remindMaintenances(db, hours(0.25))).toBe(0);

    const row = await db.incident.findUniqueOrThrow({ where: { id: m.id } });
    await editMaintenance(db, editor, {
      incidentId: m.id,
      name: row.name,
      scheduledFor: hours(5),
      scheduledUntil: hours(6),
      components: [hubdoc.id],
      expectedVersion: row.version,
    });
    const moved = await db.incident.findUniqueOrThrow({ where: { id: m.id } });
    expect(moved.remindedAt).toBeNull();
    expect(moved.remindBeforeMinutes).toBe(60);
    expect(await remindMaintenances(db, hours(4.1))).toBe(1);

    // Turning the reminder off through the form's "No reminder".
    await editMaintenance(db, editor, {
      incidentId: m.id,
      name: row.name,
      scheduledFor: hours(9),
      scheduledUntil: hours(10),
      components: [hubdoc.id],
      remindBeforeMinutes: null,
    });
    expect(await remindMaintenances(db, hours(8.5))).toBe(0);
  });

  it("refuse a reminder time the schema does not allow, naming the field", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    await expect(
      scheduleMaintenance(db, editor, {
        name: "Upgrade",
        body: "y",
        scheduledFor: hours(2),
        scheduledUntil: hours(3),
        components: [hubdoc.id],
        remindBeforeMinutes: 2,
      }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["remindBeforeMinutes"] })] });
  });
});
