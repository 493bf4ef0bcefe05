import { generateAuthenticationOptions, verifyAuthenticationResponse } from "@simplewebauthn/server";
import { recordAudit, type Actor } from "../audit/record";
import { inTransaction, type DbOrTx } from "../db";
import { CEREMONY_TIMEOUT_MS, counterAccepted, decodeTransports, userHandleMatches } from "./passkeys";
import { type AuthenticationResponse, PasskeyAssertionInput } from "./schemas";
import { completeSignIn, createSession, type LoadedSession } from "./sessions";
import { AuthError, type RequestContext, throttled } from "./sign-in";
import { clearFailures, throttleKeys } from "./throttle";
import { loadRelyingParty, storeChallenge, takeChallenge } from "./webauthn";

// Passkey assertions: a passwordless sign-in (a discoverable passkey, unlocked by its owner, is
// both factors), or the second factor after a password. Each goes through `throttled` on the
// account's and the address's keys, so failed assertions count toward the same lock-outs as
// wrong passwords and codes, and a locked account cannot sign in with a passkey either.

const NOT_VERIFIED = "That passkey could not be verified. Try again, or sign in with your password.";
const UNKNOWN = "This passkey is not registered here (it may have been removed). Sign in with your password.";

/** Options for "Sign in with a passkey": no account named, the browser offers the passkeys it holds. */
export async function passkeySignInOptions(db: DbOrTx, now = new Date()) {
  const rp = await loadRelyingParty(db);
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "required", timeout: CEREMONY_TIMEOUT_MS });
  const challengeId = await storeChallenge(db, { purpose: "sign_in", userId: null, challenge: options.challenge }, now);
  return { options, challengeId };
}

/** Options for the second factor after a password: this user's passkeys only. */
export async function passkeySecondFactorOptions(db: DbOrTx, session: LoadedSession, now = new Date()) {
  if (session.mfaVerifiedAt) throw new AuthError("This session is already verified.");
  const rp = await loadRelyingParty(db);
  const passkeys = await db.passkey.findMany({ where: { userId: session.user.id }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) throw new AuthError("You have no passkey yet: use the code from your authenticator app.");
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: "required",
    timeout: CEREMONY_TIMEOUT_MS,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: decodeTransports(p.transports) })),
  });
  const challengeId = await storeChallenge(db, { purpose: "second_factor", userId: session.user.id, challenge: options.challenge }, now);
  return { options, challengeId };
}

type PasskeyWithUser = NonNullable<Awaited<ReturnType<typeof findPasskey>>>;

const findPasskey = (db: DbOrTx, credentialId: string) => db.passkey.findUnique({ where: { credentialId }, include: { user: true } });

/**
 * Checks one assertion against the stored passkey: signature, challenge, origin, RP ID, user
 * verification and the counter, then moves the counter by compare-and-swap (of two requests
 * with one counter value, one wins). A failure is a message, counted by `throttled`.
 */
async function checkAssertion(
  db: DbOrTx,
  passkey: PasskeyWithUser | null,
  response: AuthenticationResponse,
  expectedChallenge: string,
  actor: Actor,
  now: Date,
): Promise<{ ok: true; value: PasskeyWithUser } | { ok: false; message: string }> {
  if (!passkey) return { ok: false, message: UNKNOWN };
  if (!userHandleMatches(response.response.userHandle, passkey.userId)) return { ok: false, message: NOT_VERIFIED };
  const rp = await loadRelyingParty(db);
  const stored = Number(passkey.counter);
  let info: Awaited<ReturnType<typeof verifyAuthenticationResponse>>["authenticationInfo"] | null = null;
  try {
    const result = await verifyAuthenticationResponse({
      response: { ...response, clientExtensionResults: {} },
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // Counter 0 turns off the library's own counter check, which runs before the signature's:
      // counterAccepted below judges the counter of a signature known to be the key's, so only
      // a real second copy of the key is reported as one.
      credential: {
        id: passkey.credentialId,
        publicKey: Uint8Array.from(Buffer.from(passkey.publicKey, "base64url")),
        counter: 0,
        transports: decodeTransports(passkey.transports),
      },
      requireUserVerification: true,
    });
    if (result.verified) info = result.authenticationInfo;
  } catch {
    info = null; // a bad signature, origin, RP ID, challenge or no user verification: the reasons are for developers
  }
  if (!info) return { ok: false, message: NOT_VERIFIED };
  if (!counterAccepted(stored, info.newCounter)) {
    await recordAudit(db, actor, {
      action: "passkey.counter_regressed",
      targetType: "passkey",
      targetId: passkey.id,
      after: { stored, received: info.newCounter },
    });
    return { ok: false, message: "This passkey's signature counter went back, which suggests a copy of it exists. Sign in with your password and remove it." };
  }
  const moved = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: info.newCounter, backedUp: info.credentialBackedUp, lastUsedAt: now },
  });
  return moved.count === 1 ? { ok: true, value: passkey } : { ok: false, message: NOT_VERIFIED };
}

/** Passwordless sign-in: returns the token of a new, fully verified session. */
export async function signInWithPasskey(db: DbOrTx, challengeId: string | undefined, raw: unknown, ctx: RequestContext, now = new Date()) {
  const { response } = PasskeyAssertionInput.parse(raw);
  const expectedChallenge = await takeChallenge(db, challengeId, { purpose: "sign_in", userId: null }, now);
  const passkey = await findPasskey(db, response.id);
  const keys = throttleKeys(passkey?.user.email ?? null, ctx.ip);
  const actor: Actor = { id: passkey?.userId ?? null, email: passkey?.user.email ?? null, ip: ctx.ip };
  const verified = await throttled(db, keys, actor, now, "auth.passkey_failed", () => checkAssertion(db, passkey, response, expectedChallenge, actor, now));
  return inTransaction(db, async (tx) => {
    // The same path as a password and a code: a session, then its second factor completed.
    const session = await createSession(tx, { userId: verified.userId, ip: ctx.ip, userAgent: ctx.userAgent }, now);
    const token = await completeSignIn(tx, session.id, now);
    await clearFailures(tx, keys);
    await recordAudit(tx, actor, { action: "auth.passkey_ok", targetType: "passkey", targetId: verified.id });
    return { token, userId: verified.userId, needsEnrolment: verified.user.mfaSecret === null };
  });
}

/** The second factor after a password, with one of this user's passkeys (the caller completes the sign-in). */
export async function verifyPasskeySecondFactor(
  db: DbOrTx,
  session: LoadedSession,
  challengeId: string | undefined,
  raw: unknown,
  ctx: RequestContext,
  now = new Date(),
) {
  const { response } = PasskeyAssertionInput.parse(raw);
  const user = session.user;
  const expectedChallenge = await takeChallenge(db, challengeId, { purpose: "second_factor", userId: user.id }, now);
  const found = await findPasskey(db, response.id);
  const passkey = found?.userId === user.id ? found : null; // another account's passkey is no factor of this one
  const keys = throttleKeys(user.email, ctx.ip);
  const actor: Actor = { id: user.id, email: user.email, ip: ctx.ip };
  const verified = await throttled(db, keys, actor, now, "mfa.passkey_failed", () => checkAssertion(db, passkey, response, expectedChallenge, actor, now));
  await inTransaction(db, async (tx) => {
    await clearFailures(tx, keys);
    await recordAudit(tx, actor, { action: "auth.passkey_mfa_ok", targetType: "passkey", targetId: verified.id });
  });
}
