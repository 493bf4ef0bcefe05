import { createHash, randomBytes } from "node:crypto";
import { base32Encode } from "./base32";

export const RECOVERY_CODE_COUNT = 10;

/** "abcde-fghij": 50 random bits, easy to type, unambiguous alphabet. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const raw = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export function normalizeRecoveryCode(input: string): string {
  const raw = input.toLowerCase().replace(/[^a-z2-7]/g, "");
  return raw.length === 10 ? `${raw.slice(0, 5)}-${raw.slice(5)}` : raw;
}

// The codes are random (not chosen by people), so a fast hash suffices: there is
// nothing to guess offline that would not take 2^50 tries per code.
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
}
