// A dispatcher in its own process, for the crash test: the test kills it with SIGKILL
// mid fan-out and starts another. Configured by environment variables.
import { createDb } from "../../lib/db";
import { smtpMailer } from "../../lib/mail/mailer";
import { startDispatcherLoop } from "../../lib/notify/outbox/dispatcher";
import { createSenders } from "../../lib/notify/senders";

const db = createDb(process.env.VIGIL_TEST_DATABASE_URL!);
const from = "Vigil <alerts@status.example.com>";
const mailer = smtpMailer({ host: "127.0.0.1", port: Number(process.env.SMTP_PORT), secure: false, from, pool: true });
startDispatcherLoop(db, {
  senders: createSenders({ db, mailer, from, allowPrivateWebhooks: true }),
  leaseMs: Number(process.env.LEASE_MS ?? 2000),
  batchSize: 25,
  concurrency: 5,
  pollMs: 200,
  onError: (error) => console.error("[child]", error),
});
console.log("dispatcher started");
