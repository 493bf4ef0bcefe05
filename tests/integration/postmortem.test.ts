import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import type { Db } from "@/lib/db";
import { openIncident, postIncidentUpdate, setPostmortem } from "@/lib/incidents/staff-verbs";
import { renderMarkdown } from "@/lib/markdown/render";
import { dispatchOnce } from "@/lib/notify/outbox/dispatcher";
import { createSenders } from "@/lib/notify/senders";
import { mailHeader, plainTextPart, startSmtpSink } from "../support/smtp";
import { startHttpReceiver } from "../support/http-receiver";
import { createPage, resetDb, testDb } from "./db";

// Issue 14: a postmortem reads like an update (headings, lists) and can be sent to
// subscribers when it is published, in the incident's thread.

let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let hooks: Awaited<ReturnType<typeof startHttpReceiver>>;
const editor: StaffContext = { role: "editor", actor: { id: "ed", email: "ed@example.com", ip: null }, sessionId: null };

beforeAll(async () => {
  smtp = await startSmtpSink();
  hooks = await startHttpReceiver();
});
afterAll(async () => {
  await smtp.close();
  await hooks.close();
});
beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  smtp.inbox.length = 0;
});

async function deliverAll() {
  const senders = createSenders({ db, mailer: smtp.mailer, from: "Vigil <alerts@status.example.com>", allowPrivateWebhooks: true });
  for (let i = 0; i < 20; i++) if ((await dispatchOnce(db, { senders, backoff: () => 0 })).claimed === 0) break;
}

const POSTMORTEM = "## What happened\n\nA certificate expired.\n\n## What we changed\n\n- alerts 30 days ahead\n- automatic renewal";

describe("postmortems", () => {
  it("render headings and lists like updates", () => {
    const html = renderMarkdown(POSTMORTEM);
    expect(html).toContain("<h4>What happened</h4>");
    expect(html).toContain("<li>automatic renewal</li>");
  });

  it("published with “send”, reach email and webhook subscribers once, in the incident's thread", async () => {
    await db.subscriber.create({ data: { channel: "email", target: "kim@example.com", confirmedAt: new Date() } });
    await db.subscriber.create({ data: { channel: "webhook", target: hooks.url(), confirmedAt: new Date() } });
    const incident = await openIncident(db, editor, { name: "Sign-in failures", status: "investigating", impact: "major", body: "Looking." });
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "resolved", body: "Fixed." });
    await deliverAll();
    await setPostmortem(db, editor, { incidentId: incident.id, postmortem: "Draft." });
    await setPostmortem(db, editor, { incidentId: incident.id, postmortem: POSTMORTEM, notifySubscribers: true });
    await deliverAll();

    const kinds = (await db.alertEvent.findMany({ orderBy: { createdAt: "asc" } })).map((e) => e.kind);
    expect(kinds).toEqual(["incident.created", "incident.resolved", "incident.postmortem"]);
    const mails = smtp.inbox.filter((m) => m.to.includes("kim@example.com"));
    expect(mails).toHaveLength(3);
    const last = mails[2]!;
    const root = mails.find((m) => mailHeader(m, "In-Reply-To") === undefined)!;
    expect(mailHeader(last, "In-Reply-To")).toBe(mailHeader(root, "Message-ID"));
    expect(plainTextPart(last)).toMatch(/^Postmortem – Sign-in failures/);
    expect(plainTextPart(last)).toContain("A certificate expired.");
    const hook = hooks.received.at(-1)!;
    expect(JSON.parse(hook.body).incident.status).toBe("postmortem");
  });

  it("are sent only for a resolved incident, and only with text", async () => {
    const incident = await openIncident(db, editor, { name: "Slow pages", status: "investigating", impact: "minor", body: "Looking." });
    await expect(setPostmortem(db, editor, { incidentId: incident.id, postmortem: POSTMORTEM, notifySubscribers: true })).rejects.toMatchObject({
      code: "invalid",
      fields: { notifySubscribers: expect.stringContaining("resolve the incident first") },
    });
    await postIncidentUpdate(db, editor, { incidentId: incident.id, status: "resolved", body: "Fixed." });
    await expect(setPostmortem(db, editor, { incidentId: incident.id, postmortem: "  ", notifySubscribers: true })).rejects.toMatchObject({
      fields: { postmortem: expect.any(String) },
    });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).postmortem).toBeNull();
  });
});
