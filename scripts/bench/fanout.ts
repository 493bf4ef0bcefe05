// `npm run bench:fanout`: 10,000 confirmed email subscribers and 1,000 webhook
// subscribers against local sinks (a real SMTP server and a real HTTP receiver, in a
// second process). Measures the time from saving an incident update to the last
// delivery, and messages/s. Baseline in the same run: the same SMTP pool and HTTP
// client sending the same number of messages directly, without the outbox.
// DATABASE_URL picks the database (default: a fresh SQLite file).
import { fork } from "node:child_process";
import { rmSync } from "node:fs";
import { Agent, request } from "undici";
import { forEachLimited } from "../../lib/async/concurrency";
import { createDb } from "../../lib/db";
import { smtpMailer } from "../../lib/mail/mailer";
import { applyMigrations } from "../../lib/migrations/migrate";
import { openIncident } from "../../lib/incidents/staff-verbs";
import { startDispatcherLoop } from "../../lib/notify/outbox/dispatcher";
import { createSenders } from "../../lib/notify/senders";

const EMAILS = Number(process.env.BENCH_EMAILS ?? 10_000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 1_000);
const DISPATCHERS = Number(process.env.BENCH_DISPATCHERS ?? 1);
const url = process.env.DATABASE_URL ?? "file:./data/bench-fanout.db";
if (url.startsWith("file:")) for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(`${url.slice(5)}${s}`, { force: true });

// The receivers run in their own process, as a mail server and webhook endpoints would.
const sinks = fork("scripts/bench/sinks.ts", [], { execArgv: ["--import", "tsx"] });
const { smtpPort, hookUrl } = await new Promise<{ smtpPort: number; hookUrl: string }>((resolve) => sinks.once("message", resolve as never));
const counts = () =>
  new Promise<{ mails: number; hooks: number; lastAt: number }>((resolve) => {
    sinks.once("message", resolve as never);
    sinks.send("count");
  });
const POOL = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 16);
const from = "Vigil <alerts@status.example.com>";
const mailer = smtpMailer({ host: "127.0.0.1", port: smtpPort, secure: false, from, pool: true, maxConnections: POOL });

// Baseline: the same transports, no database.
{
  const agent = new Agent({ connections: 64 });
  const started = performance.now();
  const body = JSON.stringify({ meta: {}, page: {}, incident: { name: "baseline" } });
  const messages = Array.from({ length: EMAILS + WEBHOOKS }, (_, i) => i);
  await forEachLimited(messages, 16, async (i) => {
    if (i < EMAILS) await mailer.send({ to: `base${i}@example.com`, subject: "Baseline", text: "x".repeat(600), html: `<p>${"x".repeat(1500)}</p>` });
    else await (await request(`${hookUrl}/base${i}`, { method: "POST", body, dispatcher: agent })).body.dump();
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `baseline (direct send, 16 at a time): ${EMAILS + WEBHOOKS} messages in ${seconds.toFixed(1)} s = ${Math.round((EMAILS + WEBHOOKS) / seconds)} msg/s`,
  );
  (globalThis as unknown as { baselineRate: number }).baselineRate = (EMAILS + WEBHOOKS) / seconds;
  await agent.close();
}
sinks.send("reset");

await applyMigrations(url);
const db = createDb(url);
await db.pageSetting.create({ data: { id: 1, name: "Tallyworks", url: "https://status.example.com", timeZone: "Pacific/Auckland" } });
const component = await db.component.create({ data: { name: "Hubdoc", slug: "hubdoc", position: 0, startDate: new Date() } });
const now = new Date();
for (let i = 0; i < EMAILS; i += 1000) {
  await db.subscriber.createMany({
    data: Array.from({ length: Math.min(1000, EMAILS - i) }, (_, j) => ({ channel: "email", target: `user${i + j}@example.com`, confirmedAt: now })),
  });
}
await db.subscriber.createMany({
  data: Array.from({ length: WEBHOOKS }, (_, i) => ({ channel: "webhook", target: `${hookUrl}/${i}`, confirmedAt: now, secret: `whsec_bench_${i}` })),
});
console.log(`${EMAILS} email + ${WEBHOOKS} webhook subscribers on ${url.split(":")[0]}`);

const loops = Array.from({ length: DISPATCHERS }, () =>
  startDispatcherLoop(db, {
    senders: createSenders({ db, mailer, from, allowPrivateWebhooks: true }),
    batchSize: 500,
    concurrency: POOL * 2,
    pollMs: 100,
    onError: (e) => console.error(e),
  }),
);

const started = Date.now();
await openIncident(
  db,
  { role: "editor", actor: { id: null, email: "bench", ip: null }, sessionId: null },
  {
    name: "Hubdoc – Imports delayed",
    status: "investigating",
    impact: "major",
    body: "We are investigating delayed imports. **Uploads** are queued and will be processed.",
    components: [{ componentId: component.id, status: "partial_outage" }],
  },
);
const saved = Date.now();
for (const loop of loops) loop.wake();
const total = EMAILS + WEBHOOKS;
const deadline = Date.now() + 600_000;
let delivered = await counts();
while (delivered.mails + delivered.hooks < total && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 100));
  delivered = await counts();
}
const seconds = (delivered.lastAt - started) / 1000;
const rate = total / seconds;
console.log(`saving the update (11,000 outbox rows in its transaction): ${((saved - started) / 1000).toFixed(2)} s`);
console.log(`fan-out: ${delivered.mails} emails + ${delivered.hooks} webhooks delivered ${seconds.toFixed(1)} s after saving = ${Math.round(rate)} msg/s`);
console.log(
  `ratio to the direct-send baseline: ${(rate / (globalThis as unknown as { baselineRate: number }).baselineRate).toFixed(2)}×  (goal: all within 60 s: ${seconds <= 60 ? "met" : "NOT met"})`,
);
console.log(
  `outbox: ${await db.notification.count({ where: { status: "sent" } })} sent, ${await db.notification.count({ where: { status: { not: "sent" } } })} not sent`,
);

await Promise.all(loops.map((l) => l.stop()));
mailer.close();
sinks.send("stop");
await db.$disconnect();
process.exit(0);
