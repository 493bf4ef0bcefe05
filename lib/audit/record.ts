import type { DbOrTx } from "../db";

export interface Actor {
  id: string | null;
  email: string | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, email: null, ip: null };

/** One row per mutation or security event: who, when, from where, and what changed. */
export async function recordAudit(
  db: DbOrTx,
  actor: Actor,
  event: { action: string; targetType?: string; targetId?: string; before?: unknown; after?: unknown },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      ip: actor.ip,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    },
  });
}
