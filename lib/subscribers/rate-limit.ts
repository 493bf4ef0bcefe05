import type { DbOrTx } from "../db";

/**
 * Counts one hit on `key` in a fixed window and says whether it went over `limit`.
 * Kept in the database (the AuthThrottle table, under its own key prefix) so every
 * instance shares the count.
 */
export async function overLimit(db: DbOrTx, key: string, limit: number, windowMs: number, now: Date): Promise<boolean> {
  const row = await db.authThrottle.findUnique({ where: { key } });
  if (!row || now.getTime() - row.windowStart.getTime() >= windowMs) {
    await db.authThrottle.upsert({
      where: { key },
      create: { key, failures: 1, windowStart: now },
      update: { failures: 1, windowStart: now, lockedUntil: null },
    });
    return 1 > limit;
  }
  const updated = await db.authThrottle.update({ where: { key }, data: { failures: { increment: 1 } } });
  return updated.failures > limit;
}
