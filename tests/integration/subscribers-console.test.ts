import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import { openSecret } from "@/lib/crypto/secrets";
import type { Db } from "@/lib/db";
import { openIncident, postIncidentUpdate } from "@/lib/incidents/staff-verbs";
import { dispatchOnce, WEBHOOK_SECRET } from "@/lib/notify/outbox/dispatcher";
import { createSenders } from "@/lib/notify/senders";
import { incidentDeliveryLog, listDeadLetters, listSubscribers, subscriberCounts } from "@/lib/subscribers/queries";
import {
  addSubscriberByStaff,
  CsvImportError,
  exportSubscribersCsv,
  importSubscribersCsv,
  removeSubscriber,
  retryDeadNotification,
  retryDeadNotifications,
} from "@/lib/subscribers/staff-verbs";
import { confirmSubscription } from "@/lib/subscribers/subscribe";
import { startHttpReceiver } from "../support/http-receiver";
import { startSmtpSink } from "../support/smtp";
import { createComponent, createPage, resetDb, testDb } from "./db";

let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const admin: StaffContext = { role: "admin", actor: { id: "adm", email: "admin@example.com", ip: "198.51.100.7" }, sessionId: null };
const editor: StaffContext = { role: "editor", actor: { id: "ed", email: "ed@example.com", ip: null }, sessionId: null };
// Tests send to receivers on loopback; the SSRF test turns this off.
const local = { allowPrivateWebhooks: true, emailEnabled: true };

beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(async () => smtp.close());

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  smtp.inbox.length = 0;
});

function senders() {
  return createSenders({ db, mailer: smtp.mailer, from: "Vigil <alerts@status.example.com>", allowPrivateWebhooks: true });
}

/** Runs the dispatcher until nothing is due; failures wait an hour, so they stay "retrying". */
async function deliver(options: { backoffMs?: number; maxAttempts?: number } = {}) {
  for (let i = 0; i < 20; i++) {
    const s = await dispatchOnce(db, { senders: senders(), backoff: () => options.backoffMs ?? 3600_000, maxAttempts: options.maxAttempts ?? 8 });
    if (s.claimed === 0) return;
  }
}

const tokenFrom = (raw: string, path: string) => new RegExp(`${path}\\?token=([A-Za-z0-9_.-]+)`).exec(raw)?.[1];

describe("adding and removing subscribers", () => {
  it("confirms URLs at once, returns a webhook's secret once, and sends an email address the opt-in link", async () => {
    const api = await createComponent(db, "api");
    const hook = await addSubscriberByStaff(db, editor, { channel: "webhook", target: "http://127.0.0.1:9/hooks/Vigil", components: [api.id] }, local);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const stored = await db.subscriber.findUniqueOrThrow({ where: { id: hook.subscriberId }, include: { components: true } });
    expect(stored).toMatchObject({ channel: "webhook", source: "staff", target: "http://127.0.0.1:9/hooks/Vigil" });
    // Kept encrypted (lib/crypto/): the row does not hold the secret itself.
    expect(stored.secret).toMatch(/^enc:v1:/);
    expect(openSecret(WEBHOOK_SECRET, stored.secret!)).toBe(hook.secret);
    expect(stored.confirmedAt).not.toBeNull();
    expect(stored.components.map((c) => c.componentId)).toEqual([api.id]);

    // No host pattern for Slack or Discord when staff add them (a relay is fine); no secret either.
    const slack = await addSubscriberByStaff(db, editor, { channel: "slack", target: "https://127.0.0.1/slack-relay" }, local);
    expect(slack).toMatchObject({ secret: null, confirmationSent: false });

    const email = await addSubscriberByStaff(db, editor, { channel: "email", target: " Ops@Example.com " }, local);
    expect(email).toMatchObject({ secret: null, confirmationSent: true });
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: email.subscriberId } })).toMatchObject({
      target: "ops@example.com",
      confirmedAt: null,
      source: "staff",
    });
    await deliver();
    expect(smtp.inbox.map((m) => m.to)).toEqual([["ops@example.com"]]);
    expect(smtp.inbox[0]!.raw).toContain("Confirm your subscription");
    await confirmSubscription(db, tokenFrom(smtp.inbox[0]!.raw, "/subscribe/confirm")!);
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: email.subscriberId } })).confirmedAt).not.toBeNull();

    await expect(addSubscriberByStaff(db, editor, { channel: "email", target: "ops@example.com" }, local)).rejects.toMatchObject({
      fields: { target: "already subscribed" },
    });
    await expect(addSubscriberByStaff(db, editor, { channel: "webhook", target: "http://127.0.0.1:9/hooks/Vigil" }, local)).rejects.toMatchObject({
      fields: { target: "already subscribed" },
    });
    await expect(addSubscriberByStaff(db, editor, { channel: "email", target: "x@example.com" }, { ...local, emailEnabled: false })).rejects.toThrow(
      "no mail server",
    );

    const audit = await db.auditEvent.findMany({ where: { action: "subscriber.added" } });
    expect(audit).toHaveLength(3);
    // The audit log names a URL's host only: the path may be a secret.
    expect(audit.map((a) => a.after).join(" ")).not.toContain("/hooks/Vigil");

    await removeSubscriber(db, editor, hook.subscriberId);
    expect(await db.subscriber.findUnique({ where: { id: hook.subscriberId } })).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "subscriber.removed", targetId: hook.subscriberId } })).toBe(1);
    await expect(removeSubscriber(db, editor, hook.subscriberId)).rejects.toThrow("subscriber not found");
  });

  it("refuses URLs that reach private addresses unless allowed", async () => {
    for (const target of ["http://127.0.0.1:9/x", "http://169.254.169.254/latest/meta-data", "https://[::1]/x"]) {
      await expect(addSubscriberByStaff(db, editor, { channel: "webhook", target }, { allowPrivateWebhooks: false })).rejects.toMatchObject({
        fields: { target: expect.stringMatching(/loopback|link-local/) },
      });
    }
    await expect(
      addSubscriberByStaff(db, editor, { channel: "discord", target: "https://10.0.0.8/api/webhooks/1" }, { allowPrivateWebhooks: false }),
    ).rejects.toMatchObject({
      fields: { target: expect.stringContaining("private") },
    });
    expect(await db.subscriber.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });
});

describe("CSV import", () => {
  it("names every bad row and saves nothing", async () => {
    await createComponent(db, "api");
    const csv = [
      "channel,target,components,confirmed",
      "email,good@example.com,api,true",
      "",
      "email,not-an-address,,",
      "webhook,https://example.com/x,nope;api,true",
      "fax,123,,",
      "email,c@example.com,,maybe",
    ].join("\r\n");
    const error = await importSubscribersCsv(db, editor, csv, local).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvImportError);
    expect((error as CsvImportError).problems).toEqual([
      "row 4: target: enter a valid email address",
      'row 5: components: no component with the slug "nope"',
      "row 6: channel: choose email, webhook, slack, discord, teams, pagerduty or opsgenie",
      "row 7: confirmed: write true or false",
    ]);
    expect((error as Error).message).toMatch(/^Nothing was imported: 4 problems in the file\. row 4: target: enter a valid email address;/);
    expect(await db.subscriber.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);

    await expect(importSubscribersCsv(db, editor, "email,a@example.com\n", local)).rejects.toThrow("row 1: the header must name the columns");
    await expect(importSubscribersCsv(db, editor, 'channel,target\nemail,"a@example.com\n', local)).rejects.toThrow("row 2: a quoted field is never closed");
    await expect(importSubscribersCsv(db, editor, "channel,target\nwebhook,http://127.0.0.1/x\n", { ...local, allowPrivateWebhooks: false })).rejects.toThrow(
      /row 2: target: 127\.0\.0\.1 is a loopback address/,
    );
    await expect(importSubscribersCsv(db, editor, "channel,target\nemail,a@example.com\n", { ...local, emailEnabled: false })).rejects.toThrow(
      "no mail server",
    );
    // Skipping double opt-in is for admins only.
    await expect(importSubscribersCsv(db, editor, "channel,target,components,confirmed\nemail,a@example.com,,true\n", local)).rejects.toThrow(
      "settings:manage",
    );
    await expect(importSubscribersCsv(db, editor, `channel,target\n${"email,a@example.com\n".repeat(50_001)}`, local)).rejects.toThrow("more than 50000");
    expect(await db.subscriber.count()).toBe(0);
  });

  it("adds new subscribers, skips duplicates, and sends unconfirmed addresses a confirmation link", async () => {
    const [api, web] = [await createComponent(db, "api", 0), await createComponent(db, "web", 1)];
    await addSubscriberByStaff(db, editor, { channel: "email", target: "known@example.com" }, local);
    await deliver();
    smtp.inbox.length = 0;
    const csv =
      "\uFEFFChannel,Target,Components,Confirmed\r\n" +
      "email,Migrated@Example.com,api;web,true\r\n" +
      "email,new@example.com,api,false\r\n" +
      "email,KNOWN@example.com,,true\r\n" + // already subscribed
      "email,new@example.com,,false\r\n" + // repeated in the file
      'webhook,"https://127.0.0.1/hook?a=1,b=2",,\r\n' +
      "discord,https://127.0.0.2/api/webhooks/1/abc,web,true\r\n";
    const result = await importSubscribersCsv(db, admin, csv, local);
    expect(result).toEqual({ added: 4, skippedDuplicates: 2, confirmedEmails: 1, confirmationsQueued: 1 });

    const migrated = await db.subscriber.findUniqueOrThrow({
      where: { channel_target: { channel: "email", target: "migrated@example.com" } },
      include: { components: true },
    });
    expect(migrated).toMatchObject({ source: "import", expiresAt: null });
    expect(migrated.confirmedAt).not.toBeNull();
    expect(migrated.components.map((c) => c.componentId).sort()).toEqual([api.id, web.id].sort());
    const hook = await db.subscriber.findUniqueOrThrow({ where: { channel_target: { channel: "webhook", target: "https://127.0.0.1/hook?a=1,b=2" } } });
    expect(hook).toMatchObject({ secret: null });
    expect(hook.confirmedAt).not.toBeNull();

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "subscribers.imported" } });
    expect(audit.actorEmail).toBe("admin@example.com");
    expect(JSON.parse(audit.after!)).toMatchObject({ added: 4, confirmedEmails: 1, confirmationsQueued: 1, byChannel: { email: 2, webhook: 1, discord: 1 } });

    // Only the unconfirmed address is written to, and only with its opt-in link.
    expect(await db.notification.count({ where: { status: "pending" } })).toBe(1);
    await deliver();
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0]!.to).toEqual(["new@example.com"]);
    expect(smtp.inbox[0]!.raw).toContain("API");
    const fresh = await db.subscriber.findUniqueOrThrow({ where: { channel_target: { channel: "email", target: "new@example.com" } } });
    expect(fresh.confirmedAt).toBeNull();
    await confirmSubscription(db, tokenFrom(smtp.inbox[0]!.raw, "/subscribe/confirm")!);
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: fresh.id } })).confirmedAt).not.toBeNull();

    // Importing the same file again adds nothing.
    expect(await importSubscribersCsv(db, admin, csv, local)).toEqual({ added: 0, skippedDuplicates: 6, confirmedEmails: 0, confirmationsQueued: 0 });
  });

  it("round-trips: export, wipe, import gives the same subscribers", async () => {
    const [api, web] = [await createComponent(db, "api", 0), await createComponent(db, "web", 1)];
    await db.subscriber.create({
      data: { channel: "email", target: "a@example.com", confirmedAt: new Date(), components: { create: [{ componentId: web.id }, { componentId: api.id }] } },
    });
    await db.subscriber.create({ data: { channel: "email", target: "pending@example.com", expiresAt: new Date(Date.now() + 3600_000) } });
    await db.subscriber.create({ data: { channel: "webhook", target: 'https://127.0.0.1/h?q="x",y', confirmedAt: new Date(), secret: "whsec_x" } });
    await db.subscriber.create({
      data: { channel: "slack", target: "https://127.0.0.2/services/T0/B0/XyZ", confirmedAt: new Date(), components: { create: [{ componentId: api.id }] } },
    });

    const first = await exportSubscribersCsv(db, admin);
    expect(first.count).toBe(4);
    expect(first.csv.split("\r\n")[0]).toBe("channel,target,components,confirmed");
    expect(first.csv).toContain("email,a@example.com,api;web,true\r\n");
    expect(first.csv).toContain('webhook,"https://127.0.0.1/h?q=""x"",y",,true\r\n');
    expect(first.csv).not.toContain("whsec_");
    expect(await db.auditEvent.count({ where: { action: "subscribers.exported" } })).toBe(1);

    await db.subscriber.deleteMany();
    expect(await importSubscribersCsv(db, admin, first.csv, local)).toMatchObject({ added: 4, skippedDuplicates: 0, confirmationsQueued: 1 });
    const second = await exportSubscribersCsv(db, admin);
    const lines = (csv: string) => csv.split("\r\n").slice(1).sort();
    expect(lines(second.csv)).toEqual(lines(first.csv));

    await expect(exportSubscribersCsv(db, editor)).rejects.toThrow("settings:manage");
  });
});

describe("the subscriber list", () => {
  it("searches case-insensitively on both databases, filters, pages and counts", async () => {
    const api = await createComponent(db, "api");
    await db.subscriber.create({
      data: { channel: "email", target: "kim@example.com", confirmedAt: new Date(), components: { create: [{ componentId: api.id }] } },
    });
    await db.subscriber.create({ data: { channel: "email", target: "lee_100%@example.org" } });
    await db.subscriber.create({ data: { channel: "webhook", target: "https://Hooks.Example.com/T0/SeCrEt", confirmedAt: new Date() } });
    const ids = (r: Awaited<ReturnType<typeof listSubscribers>>) => r.rows.map((row) => row.target).sort();

    expect(ids(await listSubscribers(db, { q: "KIM@EXAMPLE" }, { searchUrls: true }))).toEqual(["kim@example.com"]);
    expect(ids(await listSubscribers(db, { q: "secret" }, { searchUrls: true }))).toEqual(["https://hooks.example.com/…"]);
    // Without export rights the search cannot probe a URL's (secret) path.
    expect(ids(await listSubscribers(db, { q: "secret" }, { searchUrls: false }))).toEqual([]);
    // % and _ match themselves, not "anything".
    expect(ids(await listSubscribers(db, { q: "_100%" }, { searchUrls: true }))).toEqual(["lee_100%@example.org"]);
    expect(ids(await listSubscribers(db, { q: "e%e" }, { searchUrls: true }))).toEqual([]);
    expect(ids(await listSubscribers(db, { confirmed: "no" }, { searchUrls: true }))).toEqual(["lee_100%@example.org"]);
    expect(ids(await listSubscribers(db, { channel: "webhook" }, { searchUrls: true }))).toEqual(["https://hooks.example.com/…"]);
    expect(ids(await listSubscribers(db, { component: api.id }, { searchUrls: true }))).toEqual(["kim@example.com"]);
    expect(ids(await listSubscribers(db, { component: "page", channel: "email" }, { searchUrls: true }))).toEqual(["lee_100%@example.org"]);

    const all = await listSubscribers(db, {}, { searchUrls: false });
    expect(all).toMatchObject({ total: 3, pageCount: 1 });
    expect(all.rows.find((r) => r.channel === "email" && r.components.length)!.components).toEqual([{ id: api.id, name: "API" }]);
    expect(await subscriberCounts(db)).toEqual([
      { channel: "email", total: 2, unconfirmed: 1 },
      { channel: "webhook", total: 1, unconfirmed: 0 },
      { channel: "slack", total: 0, unconfirmed: 0 },
      { channel: "discord", total: 0, unconfirmed: 0 },
      { channel: "teams", total: 0, unconfirmed: 0 },
      { channel: "pagerduty", total: 0, unconfirmed: 0 },
      { channel: "opsgenie", total: 0, unconfirmed: 0 },
    ]);

    await db.subscriber.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ channel: "email", target: `bulk${i}@example.com`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) })),
    });
    const page1 = await listSubscribers(db, { q: "bulk" }, { searchUrls: false });
    const page2 = await listSubscribers(db, { q: "bulk", page: "2" }, { searchUrls: false });
    expect([page1.total, page1.pageCount, page1.rows.length, page2.rows.length]).toEqual([60, 2, 50, 10]);
    expect(page1.rows[0]!.target).toBe("bulk59@example.com");
    expect(page2.rows.at(-1)!.target).toBe("bulk0@example.com");
  });
});

describe("delivery log and dead letters", () => {
  it("counts sent, pending, retrying and dead per alert and channel, shows the failures, and retries dead ones", async () => {
    let goneAnswers = 410;
    const ok = await startHttpReceiver();
    const flaky = await startHttpReceiver(() => 503);
    const gone = await startHttpReceiver(() => goneAnswers);
    try {
      await addSubscriberByStaff(db, editor, { channel: "webhook", target: ok.url("/a") }, local);
      await addSubscriberByStaff(db, editor, { channel: "webhook", target: ok.url("/b") }, local);
      // Slack needs https, which the local receiver does not speak: stored directly.
      await db.subscriber.create({ data: { channel: "slack", target: flaky.url("/slack/secret-path"), confirmedAt: new Date(), source: "staff" } });
      await addSubscriberByStaff(db, editor, { channel: "webhook", target: gone.url("/gone/secret-path") }, local);
      await db.subscriber.create({ data: { channel: "email", target: "reader@example.com", confirmedAt: new Date() } });

      const incident = await openIncident(db, editor, { name: "Payments failing", status: "investigating", impact: "major", body: "Looking." });
      await deliver();
      await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "identified", body: "Found it." });
      // Not delivered yet: this alert's rows are still pending.

      const log = await incidentDeliveryLog(db, incident.id);
      expect(log.events.map((e) => e.kind)).toEqual(["incident.created", "incident.updated"]);
      expect(log.events[0]!.counts).toEqual({ sent: 3, pending: 0, retrying: 1, dead: 1, cancelled: 0, total: 5 });
      expect(log.events[0]!.byChannel).toEqual({
        email: { sent: 1, pending: 0, retrying: 0, dead: 0, cancelled: 0, total: 1 },
        webhook: { sent: 2, pending: 0, retrying: 0, dead: 1, cancelled: 0, total: 3 },
        slack: { sent: 0, pending: 0, retrying: 1, dead: 0, cancelled: 0, total: 1 },
      });
      expect(log.events[1]!.counts).toEqual({ sent: 0, pending: 5, retrying: 0, dead: 0, cancelled: 0, total: 5 });
      expect(log.totals).toEqual({ sent: 3, pending: 5, retrying: 1, dead: 1, cancelled: 0, total: 10 });
      expect(log.problemCount).toBe(2);
      const [dead, retrying] = log.problems;
      expect(dead).toMatchObject({ status: "dead", channel: "webhook", attempts: 1, lastError: "the endpoint answered 410", nextAttemptAt: null });
      expect(dead!.subscriber).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…$/);
      expect(retrying).toMatchObject({ status: "retrying", channel: "slack", attempts: 1, lastError: "the endpoint answered 503" });
      expect(retrying!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 3000_000);
      expect(JSON.stringify(log)).not.toContain("secret-path");

      const letters = await listDeadLetters(db);
      expect(letters.total).toBe(1);
      expect(letters.rows[0]).toMatchObject({
        id: dead!.id,
        incidentName: "Payments failing",
        kind: "incident.created",
        lastError: "the endpoint answered 410",
      });

      // Fixed on their side: one retry sends it, and it counts as sent.
      goneAnswers = 200;
      await retryDeadNotification(db, editor, dead!.id);
      expect(await db.notification.findUniqueOrThrow({ where: { id: dead!.id } })).toMatchObject({ status: "pending", attempts: 0 });
      await expect(retryDeadNotification(db, editor, dead!.id)).rejects.toThrow("dead notification not found");
      await deliver();
      expect(await db.notification.findUniqueOrThrow({ where: { id: dead!.id } })).toMatchObject({ status: "sent", attempts: 1, lastError: null });
      expect(gone.received.filter((r) => r.path === "/gone/secret-path")).toHaveLength(3);
      expect((await incidentDeliveryLog(db, incident.id)).events[0]!.counts).toMatchObject({ sent: 4, dead: 0, retrying: 1 });

      // Dead-letter everything still failing, then "retry all" puts them back.
      await db.notification.updateMany({ where: { status: "pending", attempts: { gt: 0 } }, data: { status: "dead" } });
      expect((await listDeadLetters(db)).total).toBe(2);
      expect(await retryDeadNotifications(db, editor)).toBe(2);
      expect((await listDeadLetters(db)).total).toBe(0);
      expect(await db.notification.count({ where: { status: "pending", attempts: 0 } })).toBe(2);
      expect(await db.auditEvent.count({ where: { action: { startsWith: "notification.retried" } } })).toBe(2);
    } finally {
      await Promise.all([ok.close(), flaky.close(), gone.close()]);
    }
  });

  it("has an empty log for an incident that alerted nobody", async () => {
    const incident = await openIncident(db, editor, { name: "Quiet", status: "investigating", impact: "minor", body: "x" });
    expect(await incidentDeliveryLog(db, incident.id)).toEqual({
      events: [],
      totals: { sent: 0, pending: 0, retrying: 0, dead: 0, cancelled: 0, total: 0 },
      problems: [],
      problemCount: 0,
    });
  });
});
