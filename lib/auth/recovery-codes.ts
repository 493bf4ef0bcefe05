import { createHash, randomBytes } from "node:crypto";
import { mac, safeEqual } from "../page/signing";
import { base32Encode } from "./base32";

// Staff recovery codes: 120 random bits each (24 base32 characters, shown in groups of
// four), stored as an HMAC under the page's recovery-code key (lib/page/signing.ts, kept
// encrypted), so a copy of the database alone gives nothing to guess offline.
//
// Codes issued before this (10 characters, 50 bits, stored as a bare SHA-256) keep working
// until the user generates new ones: locking people out of their recovery path would be
// worse than the risk left. Their hashes are wrapped in the same HMAC at start
// (`h0:`, lib/secrets/), which ends the offline attack on a leaked database; online, five
// tries per 15 minutes make 2^50 out of reach. The account page asks for new codes.

export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 24;
const LEGACY_CODE_LENGTH = 10;

/** "abcd-efgh-ijkl-mnop-qrst-uvwx": 120 random bits in lowercase base32 (letters and 2–7). */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => base32Encode(randomBytes(15)).toLowerCase().match(/.{4}/g)!.join("-"));
}

const LOOKALIKES: Record<string, string> = { "0": "o", "1": "l", "8": "b" };

/**
 * What people type, with or without dashes or spaces, in any case: the code's characters.
 * Base32 has no 0, 1 or 8, so those are read as the letters they are mistaken for.
 */
export function normalizeRecoveryCode(input: string): string {
  return input
    .toLowerCase()
    .replace(/[018]/g, (c) => LOOKALIKES[c]!)
    .replace(/[^a-z2-7]/g, "");
}

/** The stored form of a code this version issues. */
export function hashRecoveryCode(key: string, code: string): string {
  return `h1:${mac(key, `recovery-code:v1:${normalizeRecoveryCode(code)}`)}`;
}

const LEGACY_SHA256 = /^[0-9a-f]{64}$/;

/** A legacy code's bare SHA-256, wrapped in the keyed hash (done once, at start). */
export function wrapLegacyRecoveryHash(key: string, sha256Hex: string): string {
  return `h0:${mac(key, `recovery-code:v0:${sha256Hex}`)}`;
}

/** A stored hash from before keyed hashes, not yet wrapped. */
export const isBareLegacyHash = (stored: string) => LEGACY_SHA256.test(stored);

/** Whether a stored hash belongs to a 50-bit code from before (wrapped or not). */
export const isLegacyRecoveryHash = (stored: string) => !stored.startsWith("h1:");

/** The stored forms the typed code would have: a current code's, or a legacy code's (wrapped, or bare until the start pass wraps it). */
export function recoveryCodeCandidates(key: string, input: string): string[] {
  const raw = normalizeRecoveryCode(input);
  if (raw.length === CODE_LENGTH) return [hashRecoveryCode(key, raw)];
  if (raw.length !== LEGACY_CODE_LENGTH) return [];
  // Legacy codes were hashed as "abcde-fghij".
  const legacy = createHash("sha256")
    .update(`${raw.slice(0, 5)}-${raw.slice(5)}`)
    .digest("hex");
  return [wrapLegacyRecoveryHash(key, legacy), legacy];
}

/** The unused code the input matches, comparing every stored hash in constant time. */
export function findRecoveryCode<T extends { codeHash: string }>(candidates: readonly string[], rows: readonly T[]): T | null {
  let found: T | null = null;
  for (const row of rows) {
    for (const candidate of candidates) {
      if (safeEqual(candidate, row.codeHash) && found === null) found = row;
    }
  }
  return found;
}
