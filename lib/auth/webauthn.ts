import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../db";
import { InvalidInputError } from "../errors";
import { publicPageUrl } from "../page/public-url";
import { CHALLENGE_TTL_MS, type ChallengePurpose, challengeUsable, type RelyingParty, relyingPartyFor } from "./passkeys";
import { AuthError } from "./sign-in";

// A WebAuthn ceremony's server side: who the relying party is, and the challenge kept between
// the options a browser asked for and its answer (the browser holds only the row's random id,
// in an HttpOnly cookie).

/** The relying party from the page's public URL (PUBLIC_URL wins), named after the page. */
export async function loadRelyingParty(db: DbOrTx): Promise<RelyingParty & { name: string }> {
  const rp = relyingPartyFor(await publicPageUrl(db));
  if (!rp) throw new InvalidInputError("Passkeys need the page's public address: set PUBLIC_URL (or the page's URL) first.");
  const page = await db.pageSetting.findUnique({ where: { id: 1 }, select: { name: true } });
  return { ...rp, name: `${page?.name ?? "Vigil"} Status` };
}

export const CHALLENGE_EXPIRED = "That passkey request has expired or was already used. Try again.";

/** Stores the challenge `options` carry; returns the id the browser keeps. */
export async function storeChallenge(db: DbOrTx, input: { purpose: ChallengePurpose; userId: string | null; challenge: string }, now: Date): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db.webAuthnChallenge.create({ data: { id, ...input, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS), createdAt: now } });
  return id;
}

/**
 * The challenge for an answer, taken once: the row is deleted whatever it holds, and of two
 * requests racing with one id only the one whose delete removed it goes on. Refused when
 * missing, expired, used, or asked for another purpose or person.
 */
export async function takeChallenge(
  db: DbOrTx,
  id: string | undefined,
  expected: { purpose: ChallengePurpose; userId: string | null },
  now: Date,
): Promise<string> {
  if (!id) throw new AuthError(CHALLENGE_EXPIRED);
  const row = await db.webAuthnChallenge.findUnique({ where: { id } });
  if (!row) throw new AuthError(CHALLENGE_EXPIRED);
  const taken = await db.webAuthnChallenge.deleteMany({ where: { id } });
  if (taken.count !== 1 || !challengeUsable(row, expected, now)) throw new AuthError(CHALLENGE_EXPIRED);
  return row.challenge;
}
