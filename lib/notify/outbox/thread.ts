import type { DbOrTx } from "../../db";

/** A delivery's idempotency key: the same on every attempt, and what email Message-IDs are made from. */
export const deliveryKey = (eventId: string, subscriberId: string) => `${eventId}.${subscriberId}`;

const pairKey = (subscriberId: string, incidentId: string) => `${subscriberId} ${incidentId}`;

export interface ThreadRoots {
  /** The delivery key of the first alert queued for this subscriber about this incident (or maintenance). */
  get(subscriberId: string, incidentId: string): string | null;
}

/**
 * Which alert each delivery of a batch threads under: later alert emails reply to the
 * first one's Message-ID, so a mail client shows one thread per incident. Earlier rows
 * never change, so every attempt of a delivery gets the same answer. One query per batch.
 */
export async function threadRoots(db: DbOrTx, pairs: readonly { subscriberId: string; incidentId: string }[]): Promise<ThreadRoots> {
  const first = new Map<string, string>();
  if (pairs.length > 0) {
    const rows = await db.notification.findMany({
      where: {
        subscriberId: { in: [...new Set(pairs.map((p) => p.subscriberId))] },
        event: { incidentId: { in: [...new Set(pairs.map((p) => p.incidentId))] } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { eventId: true, subscriberId: true, event: { select: { incidentId: true } } },
    });
    for (const row of rows) {
      if (!row.subscriberId || !row.event.incidentId) continue;
      const key = pairKey(row.subscriberId, row.event.incidentId);
      if (!first.has(key)) first.set(key, deliveryKey(row.eventId, row.subscriberId));
    }
  }
  return { get: (subscriberId, incidentId) => first.get(pairKey(subscriberId, incidentId)) ?? null };
}
