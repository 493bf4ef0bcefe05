import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { openIncident, postIncidentUpdate, scheduleMaintenance } from "@/lib/incidents/staff-verbs";
import { dispatchOnce, type Delivery } from "@/lib/notify/outbox/dispatcher";
import { createSenders } from "@/lib/notify/senders";
import { linkFor } from "@/lib/notify/links";
import { incidentDeliveryLog, incidentRecipients } from "@/lib/subscribers/queries";
import { removeSubscriber } from "@/lib/subscribers/staff-verbs";
import { loadConfirmation, requestEmailOptIn, unsubscribe } from "@/lib/subscribers/subscribe";
import { mailHeader, plainTextPart, startSmtpSink, type ReceivedMail } from "../support/smtp";
import { createComponent, createPage, resetDb, testDb } from "./db";

// What a subscriber's mail client and the support desk see of a whole incident: one
// thread per incident, readable plain text, the delivery log after people leave, and a
// backlog that does not hold a new incident's alerts back.

let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const editor: StaffContext = { role: "editor", actor: { id: "ed", email: "ed@example.com", ip: null }, sessionId: null };
const admin: StaffContext = { role: "admin", actor: { id: "adm", email: "admin@example.com", ip: null }, sessionId: null };

beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(async () => smtp.close());

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db, { timeZone: "Pacific/Auckland" });
  smtp.inbox.length = 0;
});

async function deliverAll() {
  const senders = createSenders({ db, mailer: smtp.mailer, from: "Vigil <alerts@status.example.com>", allowPrivateWebhooks: true });
  for (let i = 0; i < 20; i++) if ((await dispatchOnce(db, { senders, backoff: () => 0 })).claimed === 0) break;
}

const confirmedEmail = (target: string) => db.subscriber.create({ data: { channel: "email", target, confirmedAt: new Date() } });
const inboxOf = (address: string) => smtp.inbox.filter((m) => m.to.includes(address));
const header = (mail: ReceivedMail, name: string) => mailHeader(mail, name);

describe("alert emails: one thread per incident", () => {
  it("investigating → monitoring → resolved: one subject, later alerts reply to the first, readable text, named zone", async () => {
    await confirmedEmail("kim@example.com");
    await confirmedEmail("lee@example.com");
    const incident = await openIncident(db, editor, {
      name: "Hubdoc – Imports delayed",
      status: "investigating",
      impact: "major",
      body: "We are **investigating** delays with [Hubdoc](https://hubdoc.example/status) imports.\n\n- fetching\n- <b>parsing</b>",
    });
    await deliverAll();
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "monitoring", body: "A fix is _deployed_; watching." });
    await deliverAll();
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "resolved", body: "All imports processed." });
    await deliverAll();

    const kim = inboxOf("kim@example.com");
    expect(kim).toHaveLength(3);
    // Sent one after another, so the inbox holds them in order.
    const [opened, monitoring, resolved] = kim as [ReceivedMail, ReceivedMail, ReceivedMail];
    expect(new Set(kim.map((m) => m.subject))).toEqual(new Set(["[Test] Hubdoc – Imports delayed"]));
    const root = header(opened, "Message-ID");
    expect(root).toMatch(/^<[0-9a-f]{32}@status\.example\.com>$/);
    expect(header(opened, "In-Reply-To")).toBeUndefined();
    expect(header(opened, "References")).toBeUndefined();
    for (const later of [monitoring, resolved]) {
      expect(header(later, "Message-ID")).not.toBe(root);
      expect(header(later, "In-Reply-To")).toBe(root);
      expect(header(later, "References")).toBe(root);
    }
    expect(new Set(kim.map((m) => header(m, "Message-ID"))).size).toBe(3);

    // Each subscriber has a thread of their own (Message-IDs name one delivery each).
    const lee = inboxOf("lee@example.com");
    expect(lee).toHaveLength(3);
    const leeRoot = lee.find((m) => header(m, "In-Reply-To") === undefined);
    expect(header(leeRoot!, "Message-ID")).not.toBe(root);
    expect(lee.filter((m) => header(m, "In-Reply-To") === header(leeRoot!, "Message-ID"))).toHaveLength(2);

    // The status is in the body: the first line (the inbox preview) names it.
    const text = plainTextPart(opened);
    expect(text.split("\n")[0]).toBe("Investigating – Hubdoc – Imports delayed");
    expect(plainTextPart(monitoring).split("\n")[0]).toBe("Monitoring – Hubdoc – Imports delayed");
    expect(plainTextPart(resolved).split("\n")[0]).toBe("Resolved – Hubdoc – Imports delayed");
    // Wrapped at 76 columns for mail clients.
    expect(text.replace(/\s+/g, " ")).toContain("We are investigating delays with Hubdoc (https://hubdoc.example/status) imports.");
    expect(text).toContain("- fetching\n- parsing");
    expect(plainTextPart(monitoring)).toContain("A fix is deployed; watching.");
    expect(text).not.toMatch(/\*\*|<\/?[a-z]+>|\]\(/);
    // Times name the zone: the abbreviation and the IANA name.
    expect(text).toMatch(/Posted: [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} NZ[DS]T \(Pacific\/Auckland\)/);
    expect(opened.raw).toMatch(/Posted [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} NZ[DS]T \(Pacific\/Auckland\)/); // the HTML part too
  });

  it("a maintenance is a thread of its own, and a subscriber who joins mid-incident starts theirs at their first alert", async () => {
    await confirmedEmail("kim@example.com");
    const api = await createComponent(db, "api");
    const incident = await openIncident(db, editor, { name: "API errors", status: "investigating", impact: "minor", body: "x" });
    await scheduleMaintenance(db, editor, {
      name: "API upgrade",
      body: "Planned.",
      scheduledFor: new Date(Date.now() + 86400_000),
      scheduledUntil: new Date(Date.now() + 90000_000),
      components: [api.id],
    });
    await deliverAll();
    await confirmedEmail("late@example.com");
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "identified", body: "Found it." });
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "resolved", body: "Fixed." });
    await deliverAll();

    const kim = inboxOf("kim@example.com");
    const upgrade = kim.find((m) => m.subject === "[Test] API upgrade")!;
    expect(header(upgrade, "In-Reply-To")).toBeUndefined();
    const errors = kim.filter((m) => m.subject === "[Test] API errors");
    expect(errors).toHaveLength(3);
    const kimRoot = header(errors.find((m) => header(m, "In-Reply-To") === undefined)!, "Message-ID");
    expect(errors.filter((m) => header(m, "In-Reply-To") === kimRoot)).toHaveLength(2);

    const late = inboxOf("late@example.com");
    expect(late).toHaveLength(2);
    const lateRoot = late.find((m) => header(m, "In-Reply-To") === undefined);
    expect(lateRoot).toBeDefined();
    expect(late.filter((m) => header(m, "In-Reply-To") === header(lateRoot!, "Message-ID"))).toHaveLength(1);
  });
});

describe("the delivery log after subscribers leave", () => {
  it("keeps who was told, marks them as left, and never sends what was still queued", async () => {
    const kim = await confirmedEmail("kim@example.com");
    const lee = await confirmedEmail("lee@example.com");
    const incident = await openIncident(db, editor, { name: "Payroll slow", status: "investigating", impact: "minor", body: "x" });
    await deliverAll();
    expect(smtp.inbox).toHaveLength(2);
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "identified", body: "Queued, not sent yet." });

    // One leaves by the email's link, the other is removed by staff; the second alert is still queued for both.
    await unsubscribe(db, new URL(await linkFor(db, "unsubscribe", kim.id, new Date())).searchParams.get("token")!);
    await removeSubscriber(db, admin, lee.id);
    expect(await db.subscriber.count()).toBe(0);
    await deliverAll();
    expect(smtp.inbox).toHaveLength(2);

    const log = await incidentDeliveryLog(db, incident.id);
    expect(log.events.map((e) => [e.kind, e.counts.sent, e.counts.cancelled, e.counts.total])).toEqual([
      ["incident.created", 2, 0, 2],
      ["incident.updated", 0, 2, 2],
    ]);
    const recipients = await incidentRecipients(db, incident.id);
    expect(recipients.total).toBe(4);
    expect(recipients.rows.map((r) => [r.kind, r.recipient, r.state, r.left])).toEqual([
      ["incident.created", "kim@example.com", "sent", true],
      ["incident.created", "lee@example.com", "sent", true],
      ["incident.updated", "kim@example.com", "cancelled", true],
      ["incident.updated", "lee@example.com", "cancelled", true],
    ]);
    expect(recipients.rows[0]!.sentAt).toBeInstanceOf(Date);

    // "Was Kim told?": the search narrows it to one address, case-insensitively.
    const found = await incidentRecipients(db, incident.id, { recipient: "  KIM@" });
    expect(found.rows.map((r) => [r.recipient, r.state])).toEqual([
      ["kim@example.com", "sent"],
      ["kim@example.com", "cancelled"],
    ]);
    expect((await incidentRecipients(db, incident.id, { recipient: "nobody" })).rows).toEqual([]);
  });

  it("keeps only a webhook URL's scheme and host", async () => {
    await db.subscriber.create({
      data: { channel: "webhook", target: "http://user:pw@127.0.0.1:9/hooks/secret-path?token=abc", confirmedAt: new Date(), source: "staff" },
    });
    const incident = await openIncident(db, editor, { name: "Hooks", status: "investigating", impact: "minor", body: "x" });
    const [row] = (await incidentRecipients(db, incident.id)).rows;
    expect(row).toMatchObject({ recipient: "http://127.0.0.1:9/…", channel: "webhook", state: "pending", left: false });
    expect(JSON.stringify(await db.notification.findMany())).not.toMatch(/secret-path|token=abc|user:pw/);
  });
});

describe("the confirm page's read", () => {
  it("repeats the address and the components chosen", async () => {
    const [api, tax] = [await createComponent(db, "api", 0), await createComponent(db, "tax", 1)];
    const { subscriberId } = await requestEmailOptIn(db, { target: "kim@example.com", componentIds: [api.id, tax.id], createdIp: null }, new Date());
    const token = new URL(await linkFor(db, "confirm", subscriberId, new Date())).searchParams.get("token")!;
    const shown = await loadConfirmation(db, token);
    expect(shown).toMatchObject({ target: "kim@example.com", confirmed: false });
    expect(shown.components?.sort()).toEqual(["API", "TAX"]);
    await expect(loadConfirmation(db, `${token}x`)).rejects.toThrow("not valid");
  });
});

describe("dispatcher fairness", () => {
  it("a backlog of old notifications does not hold a new incident's alerts behind it", async () => {
    // 40 old maintenance notices, each still due for 25 subscribers: 1,000 rows, all older.
    const backlogSubscribers = Array.from({ length: 25 }, (_, i) => ({ id: `bk${i}`, channel: "email", target: `backlog${i}@example.com` }));
    await db.subscriber.createMany({ data: backlogSubscribers.map((s) => ({ ...s, source: "import" })) }); // unconfirmed: the new incident skips them
    const hourAgo = new Date(Date.now() - 3600_000);
    for (let e = 0; e < 40; e++) {
      const event = await db.alertEvent.create({ data: { kind: "maintenance.scheduled", payload: "{}", createdAt: new Date(hourAgo.getTime() + e) } });
      await db.notification.createMany({
        data: backlogSubscribers.map((s) => ({
          eventId: event.id,
          subscriberId: s.id,
          channel: "email",
          recipient: s.target,
          nextAttemptAt: hourAgo,
          createdAt: hourAgo,
        })),
      });
    }
    for (let i = 0; i < 3; i++) await confirmedEmail(`ops${i}@example.com`);
    const incident = await openIncident(db, editor, { name: "Payments down", status: "investigating", impact: "critical", body: "x" });

    const batches: Delivery[][] = [];
    const record = async (d: Delivery) => {
      batches.at(-1)!.push(d);
    };
    for (let i = 0; i < 3; i++) {
      batches.push([]);
      const summary = await dispatchOnce(db, { senders: { email: record }, batchSize: 50 });
      expect(summary.claimed).toBe(50);
    }
    const fresh = (batch: Delivery[]) => batch.filter((d) => d.kind === "incident.created");
    expect(
      fresh(batches[0]!)
        .map((d) => d.subscriber.target)
        .sort(),
    ).toEqual(["ops0@example.com", "ops1@example.com", "ops2@example.com"]);
    // ...and sent first within it, while the backlog keeps draining, oldest first, in every batch.
    expect(batches[0]!.slice(0, 3).every((d) => d.kind === "incident.created")).toBe(true);
    expect(batches.map((b) => b.filter((d) => d.kind === "maintenance.scheduled").length)).toEqual([47, 50, 50]);
    expect(batches.slice(1).flatMap(fresh)).toEqual([]);
    expect(await db.notification.count({ where: { event: { incidentId: incident.id }, status: "sent" } })).toBe(3);
    // Nothing was claimed twice across the batches.
    expect(new Set(batches.flat().map((d) => d.notificationId)).size).toBe(150);
  });
});
