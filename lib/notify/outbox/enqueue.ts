import type { DbOrTx } from "../../db";
import { recipientLabel } from "../recipient";

// Writing to the outbox happens inside the caller's transaction: the update and the
// notifications it causes commit together or not at all. One row per subscriber and
// event; (eventId, subscriberId) is unique, so nothing is queued twice.

const CHUNK = 1000;

export interface EventToSend {
  kind: string;
  incidentId?: string | null;
  updateId?: string | null;
  payload: unknown;
}

/**
 * Queues an alert for every confirmed subscriber it concerns: whole-page subscribers,
 * and component subscribers when the event touches one of their components.
 * Returns how many notifications were queued.
 */
export async function enqueueForSubscribers(tx: DbOrTx, event: EventToSend, componentIds: readonly string[], now: Date): Promise<number> {
  const subscribers = await tx.subscriber.findMany({
    where: {
      confirmedAt: { not: null },
      OR: [{ components: { none: {} } }, ...(componentIds.length ? [{ components: { some: { componentId: { in: [...componentIds] } } } }] : [])],
    },
    select: { id: true, channel: true, target: true },
  });
  if (subscribers.length === 0) return 0;
  const created = await tx.alertEvent.create({
    data: { kind: event.kind, incidentId: event.incidentId ?? null, updateId: event.updateId ?? null, payload: JSON.stringify(event.payload) },
  });
  for (let i = 0; i < subscribers.length; i += CHUNK) {
    await tx.notification.createMany({
      data: subscribers.slice(i, i + CHUNK).map((s) => ({
        eventId: created.id,
        subscriberId: s.id,
        channel: s.channel,
        recipient: recipientLabel(s.channel, s.target),
        nextAttemptAt: now,
      })),
    });
  }
  return subscribers.length;
}

/** Queues one message to one subscriber (e.g. the opt-in confirmation), confirmed or not. */
export async function enqueueForOne(tx: DbOrTx, event: EventToSend, subscriber: { id: string; channel: string; target: string }, now: Date): Promise<void> {
  const created = await tx.alertEvent.create({ data: { kind: event.kind, payload: JSON.stringify(event.payload) } });
  await tx.notification.create({
    data: {
      eventId: created.id,
      subscriberId: subscriber.id,
      channel: subscriber.channel,
      recipient: recipientLabel(subscriber.channel, subscriber.target),
      nextAttemptAt: now,
    },
  });
}

const globalForWake = globalThis as unknown as { vigilOutboxWake?: () => void };

/** Tells this process's dispatcher (if running) to look now rather than at its next poll. */
export function wakeDispatcher(): void {
  globalForWake.vigilOutboxWake?.();
}

export function onWake(listener: (() => void) | undefined): void {
  globalForWake.vigilOutboxWake = listener;
}
