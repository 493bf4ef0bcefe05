import { generateRegistrationOptions, verifyRegistrationResponse } from "@simplewebauthn/server";
import { recordAudit, type Actor } from "../audit/record";
import { isUniqueViolation, type DbOrTx } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { CEREMONY_TIMEOUT_MS, decodeTransports, encodeTransports, MAX_PASSKEYS_PER_USER, userHandleFor } from "./passkeys";
import { RegisterPasskeyInput, RenamePasskeyInput } from "./schemas";
import type { LoadedSession } from "./sessions";
import type { RequestContext } from "./sign-in";
import { assertSteppedUp } from "./step-up";
import { loadRelyingParty, storeChallenge, takeChallenge } from "./webauthn";

// A staff member's own passkeys: adding one (a sensitive change, like a new MFA device:
// "Confirm it's you" first), listing, renaming and removing them. Mandatory MFA stays: only a
// session past its authenticator app reaches these, so a passkey is always an addition to TOTP.

const actorOf = (session: LoadedSession, ctx: RequestContext): Actor => ({ id: session.user.id, email: session.user.email, ip: ctx.ip });

export async function listPasskeys(db: DbOrTx, userId: string) {
  return db.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true },
    orderBy: { createdAt: "asc" },
  });
}

/** The browser's options for a new passkey, and the id of the challenge they carry. */
export async function passkeyRegistrationOptions(db: DbOrTx, session: LoadedSession, now = new Date()) {
  assertSteppedUp(session, now);
  const rp = await loadRelyingParty(db);
  const existing = await db.passkey.findMany({ where: { userId: session.user.id }, select: { credentialId: true, transports: true } });
  if (existing.length >= MAX_PASSKEYS_PER_USER) throw new InvalidInputError(`You have ${existing.length} passkeys: remove one you no longer use first.`);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: session.user.email,
    userID: userHandleFor(session.user.id),
    userDisplayName: session.user.name,
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: "none",
    // The authenticator already holding one of these says so instead of making a second.
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: decodeTransports(p.transports) })),
    // Discoverable (it signs in without an email) and unlocked by its owner (it is both factors).
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  const challengeId = await storeChallenge(db, { purpose: "registration", userId: session.user.id, challenge: options.challenge }, now);
  return { options, challengeId };
}

/** Verifies the browser's new credential against the challenge and keeps its public key. */
export async function registerPasskey(
  db: DbOrTx,
  session: LoadedSession,
  challengeId: string | undefined,
  raw: unknown,
  ctx: RequestContext,
  now = new Date(),
) {
  assertSteppedUp(session, now);
  const input = RegisterPasskeyInput.parse(raw);
  const expectedChallenge = await takeChallenge(db, challengeId, { purpose: "registration", userId: session.user.id }, now);
  const rp = await loadRelyingParty(db);
  const { response } = input;
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>["registrationInfo"];
  try {
    const result = await verifyRegistrationResponse({
      response: { ...response, clientExtensionResults: {} },
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    info = result.verified ? result.registrationInfo : undefined;
  } catch {
    info = undefined; // the library's reasons are for developers; the person gets one message
  }
  if (!info) throw new InvalidInputError("Your browser's passkey could not be verified. Try again, or use another device.");
  try {
    const passkey = await db.passkey.create({
      data: {
        userId: session.user.id,
        name: input.name,
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
        counter: info.credential.counter,
        transports: encodeTransports(info.credential.transports ?? response.response.transports),
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        createdAt: now,
      },
    });
    await recordAudit(db, actorOf(session, ctx), {
      action: "passkey.registered",
      targetType: "passkey",
      targetId: passkey.id,
      after: { name: passkey.name, deviceType: passkey.deviceType, backedUp: passkey.backedUp },
    });
    return { id: passkey.id, name: passkey.name };
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvalidInputError("That passkey is already registered.");
    throw error;
  }
}

export async function renamePasskey(db: DbOrTx, session: LoadedSession, raw: unknown, ctx: RequestContext) {
  const input = RenamePasskeyInput.parse(raw);
  const passkey = await db.passkey.findFirst({ where: { id: input.id, userId: session.user.id } });
  if (!passkey) throw new NotFoundError("passkey");
  await db.passkey.update({ where: { id: passkey.id }, data: { name: input.name } });
  await recordAudit(db, actorOf(session, ctx), {
    action: "passkey.renamed",
    targetType: "passkey",
    targetId: passkey.id,
    before: { name: passkey.name },
    after: { name: input.name },
  });
}

/** Removes one of the user's passkeys (a sensitive change: "Confirm it's you" first). */
export async function removePasskey(db: DbOrTx, session: LoadedSession, passkeyId: string, ctx: RequestContext, now = new Date()) {
  assertSteppedUp(session, now);
  const passkey = await db.passkey.findFirst({ where: { id: passkeyId, userId: session.user.id } });
  if (!passkey) throw new NotFoundError("passkey");
  const removed = await db.passkey.deleteMany({ where: { id: passkey.id } });
  if (removed.count === 0) throw new NotFoundError("passkey");
  await recordAudit(db, actorOf(session, ctx), { action: "passkey.removed", targetType: "passkey", targetId: passkey.id, before: { name: passkey.name } });
}
