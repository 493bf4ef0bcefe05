import { isUniqueViolation, type DbOrTx } from "../db";

// After 5 failed password or code attempts for one account, or from one IP, within
// 15 minutes, further attempts are refused for 15 minutes. Counted race-proof in the
// database (reserveAttempt); tests in tests/integration/auth.test.ts.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** The lock in force at `now`, if any (pure). */
export function lockedUntil(state: Pick<ThrottleState, "lockedUntil"> | null, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
}

export const throttleKeys = (email: string | null, ip: string | null) =>
  [email ? `account:${email}` : null, ip ? `ip:${ip}` : null].filter((k): k is string => k !== null);

export type Reservation = { ok: true } | { ok: false; lockedUntil: Date | null };

/**
 * Reserves one attempt on every key *before* it is judged, so a burst of concurrent
 * attempts cannot all be judged before the lock: each key's counter is bumped by one
 * atomic UPDATE (failures = failures + 1) and read back, so the (MAX_FAILURES + 1)th
 * concurrent attempt sees a count over the limit and is refused without hashing or
 * checking a code. The reservation is released when the attempt succeeds or is refused,
 * and stays counted as a failure when it fails.
 */
export async function reserveAttempt(db: DbOrTx, keys: readonly string[], now: Date): Promise<Reservation> {
  const windowCutoff = new Date(now.getTime() - WINDOW_MS);
  let lock: Date | null = null;
  let over = false;
  for (const key of keys) {
    // A window that is over (and not locked) starts again; the condition makes this idempotent.
    await db.authThrottle.updateMany({
      where: { key, windowStart: { lt: windowCutoff }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      data: { failures: 0, windowStart: now, lockedUntil: null },
    });
    const row = await bump(db, key, now);
    const locked = lockedUntil(row, now);
    if (locked && (!lock || locked > lock)) lock = locked;
    if (row.failures > MAX_FAILURES) over = true;
  }
  if (lock || over) {
    await releaseAttempt(db, keys);
    return { ok: false, lockedUntil: lock };
  }
  return { ok: true };
}

/** failures + 1 in one statement, creating the row when it is missing (a purge may just have removed it). */
async function bump(db: DbOrTx, key: string, now: Date) {
  const upsert = () => db.authThrottle.upsert({ where: { key }, create: { key, failures: 1, windowStart: now }, update: { failures: { increment: 1 } } });
  try {
    return await upsert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return upsert(); // two first attempts created it at once: the row exists now
  }
}

/** Gives back a reservation (the attempt succeeded, or was refused unjudged). */
export async function releaseAttempt(db: DbOrTx, keys: readonly string[]): Promise<void> {
  await db.authThrottle.updateMany({ where: { key: { in: [...keys] }, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

/** After a judged failure (its reservation already counted): locks the keys that reached the limit; true when this failure locked one. */
export async function lockIfOverLimit(db: DbOrTx, keys: readonly string[], now: Date): Promise<boolean> {
  const locked = await db.authThrottle.updateMany({
    where: { key: { in: [...keys] }, failures: { gte: MAX_FAILURES }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { lockedUntil: new Date(now.getTime() + LOCK_MS) },
  });
  return locked.count > 0;
}

export async function clearFailures(db: DbOrTx, keys: string[]): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: { in: keys } } });
}
