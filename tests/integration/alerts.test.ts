import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "@/lib/notify/channels/webhook";
import type { StaffContext } from "@/lib/auth/staff";
import { setStatusByStaff } from "@/lib/components/staff-verbs";
import type { Db } from "@/lib/db";
import { openIncident, postIncidentUpdate, scheduleMaintenance } from "@/lib/incidents/staff-verbs";
import { advanceMaintenances } from "@/lib/incidents/maintenance/advance";
import { dispatchOnce } from "@/lib/notify/outbox/dispatcher";
import { createSenders } from "@/lib/notify/senders";
import { signingSecret } from "@/lib/page/signing";
import { issueFormToken } from "@/lib/subscribers/signing";
import type { SubscribeInput } from "@/lib/subscribers/schemas";
import { confirmSubscription, subscribe, unsubscribe } from "@/lib/subscribers/subscribe";
import { startHttpReceiver } from "../support/http-receiver";
import { startSmtpSink } from "../support/smtp";
import { createComponent, createPage, resetDb, testDb } from "./db";

let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const editor: StaffContext = { role: "editor", actor: { id: "ed", email: "ed@example.com", ip: null }, sessionId: null };

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

/** Delivers everything due, like the running dispatcher, without waiting for backoff. */
async function deliverAll(options: { maxAttempts?: number } = {}) {
  let total = { sent: 0, retried: 0, dead: 0 };
  for (let i = 0; i < 20; i++) {
    const s = await dispatchOnce(db, { senders: senders(), backoff: () => 0, maxAttempts: options.maxAttempts ?? 8 });
    total = { sent: total.sent + s.sent, retried: total.retried + s.retried, dead: total.dead + s.dead };
    if (s.claimed === 0) break;
  }
  return total;
}

async function signUp(input: SubscribeInput, ip = "198.51.100.20") {
  const secret = await signingSecret(db);
  const issued = new Date(Date.now() - 5000);
  return subscribe(db, input, { ip, formToken: issueFormToken(secret, issued), honeypot: "", emailEnabled: true, allowPrivateWebhooks: true });
}

const tokenFrom = (raw: string, path: string) => new RegExp(`${path}\\?token=([A-Za-z0-9_.-]+)`).exec(raw)?.[1];

describe("email: double opt-in, alerts, unsubscribe", () => {
  it("sends nothing but the confirmation until confirmed; then one alert per update with unsubscribe headers", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    expect(await signUp({ channel: "email", target: "Kim@Example.com" })).toEqual({ kind: "check_email" });
    await openIncident(db, editor, { name: "Before confirming", status: "investigating", impact: "minor", body: "x" });
    await deliverAll();
    expect(smtp.inbox).toHaveLength(1);
    const confirmation = smtp.inbox[0]!;
    expect(confirmation.to).toEqual(["kim@example.com"]);
    expect(confirmation.raw).toContain("Confirm your subscription");
    expect(confirmation.raw).not.toContain("Before confirming");

    await confirmSubscription(db, tokenFrom(confirmation.raw, "/subscribe/confirm")!);
    smtp.inbox.length = 0;
    const incident = await openIncident(db, editor, {
      name: "Hubdoc – Imports delayed",
      status: "investigating",
      impact: "major",
      body: "We are **investigating** delayed imports.",
      components: [{ componentId: hubdoc.id, status: "partial_outage" }],
    });
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "identified", body: "Quiet fix.", notifySubscribers: false });
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "resolved", body: "All imports processed.", restoreComponents: true });
    await setStatusByStaff(db, editor, { componentId: hubdoc.id, status: "major_outage" }); // a status change alone alerts nobody
    const result = await deliverAll();
    expect(result).toEqual({ sent: 2, retried: 0, dead: 0 });
    // Delivered concurrently, in one thread (one subject): find each by its status line.
    const opened = smtp.inbox.find((m) => m.raw.includes("Status: Investigating"));
    const resolved = smtp.inbox.find((m) => m.raw.includes("Status: Resolved"));
    expect(opened!.subject).toBe("[Test] Hubdoc – Imports delayed");
    expect(resolved!.subject).toBe(opened!.subject);
    expect(opened!.raw).toContain("investigating</strong> delayed imports");
    expect(opened!.raw).toContain("HUBDOC");
    expect(opened!.raw).toContain(`http://localhost/incidents/${incident.id}`);
    const headers = opened!.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
    expect(headers).toMatch(/List-Unsubscribe: <http:\/\/localhost\/api\/subscriptions\/unsubscribe\?token=[\w.-]+>/);
    expect(headers).toMatch(/Message-ID: <[0-9a-f]+@status\.example\.com>/i);
    expect(headers).toContain("Auto-Submitted: auto-generated");
    expect(opened!.raw).toContain("Content-Type: text/plain");
    expect(resolved!.raw).toContain("All imports processed.");
    expect(smtp.inbox.some((m) => m.raw.includes("Quiet fix."))).toBe(false);

    await unsubscribe(db, tokenFrom(resolved!.raw, "/api/subscriptions/unsubscribe")!);
    expect(await db.subscriber.count()).toBe(0);
    await openIncident(db, editor, { name: "After unsubscribing", status: "investigating", impact: "minor", body: "x" });
    expect(await deliverAll()).toEqual({ sent: 0, retried: 0, dead: 0 });
  });

  it("component subscribers hear only about their components; the same address asking again gets a manage link", async () => {
    const [verify, tax] = [await createComponent(db, "verify", 0), await createComponent(db, "tax", 1)];
    await signUp({ channel: "email", target: "ops@example.com", components: [tax.id] });
    await deliverAll();
    await confirmSubscription(db, tokenFrom(smtp.inbox[0]!.raw, "/subscribe/confirm")!);
    smtp.inbox.length = 0;
    await openIncident(db, editor, {
      name: "Verify only",
      status: "investigating",
      impact: "minor",
      body: "x",
      components: [{ componentId: verify.id, status: "degraded_performance" }],
    });
    await openIncident(db, editor, {
      name: "Tax filing slow",
      status: "investigating",
      impact: "minor",
      body: "x",
      components: [{ componentId: tax.id, status: "degraded_performance" }],
    });
    await scheduleMaintenance(db, editor, {
      name: "Tax DB upgrade",
      body: "Planned.",
      scheduledFor: new Date(Date.now() - 1000),
      scheduledUntil: new Date(Date.now() + 3600_000),
      components: [tax.id],
    });
    await advanceMaintenances(db);
    await deliverAll();
    const subjects = smtp.inbox.map((m) => m.subject).sort();
    expect(subjects).toEqual(["[Test] Tax DB upgrade", "[Test] Tax DB upgrade", "[Test] Tax filing slow"]);
    expect(smtp.inbox.some((m) => m.raw.includes("Maintenance has started – Tax DB upgrade"))).toBe(true);

    smtp.inbox.length = 0;
    expect(await signUp({ channel: "email", target: "ops@example.com" })).toEqual({ kind: "check_email" });
    await deliverAll();
    expect(smtp.inbox[0]!.raw).toContain("already subscribed");
    expect(smtp.inbox[0]!.raw).toContain("/subscribe/manage?token=");
  });

  it("refuses bots and floods with clear messages", async () => {
    const secret = await signingSecret(db);
    const base = { ip: "203.0.113.9", honeypot: "", emailEnabled: true, allowPrivateWebhooks: false };
    const old = issueFormToken(secret, new Date(Date.now() - 5000));
    await expect(subscribe(db, { channel: "email", target: "a@example.com" }, { ...base, formToken: old, honeypot: "http://spam" })).rejects.toThrow(
      "could not accept",
    );
    await expect(subscribe(db, { channel: "email", target: "a@example.com" }, { ...base, formToken: issueFormToken(secret, new Date()) })).rejects.toThrow(
      "could not accept",
    );
    await expect(subscribe(db, { channel: "email", target: "nope" }, { ...base, formToken: old })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["target"] })],
    });
    await expect(subscribe(db, { channel: "email", target: "a@example.com" }, { ...base, formToken: old, emailEnabled: false })).rejects.toThrow(
      "no mail server",
    );
    for (let i = 0; i < 3; i++) await subscribe(db, { channel: "email", target: "a@example.com" }, { ...base, formToken: old });
    await expect(subscribe(db, { channel: "email", target: "a@example.com" }, { ...base, formToken: old })).rejects.toThrow(
      "already sent a message to this address",
    );
    await expect(subscribe(db, { channel: "webhook", target: "http://127.0.0.1:9/x" }, { ...base, formToken: old })).rejects.toMatchObject({
      fields: { target: expect.stringContaining("loopback") },
    });
  });
});

describe("webhooks, Slack and Discord", () => {
  it("signs Statuspage-shaped webhooks; chat gets its own format", async () => {
    const receiver = await startHttpReceiver();
    try {
      const result = await signUp({ channel: "webhook", target: receiver.url("/hook") });
      if (result.kind !== "subscribed") throw new Error("expected a webhook subscription");
      await db.subscriber.createMany({
        data: [
          { channel: "slack", target: receiver.url("/slack"), confirmedAt: new Date(), source: "staff" },
          { channel: "discord", target: receiver.url("/discord"), confirmedAt: new Date(), source: "staff" },
        ],
      });
      const incident = await openIncident(db, editor, { name: "Payments failing", status: "investigating", impact: "critical", body: "Card payments fail." });
      expect((await deliverAll()).sent).toBe(3);
      const hook = receiver.received.find((r) => r.path === "/hook")!;
      const payload = JSON.parse(hook.body);
      expect(Object.keys(payload)).toEqual(["meta", "page", "incident"]);
      expect(payload.page).toMatchObject({ status_indicator: "critical" });
      expect(payload.incident).toMatchObject({ id: incident.id, name: "Payments failing", status: "investigating", impact: "critical" });
      expect(payload.incident.incident_updates[0].body).toBe("Card payments fail.");
      const signature = String(hook.headers["x-vigil-signature"]);
      expect(verifyWebhookSignature(result.secret!, signature, hook.body, Math.floor(Date.now() / 1000))).toMatchObject({ ok: true });
      expect(verifyWebhookSignature(result.secret!, signature, hook.body.replace("critical", "minor"), Math.floor(Date.now() / 1000))).toMatchObject({
        ok: false,
      });
      expect(JSON.parse(receiver.received.find((r) => r.path === "/slack")!.body).blocks[0]).toMatchObject({ type: "header" });
      expect(JSON.parse(receiver.received.find((r) => r.path === "/discord")!.body).embeds[0].title).toContain("Payments failing");
    } finally {
      await receiver.close();
    }
  });

  it("retries failures with backoff, dead-letters after the last attempt or a 4xx, keeping the last error", async () => {
    const flaky = await startHttpReceiver((_req, n) => (n <= 2 ? 503 : 200));
    const down = await startHttpReceiver(() => 500);
    const gone = await startHttpReceiver(() => 410);
    try {
      await db.subscriber.createMany({
        data: [flaky, down, gone].map((r, i) => ({ channel: "webhook", target: r.url(`/${i}`), confirmedAt: new Date(), source: "staff" })),
      });
      await openIncident(db, editor, { name: "Flaky", status: "investigating", impact: "minor", body: "x" });
      const total = await deliverAll({ maxAttempts: 4 });
      expect(total).toEqual({ sent: 1, retried: 2 + 3, dead: 2 });
      const rows = await db.notification.findMany({ include: { subscriber: true }, orderBy: { subscriber: { target: "asc" } } });
      const byTarget = Object.fromEntries(rows.map((r) => [new URL(r.subscriber!.target).pathname, r]));
      expect(byTarget["/0"]).toMatchObject({ status: "sent", attempts: 3 });
      expect(byTarget["/1"]).toMatchObject({ status: "dead", attempts: 4, lastError: "the endpoint answered 500" });
      expect(byTarget["/2"]).toMatchObject({ status: "dead", attempts: 1, lastError: "the endpoint answered 410" });
      expect(flaky.received).toHaveLength(3);
      // Every retry of one delivery carries the same delivery id, so receivers can drop repeats.
      expect(new Set(flaky.received.map((r) => r.headers["x-vigil-delivery"])).size).toBe(1);
    } finally {
      await Promise.all([flaky.close(), down.close(), gone.close()]);
    }
  });

  it("two dispatchers at once never send one notification twice", async () => {
    const receiver = await startHttpReceiver();
    try {
      await db.subscriber.createMany({
        data: Array.from({ length: 60 }, (_, i) => ({ channel: "webhook", target: receiver.url(`/s${i}`), confirmedAt: new Date(), source: "staff" })),
      });
      await openIncident(db, editor, { name: "Race", status: "investigating", impact: "minor", body: "x" });
      const run = () => dispatchOnce(db, { senders: senders(), batchSize: 40, concurrency: 8 });
      const summaries = await Promise.all([run(), run(), run()]);
      await deliverAll();
      expect(summaries.reduce((n, s) => n + s.claimed, 0)).toBeLessThanOrEqual(60);
      expect(receiver.received).toHaveLength(60);
      expect(new Set(receiver.received.map((r) => r.path)).size).toBe(60);
    } finally {
      await receiver.close();
    }
  });
});

describe("leases", () => {
  it("a batch slower than its lease keeps it: a second dispatcher takes nothing over meanwhile", async () => {
    const receiver = await startHttpReceiver();
    try {
      await db.subscriber.createMany({
        data: [0, 1, 2].map((i) => ({ channel: "webhook", target: receiver.url(`/slow${i}`), confirmedAt: new Date(), source: "staff" })),
      });
      await openIncident(db, editor, { name: "Slow receivers", status: "investigating", impact: "minor", body: "x" });
      const slow = senders();
      const slowWebhook: typeof slow.webhook = async (d) => {
        await new Promise((r) => setTimeout(r, 700));
        await slow.webhook!(d);
      };
      const first = dispatchOnce(db, { senders: { webhook: slowWebhook }, leaseMs: 300, concurrency: 1 });
      await new Promise((r) => setTimeout(r, 900)); // well past the first lease
      const second = await dispatchOnce(db, { senders: senders(), leaseMs: 300 });
      expect(second.claimed).toBe(0);
      expect((await first).sent).toBe(3);
      expect(receiver.received).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });
});
