import "server-only";
import { cookies } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { db } from "../db";
import { errorToFormState, type FormState } from "../forms";
import { publicPageUrl } from "../page/public-url";
import { CHALLENGE_TTL_MS } from "./passkeys";
import { hostCookieFor } from "./sessions";

// The browser's handle on a passkey challenge (lib/auth/webauthn.ts): the row's random id in
// a short-lived HttpOnly cookie, so script on the page never sees it and a passwordless
// sign-in, which has no session yet, still has one place to keep it.

const CHALLENGE_COOKIE = "vigil_webauthn";
const challengeCookie = async () => hostCookieFor(CHALLENGE_COOKIE, await publicPageUrl(db()));

export async function setChallengeCookie(id: string): Promise<void> {
  const { name, secure } = await challengeCookie();
  (await cookies()).set(name, id, { httpOnly: true, sameSite: "strict", secure, path: "/", maxAge: CHALLENGE_TTL_MS / 1000 });
}

/** The challenge id the browser holds, forgotten as it is read: an answer gets one try. */
export async function takeChallengeCookie(): Promise<string | undefined> {
  const { name } = await challengeCookie();
  const jar = await cookies();
  const id = jar.get(name)?.value;
  if (id !== undefined) jar.delete(name);
  return id;
}

/**
 * An options action's body: make the options (which may redirect, e.g. to "Confirm it's you"),
 * hand the browser the challenge's id, and return the options, or why there are none.
 */
export async function passkeyOptionsFor<T>(make: () => Promise<{ options: T; challengeId: string }>): Promise<FormState & { options?: T }> {
  try {
    const { options, challengeId } = await make();
    await setChallengeCookie(challengeId);
    return { ok: true, options };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
}
