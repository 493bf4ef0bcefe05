import { onShutdown } from "../async/shutdown";
import { db } from "../db";
import { env } from "../env";
import { configuredMailer } from "../mail/mailer";
import { startDispatcherLoop } from "./outbox/dispatcher";
import { onWake } from "./outbox/enqueue";
import { createSenders } from "./senders";
import { reportError } from "../db-reachability";

const globalForOutbox = globalThis as unknown as { vigilOutboxStarted?: boolean };

/** Starts this process's outbox dispatcher once; every instance may run one. */
export function startOutboxDispatcher(): void {
  if (globalForOutbox.vigilOutboxStarted) return;
  globalForOutbox.vigilOutboxStarted = true;
  const e = env();
  const loop = startDispatcherLoop(db(), {
    senders: createSenders({ db: db(), mailer: configuredMailer({ pool: true }), from: e.SMTP_FROM, allowPrivateWebhooks: e.WEBHOOK_ALLOW_PRIVATE }),
    maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
    pollMs: 1000,
    onError: (error) => reportError(error, "outbox dispatcher"),
  });
  onWake(loop.wake);
  // The batch in hand is finished (and marked sent) before the process exits.
  onShutdown("outbox dispatcher", loop.stop);
}
