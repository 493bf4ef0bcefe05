import { randomUUID } from "node:crypto";
import { forEachLimited } from "../../async/concurrency";
import { nextAttemptDelayMs, shouldDeadLetter } from "./backoff";
import { dueBatch } from "./due-batch";
import { deliveryKey, threadRoots } from "./thread";
import { openOptionalSecret } from "../../crypto/secrets";
import type { DbOrTx } from "../../db";
import { reportError } from "../../db-reachability";

// Sends what the outbox holds. Several dispatchers (one per instance, or a restarted
// one) may run at once: each claims a batch by writing a short lease on the rows
// (compare-and-set on the lease, so no row is claimed twice), sends with bounded
// concurrency, then marks each row sent, or schedules a retry with exponential backoff
// and full jitter, or dead-letters it after the last attempt. A dispatcher killed
// mid-batch leaves leased rows that another takes over once the lease runs out; the
// messages it may already have handed over carry the same Message-ID / delivery id on
// the retry, so receivers see one message. Rows whose subscriber has left are cancelled,
// never sent; they stay as the delivery log.

export interface Delivery {
  notificationId: string;
  /** Stable across retries: `<eventId>.<subscriberId>`. */
  idempotencyKey: string;
  /** The idempotency key of the first alert to this subscriber about the same incident (maybe this one); null when about none. */
  threadKey: string | null;
  kind: string;
  payload: unknown;
  subscriber: { id: string; channel: string; target: string; secret: string | null };
}

export type Sender = (delivery: Delivery) => Promise<void>;

/** Webhook signing secrets are stored encrypted (lib/crypto/) under this purpose; the subscribers' verbs seal them. */
export const WEBHOOK_SECRET = "Subscriber.secret";

/** A failure retrying cannot fix (e.g. the endpoint answered 404): dead-letter at once. */
export class PermanentDeliveryError extends Error {}

export interface DispatchOptions {
  senders: Partial<Record<string, Sender>>;
  owner?: string;
  now?: () => Date;
  batchSize?: number;
  concurrency?: number;
  maxAttempts?: number;
  leaseMs?: number;
  backoff?: (attempt: number) => number;
  /** Mark sent rows at least this often, and whenever this many are waiting. */
  flushMs?: number;
  flushEvery?: number;
}

export interface DispatchSummary {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  /** The subscriber left before it was sent. */
  cancelled: number;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 500);
}

/** Claims one batch of due notifications and delivers it. */
export async function dispatchOnce(db: DbOrTx, options: DispatchOptions): Promise<DispatchSummary> {
  const owner = options.owner ?? randomUUID();
  const clock = options.now ?? (() => new Date());
  const now = clock();
  const leaseMs = options.leaseMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const free = [{ leaseUntil: null }, { leaseUntil: { lt: now } }];
  const due = await dueBatch(db, now, options.batchSize ?? 200);
  const summary: DispatchSummary = { claimed: 0, sent: 0, retried: 0, dead: 0, cancelled: 0 };
  if (due.length === 0) return summary;
  const leaseUntil = new Date(now.getTime() + leaseMs);
  await db.notification.updateMany({
    where: { id: { in: due }, status: "pending", OR: free },
    data: { leaseUntil, leaseOwner: owner },
  });
  const order = new Map(due.map((id, i) => [id, i]));
  const mine = (
    await db.notification.findMany({
      where: { id: { in: due }, leaseOwner: owner, leaseUntil },
      include: { event: true, subscriber: { select: { id: true, channel: true, target: true, secret: true } } },
    })
  ).sort((a, b) => order.get(a.id)! - order.get(b.id)!); // sent in dueBatch's order
  summary.claimed = mine.length;
  const threads = await threadRoots(
    db,
    mine.flatMap((row) => (row.subscriberId && row.event.incidentId ? [{ subscriberId: row.subscriberId, incidentId: row.event.incidentId }] : [])),
  );

  // Sent rows are marked in small groups (one statement per group rather than per
  // message): a crash can then repeat at most one group, each with its stable id.
  const sentIds: string[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flushSent = () => {
    const ids = sentIds.splice(0);
    if (ids.length === 0) return flushing;
    flushing = flushing
      .then(async () => {
        await db.notification.updateMany({
          where: { id: { in: ids }, leaseOwner: owner },
          data: { status: "sent", sentAt: clock(), attempts: { increment: 1 }, leaseUntil: null, lastError: null },
        });
      })
      .catch((error: unknown) => {
        // Left leased: after the lease they are sent again, with the same ids.
        reportError(error, "outbox: marking sent notifications");
      });
    return flushing;
  };
  const flushTimer = setInterval(() => void flushSent(), options.flushMs ?? 25);
  // A batch may take longer than its lease (slow receivers): keep extending the lease
  // on the rows not yet done, so no other dispatcher takes them over while we send.
  const unfinished = new Set(mine.map((row) => row.id));
  const heartbeat = setInterval(
    () => {
      if (unfinished.size === 0) return;
      void db.notification
        .updateMany({ where: { id: { in: [...unfinished] }, leaseOwner: owner }, data: { leaseUntil: new Date(clock().getTime() + leaseMs) } })
        .catch((error: unknown) => reportError(error, "outbox: extending a lease"));
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );

  try {
    await forEachLimited(mine, options.concurrency ?? 16, async (row) => {
      const sender = options.senders[row.channel];
      const attempts = row.attempts + 1;
      const ours = { id: row.id, leaseOwner: owner };
      const subscriber = row.subscriber;
      try {
        if (!subscriber) {
          await db.notification.updateMany({
            where: ours,
            data: { status: "cancelled", leaseUntil: null, lastError: "the subscriber left before it was sent" },
          });
          summary.cancelled++;
          return;
        }
        if (!sender) throw new PermanentDeliveryError(`no sender for channel ${row.channel}`);
        await sender({
          notificationId: row.id,
          idempotencyKey: deliveryKey(row.eventId, subscriber.id),
          threadKey: row.event.incidentId ? threads.get(subscriber.id, row.event.incidentId) : null,
          kind: row.event.kind,
          payload: JSON.parse(row.event.payload),
          // Opened per delivery: a value that cannot be decrypted fails (and is retried) like any delivery.
          subscriber: { ...subscriber, secret: openOptionalSecret(WEBHOOK_SECRET, subscriber.secret) },
        });
        sentIds.push(row.id);
        if (sentIds.length >= (options.flushEvery ?? 25)) await flushSent();
        summary.sent++;
      } catch (error) {
        const dead = error instanceof PermanentDeliveryError || shouldDeadLetter(attempts, maxAttempts);
        const delay = options.backoff ? options.backoff(attempts) : nextAttemptDelayMs(attempts);
        await db.notification.updateMany({
          where: ours,
          data: dead
            ? { status: "dead", attempts, leaseUntil: null, lastError: errorText(error) }
            : { attempts, leaseUntil: null, lastError: errorText(error), nextAttemptAt: new Date(clock().getTime() + delay) },
        });
        if (dead) summary.dead++;
        else summary.retried++;
      } finally {
        unfinished.delete(row.id);
      }
    });
  } finally {
    clearInterval(flushTimer);
    clearInterval(heartbeat);
    await flushSent();
  }
  return summary;
}

export interface DispatcherLoop {
  /** Resolves once the current batch has finished. */
  stop(): Promise<void>;
  /** Look for work now rather than at the next poll. */
  wake(): void;
}

/** Runs batches back to back while there is work, then polls (or waits for a wake-up). */
export function startDispatcherLoop(db: DbOrTx, options: DispatchOptions & { pollMs?: number; onError?: (e: unknown) => void }): DispatcherLoop {
  let running = true;
  let wakeUp: (() => void) | null = null;
  const owner = options.owner ?? `dispatcher-${randomUUID()}`;
  const done = (async () => {
    while (running) {
      let busy = false;
      try {
        const summary = await dispatchOnce(db, { ...options, owner });
        busy = summary.claimed > 0;
      } catch (error) {
        options.onError?.(error);
      }
      if (!running) break;
      if (!busy) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs ?? 2000);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = null;
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      (wakeUp as (() => void) | null)?.();
      await done;
    },
    wake: () => (wakeUp as (() => void) | null)?.(),
  };
}
