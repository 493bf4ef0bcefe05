import { inTransaction, type DbOrTx } from "../db";
import { ServiceError } from "../errors";
import { recordAudit, type Actor } from "../audit/record";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password";
import { SignInInput } from "./schemas";
import { createSession } from "./sessions";
import { activeLock, LOCK_MS, recordFailure, throttleKeys } from "./throttle";

export class AuthError extends ServiceError {
  constructor(message: string) {
    super("unauthorized", message);
  }
}

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

function lockMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed attempts. For your security, sign-in is paused for ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/** Refuses while locked; otherwise runs `attempt` and counts a failure when it returns false. */
export async function throttled<T>(
  db: DbOrTx,
  keys: string[],
  actor: Actor,
  now: Date,
  failureAction: string,
  attempt: () => Promise<{ ok: true; value: T } | { ok: false; message: string }>,
): Promise<T> {
  const lock = await activeLock(db, keys, now);
  if (lock) {
    await recordAudit(db, actor, { action: "auth.attempt_while_locked", after: { keys } });
    throw new AuthError(lockMessage(lock, now));
  }
  const result = await attempt();
  if (result.ok) return result.value;
  const locked = await recordFailure(db, keys, now);
  await recordAudit(db, actor, { action: failureAction, after: { keys } });
  if (locked) {
    await recordAudit(db, actor, { action: "auth.locked", after: { keys, minutes: LOCK_MS / 60_000 } });
    throw new AuthError(lockMessage(new Date(now.getTime() + LOCK_MS), now));
  }
  throw new AuthError(result.message);
}

/** Checks email and password and opens a session that still needs its second factor. */
export async function signInWithPassword(db: DbOrTx, raw: unknown, ctx: RequestContext, now = new Date()) {
  const input = SignInInput.parse(raw);
  const keys = throttleKeys(input.email, ctx.ip);
  const anonymous: Actor = { id: null, email: input.email, ip: ctx.ip };
  const user = await throttled(db, keys, anonymous, now, "auth.password_failed", async () => {
    const candidate = await db.user.findUnique({ where: { email: input.email } });
    // Hash even for unknown emails so timing does not reveal which accounts exist.
    const ok = await verifyPassword(input.password, candidate?.passwordHash ?? DUMMY_PASSWORD_HASH);
    return ok && candidate ? { ok: true, value: candidate } : { ok: false, message: "Email or password is incorrect." };
  });
  return inTransaction(db, async (tx) => {
    const session = await createSession(tx, { userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent }, now);
    await recordAudit(tx, { id: user.id, email: user.email, ip: ctx.ip }, { action: "auth.password_ok", targetType: "session" });
    return { token: session.token, needsEnrolment: user.mfaSecret === null };
  });
}
