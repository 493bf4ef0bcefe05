import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError } from "../errors";
import { recordAudit, type Actor } from "../audit/record";
import { consumeSignInCode } from "./backup-email";
import { sealSecret } from "../crypto/secrets";
import { recoveryCodeKey } from "../page/signing";
import { findRecoveryCode, generateRecoveryCodes, hashRecoveryCode, recoveryCodeCandidates } from "./recovery-codes";
import { MFA_SECRET, PENDING_SECRET, revokeOtherSessions, type LoadedSession } from "./sessions";
import { AuthError, throttled, type RequestContext } from "./sign-in";
import { clearFailures, throttleKeys } from "./throttle";
import { generateTotpSecret, verifyTotp } from "./totp";

export const CLOCK_HINT =
  "That code didn't work. The usual cause is the clock on your authenticator device: make sure its date and time are set automatically, then try the newest code.";
const REPLAY_HINT = "That code was already used. Wait for your app to show the next code.";

function actorOf(session: LoadedSession, ctx: RequestContext): Actor {
  return { id: session.user.id, email: session.user.email, ip: ctx.ip };
}

/**
 * Starts enrolling an authenticator in this session: first enrolment, or changing the
 * device once the session has proved the current factor (see proveFactorForDeviceChange).
 */
export async function beginEnrolment(db: DbOrTx, session: LoadedSession): Promise<string> {
  const allowed = session.user.mfaSecret === null || session.mfaVerifiedAt !== null;
  if (!allowed) throw new AuthError("Verify your current code first.");
  if (session.pendingMfaSecret) return session.pendingMfaSecret;
  const secret = generateTotpSecret();
  await db.session.update({ where: { id: session.id }, data: { pendingMfaSecret: sealSecret(PENDING_SECRET, secret) } });
  return secret;
}

async function replaceRecoveryCodes(db: DbOrTx, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  const key = await recoveryCodeKey(db);
  await db.recoveryCode.deleteMany({ where: { userId } });
  await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(key, code) })) });
  return codes;
}

/** Confirms the pending authenticator with a code from it; returns the new recovery codes (shown once). */
export async function confirmEnrolment(db: DbOrTx, session: LoadedSession, code: string, ctx: RequestContext, now = new Date()) {
  const secret = session.pendingMfaSecret;
  if (!secret) throw new InvalidInputError("Start the set-up again: no authenticator is being added.");
  const actor = actorOf(session, ctx);
  const keys = throttleKeys(session.user.email, ctx.ip);
  const step = await throttled(db, keys, actor, now, "mfa.enrol_failed", async () => {
    const check = verifyTotp({ secret, code, nowMs: now.getTime(), lastUsedStep: null });
    return check.ok
      ? { ok: true, value: check.step }
      : { ok: false, message: check.reason === "format" ? "Enter the 6-digit code from your authenticator app." : CLOCK_HINT };
  });
  const changing = session.user.mfaSecret !== null;
  return inTransaction(db, async (tx) => {
    await tx.user.update({ where: { id: session.user.id }, data: { mfaSecret: sealSecret(MFA_SECRET, secret), mfaEnrolledAt: now, mfaLastStep: step } });
    await tx.session.update({ where: { id: session.id }, data: { pendingMfaSecret: null, mfaVerifiedAt: now } });
    const codes = await replaceRecoveryCodes(tx, session.user.id);
    // A new device (or a first one) ends every other session: the old secret stops working at once.
    await revokeOtherSessions(tx, session.user.id, session.id);
    await clearFailures(tx, keys);
    await recordAudit(tx, actor, { action: changing ? "mfa.device_changed" : "mfa.enrolled", targetType: "user", targetId: session.user.id });
    return codes;
  });
}

export type SecondFactorResult = { method: "totp" } | { method: "email_code" } | { method: "recovery_code"; remaining: number };

/** Verifies a TOTP code or a recovery code for this session's user. */
export async function verifySecondFactor(
  db: DbOrTx,
  session: LoadedSession,
  rawCode: string,
  ctx: RequestContext,
  now = new Date(),
): Promise<SecondFactorResult> {
  const user = session.user;
  if (!user.mfaSecret) throw new AuthError("Set up your authenticator app first.");
  const secret = user.mfaSecret;
  const actor = actorOf(session, ctx);
  const keys = throttleKeys(user.email, ctx.ip);
  const code = rawCode.trim();
  const result = await throttled<SecondFactorResult>(db, keys, actor, now, "mfa.code_failed", async () => {
    const digits = code.replace(/\s/g, "");
    if (/^\d{8}$/.test(digits)) {
      return (await consumeSignInCode(db, user.id, digits, now))
        ? { ok: true, value: { method: "email_code" } }
        : { ok: false, message: "That emailed code is not valid or has expired. Ask for a new one." };
    }
    if (/^\d[\d\s]*$/.test(code)) {
      const check = verifyTotp({ secret, code, nowMs: now.getTime(), lastUsedStep: user.mfaLastStep });
      if (!check.ok)
        return {
          ok: false,
          message: check.reason === "replay" ? REPLAY_HINT : check.reason === "format" ? "Enter the 6-digit code from your authenticator app." : CLOCK_HINT,
        };
      // Compare-and-swap on the last step: two requests racing with one code cannot both pass.
      const swapped = await db.user.updateMany({
        where: { id: user.id, OR: [{ mfaLastStep: null }, { mfaLastStep: { lt: check.step } }] },
        data: { mfaLastStep: check.step },
      });
      return swapped.count === 1 ? { ok: true, value: { method: "totp" } } : { ok: false, message: REPLAY_HINT };
    }
    const unused = await db.recoveryCode.findMany({ where: { userId: user.id, usedAt: null }, select: { id: true, codeHash: true } });
    const row = findRecoveryCode(recoveryCodeCandidates(await recoveryCodeKey(db), code), unused);
    if (!row) return { ok: false, message: "That recovery code is not valid or was already used." };
    const used = await db.recoveryCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) return { ok: false, message: "That recovery code is not valid or was already used." };
    const remaining = await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
    return { ok: true, value: { method: "recovery_code", remaining } };
  });
  await inTransaction(db, async (tx) => {
    await tx.session.update({ where: { id: session.id }, data: { mfaVerifiedAt: now } });
    await clearFailures(tx, keys);
    await recordAudit(tx, actor, {
      action: { totp: "auth.mfa_ok", email_code: "auth.email_code_used", recovery_code: "auth.recovery_code_used" }[result.method],
      targetType: "user",
      targetId: user.id,
      after: result.method === "recovery_code" ? { remaining: result.remaining } : undefined,
    });
  });
  return result;
}

/** Changing device: re-proves the current factor in a verified session, then starts a new enrolment. */
export async function proveFactorForDeviceChange(db: DbOrTx, session: LoadedSession, code: string, ctx: RequestContext, now = new Date()) {
  await verifySecondFactor(db, session, code, ctx, now);
  await db.session.update({ where: { id: session.id }, data: { pendingMfaSecret: null } });
  return beginEnrolment(db, { ...session, mfaVerifiedAt: now, pendingMfaSecret: null });
}

export async function regenerateRecoveryCodes(db: DbOrTx, session: LoadedSession, ctx: RequestContext): Promise<string[]> {
  if (!session.mfaVerifiedAt) throw new AuthError("Verify your code first.");
  return inTransaction(db, async (tx) => {
    const codes = await replaceRecoveryCodes(tx, session.user.id);
    await recordAudit(tx, actorOf(session, ctx), { action: "mfa.recovery_codes_regenerated", targetType: "user", targetId: session.user.id });
    return codes;
  });
}

/**
 * An admin resets another user's MFA: they must enrol again at their next sign-in. Their
 * passkeys go too: a reset is for a lost device, and that device may hold them.
 */
export async function resetUserMfa(db: DbOrTx, actor: Actor, userId: string) {
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new InvalidInputError("unknown user");
    await tx.user.update({ where: { id: userId }, data: { mfaSecret: null, mfaEnrolledAt: null, mfaLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    const passkeys = await tx.passkey.deleteMany({ where: { userId } });
    await revokeOtherSessions(tx, userId, null);
    await recordAudit(tx, actor, {
      action: "mfa.reset_by_admin",
      targetType: "user",
      targetId: userId,
      before: { enrolled: user.mfaSecret !== null, passkeys: passkeys.count },
    });
  });
}
