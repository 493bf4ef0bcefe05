import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { openIncident } from "@/lib/incidents/staff-verbs";
import { startSmtpServer, type ReceivedMail } from "../support/smtp";
import { createPage, resetDb, testDatabaseUrl, testDb } from "./db";

// The outbox's promise: a dispatcher killed at any moment (here SIGKILL mid fan-out,
// with messages in flight) loses nothing, and every subscriber ends with one message
// per update. A message handed to SMTP just before the kill may be handed over again
// after the restart; it carries the same Message-ID, so mail clients show it once.

const SUBSCRIBERS = 150;
let db: Db;
const inbox: ReceivedMail[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  smtp = await startSmtpServer(0, (mail) => inbox.push(mail), { delayMs: 15 });
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await smtp.close();
});

function startDispatcher(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/dispatcher-child.ts"], {
    env: { ...process.env, VIGIL_TEST_DATABASE_URL: testDatabaseUrl(), SMTP_PORT: String(smtp.port), LEASE_MS: "2000" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(child);
  return child;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it("a dispatcher killed mid fan-out and restarted delivers every message exactly once per subscriber", { timeout: 120_000 }, async () => {
  await db.subscriber.createMany({
    data: Array.from({ length: SUBSCRIBERS }, (_, i) => ({ channel: "email", target: `user${i}@example.com`, confirmedAt: new Date() })),
  });
  await openIncident(
    db,
    { role: "editor", actor: { id: "ed", email: "ed@example.com", ip: null }, sessionId: null },
    {
      name: "Sending emails – Some users unable to send",
      status: "investigating",
      impact: "major",
      body: "We are investigating.",
    },
  );
  expect(await db.notification.count()).toBe(SUBSCRIBERS);

  const first = startDispatcher();
  await waitFor(() => inbox.length >= SUBSCRIBERS / 3, 60_000, "the first third of the fan-out");
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const beforeRestart = inbox.length;
  expect(beforeRestart).toBeLessThan(SUBSCRIBERS);

  startDispatcher();
  await waitFor(async () => (await db.notification.count({ where: { status: "sent" } })) === SUBSCRIBERS, 90_000, "every notification to be sent");

  expect(await db.notification.count({ where: { status: { not: "sent" } } })).toBe(0);
  const byRecipient = new Map<string, Set<string>>();
  for (const mail of inbox) {
    const id = /^Message-ID:\s*(<[^>]+>)/im.exec(mail.raw)?.[1];
    expect(id).toBeDefined();
    for (const to of mail.to) byRecipient.set(to, (byRecipient.get(to) ?? new Set()).add(id!));
  }
  // Everyone got the alert, and anyone who got it twice got the same message twice.
  expect(byRecipient.size).toBe(SUBSCRIBERS);
  for (const ids of byRecipient.values()) expect(ids.size).toBe(1);
  const repeats = inbox.length - SUBSCRIBERS;
  console.log(`crash test: ${beforeRestart} delivered before the kill, ${repeats} handed over twice (same Message-ID)`);
  expect(repeats).toBeLessThanOrEqual(25);
});
