import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { openIncident, postIncidentUpdate } from "@/lib/incidents/staff-verbs";
import { dispatchOnce } from "@/lib/notify/outbox/dispatcher";
import { createSenders } from "@/lib/notify/senders";
import { addSubscriberByStaff } from "@/lib/subscribers/staff-verbs";
import { type ReceivedRequest, startHttpReceiver } from "../support/http-receiver";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Teams, PagerDuty and Opsgenie subscribers through the real outbox to local receivers, and
// generic webhooks' Standard Webhooks signature checked with the reference library.

let db: Db;
let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
/** Per path: how many 503s to answer before accepting (exercises the outbox's retries). */
const failFirst = new Map<string, number>();
const admin: StaffContext = { role: "admin", actor: { id: "ad", email: "ad@example.com", ip: null }, sessionId: null };
const ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
const GENIE_KEY = "eb243592-faa2-4ba2-a551q-1afdf565c889";

beforeAll(async () => {
  receiver = await startHttpReceiver((req) => {
    const path = req.path.split("?")[0]!;
    const left = failFirst.get(path) ?? 0;
    if (left > 0) {
      failFirst.set(path, left - 1);
      return 503;
    }
    return path.startsWith("/og/") || path === "/pd/enqueue" ? 202 : 200;
  });
});
afterAll(async () => receiver.close());

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  receiver.received.length = 0;
  failFirst.clear();
});

async function deliverAll() {
  const senders = createSenders({ db, mailer: null, from: "Vigil <alerts@status.example.com>", allowPrivateWebhooks: true });
  let total = { sent: 0, retried: 0, dead: 0 };
  for (let i = 0; i < 20; i++) {
    const s = await dispatchOnce(db, { senders, backoff: () => 0, maxAttempts: 5 });
    total = { sent: total.sent + s.sent, retried: total.retried + s.retried, dead: total.dead + s.dead };
    if (s.claimed === 0) break;
  }
  return total;
}

const at = (prefix: string) => receiver.received.filter((r) => r.path.startsWith(prefix));
const json = (r: ReceivedRequest) => JSON.parse(r.body);

describe("Teams, PagerDuty and Opsgenie", () => {
  it("open → identified → resolved: an Adaptive Card each time, a PagerDuty trigger and resolve, an Opsgenie create, note and close", async () => {
    const hubdoc = await createComponent(db, "hubdoc");
    // Teams wants https in the console; a relay on loopback stands in for it here, as the Slack tests do.
    await db.subscriber.create({ data: { channel: "teams", target: receiver.url("/teams"), confirmedAt: new Date(), source: "staff" } });
    await addSubscriberByStaff(db, admin, { channel: "pagerduty", target: receiver.url("/pd/enqueue"), key: ROUTING_KEY }, { allowPrivateWebhooks: true });
    await addSubscriberByStaff(db, admin, { channel: "opsgenie", target: receiver.url("/og"), key: GENIE_KEY }, { allowPrivateWebhooks: true });
    // The first try of each service's first request fails: the outbox retries it.
    failFirst.set("/teams", 1).set("/pd/enqueue", 1).set("/og/v2/alerts", 1);

    const incident = await openIncident(db, admin, {
      name: "Hubdoc imports delayed",
      status: "investigating",
      impact: "major",
      body: "Imports are **slow**.",
      components: [{ componentId: hubdoc.id, status: "partial_outage" }],
    });
    expect(await deliverAll()).toMatchObject({ sent: 3, retried: 3, dead: 0 });
    await postIncidentUpdate(db, admin, { incidentId: incident.id, status: "identified", body: "A queue is stuck." });
    await deliverAll();
    await postIncidentUpdate(db, admin, { incidentId: incident.id, status: "resolved", body: "Caught up.", restoreComponents: true });
    await deliverAll();

    const teams = at("/teams").map(json);
    // One failed try, then one card per update.
    expect(teams).toHaveLength(4);
    const cards = teams.slice(1).map((m) => m.attachments[0]);
    for (const c of cards)
      expect(c).toMatchObject({ contentType: "application/vnd.microsoft.card.adaptive", content: { type: "AdaptiveCard", version: "1.4" } });
    expect(cards.map((c) => c.content.body[1].facts[0].value)).toEqual(["Investigating", "Identified", "Resolved"]);
    expect(cards[0].content.body[0].text).toBe("Hubdoc imports delayed");
    expect(cards[0].content.body[1].facts).toContainEqual({ title: "Impact", value: "Major" });
    expect(cards[0].content.actions[0].url).toContain(`/incidents/${incident.id}`);

    const pd = at("/pd/enqueue");
    expect(pd).toHaveLength(3);
    expect(pd.map(json).map((e) => [e.event_action, e.dedup_key, e.routing_key])).toEqual([
      ["trigger", incident.id, ROUTING_KEY],
      ["trigger", incident.id, ROUTING_KEY],
      ["resolve", incident.id, ROUTING_KEY],
    ]);
    expect(json(pd[1]!).payload).toMatchObject({
      severity: "error",
      component: "HUBDOC",
      source: "localhost",
      summary: expect.stringContaining("Hubdoc imports delayed"),
    });
    expect(pd[1]!.headers["content-type"]).toBe("application/json");

    const og = at("/og/");
    expect(og.map((r) => r.path)).toEqual([
      "/og/v2/alerts",
      "/og/v2/alerts",
      `/og/v2/alerts/${incident.id}/notes?identifierType=alias`,
      `/og/v2/alerts/${incident.id}/close?identifierType=alias`,
    ]);
    for (const r of og) expect(r.headers.authorization).toBe(`GenieKey ${GENIE_KEY}`);
    expect(json(og[1]!)).toMatchObject({ alias: incident.id, message: "Hubdoc imports delayed", priority: "P2" });
    expect(json(og[2]!).note).toContain("Identified: A queue is stuck.");
    expect(json(og[3]!).note).toContain("Resolved: Caught up.");
  });

  it("keeps integration keys sealed at rest and shows only their last characters", async () => {
    const options = { allowPrivateWebhooks: true };
    await addSubscriberByStaff(db, admin, { channel: "pagerduty", target: receiver.url("/pd/enqueue"), key: ROUTING_KEY }, options);
    await addSubscriberByStaff(db, admin, { channel: "opsgenie", target: receiver.url("/og/"), key: GENIE_KEY }, options);
    const rows = await db.$queryRawUnsafe<{ channel: string; target: string; secret: string }[]>(
      'SELECT "channel", "target", "secret" FROM "Subscriber" ORDER BY "channel"',
    );
    expect(rows.map((r) => [r.channel, r.target])).toEqual([
      ["opsgenie", `${receiver.url("/og")}#key-c889`],
      ["pagerduty", `${receiver.url("/pd/enqueue")}#key-CDEF`],
    ]);
    const notifications = await db.notification.findMany();
    const everything = JSON.stringify(rows) + JSON.stringify(await db.auditEvent.findMany()) + JSON.stringify(notifications);
    expect(everything).not.toContain(ROUTING_KEY);
    expect(everything).not.toContain(GENIE_KEY);
    for (const r of rows) expect(r.secret).toMatch(/^enc:v1:/);
    // A second PagerDuty service behind the same address is a second subscriber; the same key again is a duplicate.
    await addSubscriberByStaff(db, admin, { channel: "pagerduty", target: receiver.url("/pd/enqueue"), key: "ANOTHERKEY0123456789abcdef000000" }, options);
    await expect(
      addSubscriberByStaff(db, admin, { channel: "pagerduty", target: receiver.url("/pd/enqueue"), key: ROUTING_KEY }, options),
    ).rejects.toMatchObject({
      fields: { target: "already subscribed" },
    });
  });

  it("refuses a keyed channel without its key, naming the field", async () => {
    await expect(addSubscriberByStaff(db, admin, { channel: "opsgenie", target: "", key: "" })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["key"] })]),
    });
  });
});

describe("Standard Webhooks", () => {
  it("signs generic webhooks so the reference library verifies them, and a tampered body fails", async () => {
    const added = await addSubscriberByStaff(db, admin, { channel: "webhook", target: receiver.url("/hook") }, { allowPrivateWebhooks: true });
    expect(added.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    await openIncident(db, admin, { name: "Payments failing", status: "investigating", impact: "critical", body: "Card payments fail." });
    await deliverAll();
    const [hook] = at("/hook");
    const headers = hook!.headers as Record<string, string>;
    expect(headers["x-vigil-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(headers["webhook-id"]).toBe(headers["x-vigil-delivery"]);
    const verifier = new Webhook(added.secret!);
    expect(verifier.verify(hook!.body, headers)).toMatchObject({ incident: { name: "Payments failing" } });
    expect(() => verifier.verify(hook!.body.replace("critical", "minor"), headers)).toThrow(WebhookVerificationError);
  });
});
