// Passkeys' rules (pure). A passkey is a WebAuthn credential with user verification: the
// authenticator proves possession of its key and that its owner unlocked it (PIN,
// fingerprint), so one assertion counts as both factors of a sign-in.

/** A challenge lives this long between the options and the browser's answer. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** How long the browser may wait for the person (WebAuthn's `timeout`): inside the challenge's life. */
export const CEREMONY_TIMEOUT_MS = 2 * 60_000;
/** Enough for every device someone owns; bounds the options' list of credentials. */
export const MAX_PASSKEYS_PER_USER = 20;

export type ChallengePurpose = "registration" | "sign_in" | "second_factor";

export interface RelyingParty {
  /** WebAuthn's RP ID: the page's host name (no port), which the browser checks against the origin. */
  id: string;
  /** The exact origin the browser reports in clientDataJSON. */
  origin: string;
}

/**
 * The relying party for a page at `publicUrl` (PUBLIC_URL or the stored URL), or null when
 * there is none or it is not a usable http(s) URL. Browsers allow WebAuthn on https, and on
 * http only for localhost; the origin is compared exactly, so a proxy must keep the public URL.
 */
export function relyingPartyFor(publicUrl: string): RelyingParty | null {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  return { id: url.hostname, origin: url.origin };
}

/**
 * Whether an assertion's signature counter may follow the stored one. Authenticators that keep
 * no counter always send 0; one that counts must move forward, and a counter that stands still
 * or goes back means two copies of the key exist (WebAuthn §6.1.1), so the assertion is refused.
 */
export function counterAccepted(stored: number, received: number): boolean {
  if (stored === 0 && received === 0) return true;
  return received > stored;
}

/** Whether a stored challenge may still be answered (pure; single use is the store's job). */
export function challengeUsable(
  row: { purpose: string; userId: string | null; expiresAt: Date },
  expected: { purpose: ChallengePurpose; userId: string | null },
  now: Date,
): boolean {
  return row.purpose === expected.purpose && row.userId === expected.userId && row.expiresAt > now;
}

const TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

/** The transports column: the known ones a browser reported, comma-separated. */
export function encodeTransports(transports: readonly string[] | undefined): string {
  return [...new Set((transports ?? []).filter((t) => TRANSPORTS.has(t)))].join(",");
}

export function decodeTransports(column: string): string[] {
  return column.split(",").filter((t) => TRANSPORTS.has(t));
}

/** WebAuthn's user handle for a user: their id's bytes, so an assertion names whose passkey it is. */
export function userHandleFor(userId: string): ReturnType<Uint8Array["slice"]> {
  return Uint8Array.from(Buffer.from(userId, "utf8"));
}

/** Whether an assertion's user handle (base64url, absent from some authenticators) names `userId`. */
export function userHandleMatches(handle: string | undefined, userId: string): boolean {
  return handle === undefined || handle === "" || Buffer.from(handle, "base64url").toString("utf8") === userId;
}
