import { createHash, randomBytes } from "node:crypto";
import { openOptionalSecret } from "../crypto/secrets";
import type { DbOrTx } from "../db";

export const SESSION_COOKIE = "vigil_session";
/**
 * The cookie on an https page: the __Host- prefix makes the browser refuse it unless it is
 * Secure, host-only and for path /, so neither a subdomain nor a plain-http page can plant
 * or overwrite it (session fixation by cookie tossing).
 */
export const SECURE_SESSION_COOKIE = "__Host-vigil_session";

/** A sign-in cookie's name and Secure flag for a page at `publicUrl` (pure): `__Host-<name>` and Secure on https. */
export function hostCookieFor(name: string, publicUrl: string): { name: string; secure: boolean } {
  return publicUrl.startsWith("https://") ? { name: `__Host-${name}`, secure: true } : { name, secure: false };
}

/** The session cookie's name and Secure flag for a page at `publicUrl` (pure). */
export function sessionCookieFor(publicUrl: string): { name: string; secure: boolean } {
  return hostCookieFor(SESSION_COOKIE, publicUrl);
}
export const IDLE_TIMEOUT_MS = 12 * 3_600_000;
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 3_600_000;
const TOUCH_EVERY_MS = 60_000;

// The TOTP secrets are stored encrypted (lib/crypto/), under these purposes; mfa.ts seals
// them and loadSession opens them, so the rest of the code sees plain secrets.
export const MFA_SECRET = "User.mfaSecret";
export const PENDING_SECRET = "Session.pendingMfaSecret";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

const newToken = () => randomBytes(32).toString("base64url");

/** A new session (sign-in always creates one: the id is rotated, never reused). */
export async function createSession(
  db: DbOrTx,
  input: { userId: string; ip: string | null; userAgent: string | null },
  now: Date,
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = hashToken(token);
  await db.session.create({
    data: {
      id,
      userId: input.userId,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    },
  });
  return { token, id };
}

/** The live session for a cookie token, or null when missing, idle too long or expired. */
export async function loadSession(db: DbOrTx, token: string | undefined, now: Date) {
  if (!token) return null;
  const session = await db.session.findUnique({ where: { id: hashToken(token) }, include: { user: true } });
  if (!session) return null;
  if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    ...session,
    pendingMfaSecret: openOptionalSecret(PENDING_SECRET, session.pendingMfaSecret),
    user: { ...session.user, mfaSecret: openOptionalSecret(MFA_SECRET, session.user.mfaSecret) },
  };
}

export type LoadedSession = NonNullable<Awaited<ReturnType<typeof loadSession>>>;

/**
 * Gives a session a new token, keeping everything else: called when the second factor
 * is proven, so a token seen before that step (on a shared machine, in a proxy's log)
 * never becomes a signed-in session. Returns the new token for the cookie.
 */
export async function rotateSession(db: DbOrTx, id: string): Promise<string> {
  const token = newToken();
  await db.session.update({ where: { id }, data: { id: hashToken(token) } });
  return token;
}

/**
 * The end of every sign-in: its second factor was just proven (a code after the password, or
 * a passkey, which is both factors at once). The session becomes MFA-verified, counts as a
 * fresh "confirm it's you" (step-up.ts) and gets a new token, as rotateSession says why.
 * Returns the token for the cookie.
 */
export async function completeSignIn(db: DbOrTx, id: string, now: Date): Promise<string> {
  const token = newToken();
  await db.session.update({ where: { id }, data: { id: hashToken(token), mfaVerifiedAt: now, reauthenticatedAt: now } });
  return token;
}

export async function revokeSession(db: DbOrTx, id: string): Promise<void> {
  await db.session.deleteMany({ where: { id } });
}

export async function revokeOtherSessions(db: DbOrTx, userId: string, keepId: string | null): Promise<number> {
  const result = await db.session.deleteMany({ where: { userId, ...(keepId ? { id: { not: keepId } } : {}) } });
  return result.count;
}
