import { recordAudit } from "../audit/record";
import type { DbOrTx } from "../db";
import { verifySecondFactor } from "./mfa";
import { verifyPassword } from "./password";
import type { LoadedSession } from "./sessions";
import { AuthError, type RequestContext, throttled } from "./sign-in";
import { throttleKeys } from "./throttle";

// "Confirm it's you": changing a password, the MFA device, the backup email, recovery codes,
// API keys or the team needs the password and a second factor proven within the last
// STEP_UP_WINDOW_MS, so a session left open on a shared laptop (or a stolen cookie) is not
// enough to take the account over. Signing in counts as proving both.

export const STEP_UP_WINDOW_MS = 10 * 60_000;

/** Whether this session must prove password and second factor again before a sensitive change (pure). */
export function needsStepUp(reauthenticatedAt: Date | null, now: Date): boolean {
  return reauthenticatedAt === null || now.getTime() - reauthenticatedAt.getTime() > STEP_UP_WINDOW_MS;
}

/**
 * For the verbs of sensitive changes themselves (the console's actions send the person to
 * "Confirm it's you" first, through requireStaff): refuses unless the session has proven both
 * factors within the window, whatever transport called the verb.
 */
export function assertSteppedUp(session: Pick<LoadedSession, "reauthenticatedAt">, now: Date): void {
  if (needsStepUp(session.reauthenticatedAt, now)) throw new AuthError("Confirm it’s you first: enter your password and a code again.");
}

/** Called when a sign-in completes its second factor: password and code were both just proven. */
export async function markReauthenticated(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.session.update({ where: { id: sessionId }, data: { reauthenticatedAt: now } });
}

/**
 * Proves the password and a second factor (TOTP, recovery or emailed code) again in a signed-in
 * session; both are throttled like sign-in, so this page cannot be used to guess either.
 */
export async function stepUp(db: DbOrTx, session: LoadedSession, input: { password: string; code: string }, ctx: RequestContext, now = new Date()) {
  const user = session.user;
  const actor = { id: user.id, email: user.email, ip: ctx.ip };
  await throttled(db, throttleKeys(user.email, ctx.ip), actor, now, "auth.step_up_password_failed", async () =>
    (await verifyPassword(input.password, user.passwordHash)) ? { ok: true, value: null } : { ok: false, message: "That password is not right." },
  );
  if (input.code.trim() === "") throw new AuthError("Enter the code from your authenticator app (or a recovery code).");
  await verifySecondFactor(db, session, input.code, ctx, now);
  await markReauthenticated(db, session.id, now);
  await recordAudit(db, actor, { action: "auth.step_up", targetType: "session" });
}
