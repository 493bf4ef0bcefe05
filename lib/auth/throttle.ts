import type { DbOrTx } from "../db";

// After 5 failed password or code attempts for one account, or from one IP, within
// 15 minutes, further attempts are refused for 15 minutes.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** The state after one more failure (pure). */
export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStart.getTime() > WINDOW_MS;
  const failures = fresh ? 1 : state.failures + 1;
  return {
    failures,
    windowStart: fresh ? now : state.windowStart,
    lockedUntil: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : (state?.lockedUntil ?? null),
  };
}

export function lockedUntil(state: ThrottleState | null, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
}

export const throttleKeys = (email: string | null, ip: string | null) =>
  [email ? `account:${email}` : null, ip ? `ip:${ip}` : null].filter((k): k is string => k !== null);

/** The latest lock among the keys, if any is locked now. */
export async function activeLock(db: DbOrTx, keys: string[], now: Date): Promise<Date | null> {
  const rows = await db.authThrottle.findMany({ where: { key: { in: keys } } });
  const locks = rows.map((r) => lockedUntil(r, now)).filter((d): d is Date => d !== null);
  return locks.length ? new Date(Math.max(...locks.map((d) => d.getTime()))) : null;
}

/** Records a failure on each key; returns true when this failure locked one. */
export async function recordFailure(db: DbOrTx, keys: string[], now: Date): Promise<boolean> {
  let locked = false;
  for (const key of keys) {
    const existing = await db.authThrottle.findUnique({ where: { key } });
    const next = afterFailure(existing, now);
    await db.authThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
    if (next.failures === MAX_FAILURES) locked = true;
  }
  return locked;
}

export async function clearFailures(db: DbOrTx, keys: string[]): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: { in: keys } } });
}
