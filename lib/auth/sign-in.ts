import { inTransaction, type DbOrTx } from "../db";
import { ServiceError } from "../errors";
import { recordAudit, type Actor } from "../audit/record";
import { log } from "../log";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./password";
import type { OidcConfig } from "./oidc/schemas";
import { SignInInput } from "./schemas";
import { createSession } from "./sessions";
import { LOCK_MS, lockIfOverLimit, releaseAttempt, reserveAttempt, throttleKeys } from "./throttle";

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

/**
 * Refuses while locked or while the keys' attempts are used up (without running `attempt`,
 * so no hash or code check is spent on it); otherwise runs `attempt`, which a reservation
 * made first counts as a failure unless it succeeds (throttle.ts: race-proof).
 */
export async function throttled<T>(
  db: DbOrTx,
  keys: string[],
  actor: Actor,
  now: Date,
  failureAction: string,
  attempt: () => Promise<{ ok: true; value: T } | { ok: false; message: string }>,
): Promise<T> {
  const reservation = await reserveAttempt(db, keys, now);
  if (!reservation.ok) {
    await recordAudit(db, actor, { action: "auth.attempt_while_locked", after: { keys } });
    throw new AuthError(
      reservation.lockedUntil ? lockMessage(reservation.lockedUntil, now) : "Too many sign-in attempts at once. Wait a minute and try again.",
    );
  }
  let result: Awaited<ReturnType<typeof attempt>>;
  try {
    result = await attempt();
  } catch (error) {
    await releaseAttempt(db, keys); // our fault, not the user's
    throw error;
  }
  if (result.ok) {
    await releaseAttempt(db, keys);
    return result.value;
  }
  const locked = await lockIfOverLimit(db, keys, now);
  await recordAudit(db, actor, { action: failureAction, after: { keys } });
  if (locked) {
    await recordAudit(db, actor, { action: "auth.locked", after: { keys, minutes: LOCK_MS / 60_000 } });
    throw new AuthError(lockMessage(new Date(now.getTime() + LOCK_MS), now));
  }
  throw new AuthError(result.message);
}

/**
 * Replaces a hash made with weaker scrypt parameters, now that the password is known to be
 * right. Only if the hash is still the one checked (a password changed meanwhile wins); a
 * failure here costs the upgrade, never the sign-in.
 */
async function rehashPassword(db: DbOrTx, user: { id: string; passwordHash: string }, password: string): Promise<void> {
  try {
    const passwordHash = await hashPassword(password);
    await db.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
  } catch (err) {
    log.warn({ err, userId: user.id }, "could not upgrade a password hash at sign-in");
  }
}

/**
 * Checks email and password and opens a session that still needs its second factor. With
 * single sign-on configured (`sso`), an account linked to the provider signs in there, so
 * leaving the provider's groups ends its access; admins keep their password (break-glass).
 */
export async function signInWithPassword(
  db: DbOrTx,
  raw: unknown,
  ctx: RequestContext,
  now = new Date(),
  sso: Pick<OidcConfig, "issuer" | "displayName"> | null = null,
) {
  const input = SignInInput.parse(raw);
  const keys = throttleKeys(input.email, ctx.ip);
  const anonymous: Actor = { id: null, email: input.email, ip: ctx.ip };
  const user = await throttled(db, keys, anonymous, now, "auth.password_failed", async () => {
    const candidate = await db.user.findUnique({ where: { email: input.email } });
    // Hash even for unknown emails so timing does not reveal which accounts exist.
    const ok = await verifyPassword(input.password, candidate?.passwordHash ?? dummyPasswordHash());
    return ok && candidate ? { ok: true, value: candidate } : { ok: false, message: "Email or password is incorrect." };
  });
  if (sso && user.role !== "admin" && (await db.externalIdentity.count({ where: { userId: user.id, issuer: sso.issuer } })) > 0) {
    await recordAudit(db, { id: user.id, email: user.email, ip: ctx.ip }, { action: "auth.password_refused_sso", targetType: "user", targetId: user.id });
    throw new AuthError(`Your account signs in with ${sso.displayName}: use the button above.`);
  }
  if (needsRehash(user.passwordHash)) await rehashPassword(db, user, input.password);
  return inTransaction(db, async (tx) => {
    const session = await createSession(tx, { userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent }, now);
    await recordAudit(tx, { id: user.id, email: user.email, ip: ctx.ip }, { action: "auth.password_ok", targetType: "session" });
    return { token: session.token, userId: user.id, needsEnrolment: user.mfaSecret === null };
  });
}
