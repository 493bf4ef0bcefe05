import type { DbOrTx } from "../db";
import { purgeExpiredFlows } from "./oidc/flow-state";
import { IDLE_TIMEOUT_MS } from "./sessions";
import { WINDOW_MS } from "./throttle";

export interface PurgedAuthRows {
  sessions: number;
  throttles: number;
  emailTokens: number;
  oidcFlows: number;
  challenges: number;
}

/**
 * Deletes what can no longer be used: sessions past their absolute or idle timeout,
 * throttle counters whose window is over and that hold no lock, and expired or used
 * email tokens and single sign-ons nobody finished (a day after, so a late click still gets
 * "expired", not "unknown"), and passkey challenges past their few minutes.
 * Idempotent; safe on several instances at once.
 */
export async function purgeExpiredAuthRows(db: DbOrTx, now = new Date()): Promise<PurgedAuthRows> {
  const sessions = await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lt: new Date(now.getTime() - IDLE_TIMEOUT_MS) } }] },
  });
  const throttles = await db.authThrottle.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - WINDOW_MS) }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
  });
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const emailTokens = await db.emailToken.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] } });
  const oidcFlows = await purgeExpiredFlows(db, now);
  const challenges = await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lte: now } } });
  return { sessions: sessions.count, throttles: throttles.count, emailTokens: emailTokens.count, oidcFlows, challenges: challenges.count };
}
