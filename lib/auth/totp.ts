import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { base32Decode, base32Encode } from "./base32";

// RFC 6238 TOTP as authenticator apps implement it: SHA-1, 6 digits, 30 s steps.
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now, for clock drift. */
export const TOTP_DRIFT_STEPS = 1;

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/** RFC 4226 HOTP for a counter (RFC 6238 uses the time step as the counter). */
export function hotp(secret: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac(algorithm, secret).update(message).digest();
  const offset = digest[digest.length - 1]! & 0xf;
  const binary = (digest.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, "0");
}

export function totp(secretBase32: string, nowMs: number): string {
  return hotp(base32Decode(secretBase32), timeStep(nowMs));
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "format" | "mismatch" | "replay" };

/**
 * Accepts the code for the current step or one either side, unless that step is not
 * newer than the last one used (replay). The caller stores the returned step.
 */
export function verifyTotp(input: { secret: string; code: string; nowMs: number; lastUsedStep: number | null }): TotpCheck {
  const code = input.code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "format" };
  const key = base32Decode(input.secret);
  const current = timeStep(input.nowMs);
  for (let drift = -TOTP_DRIFT_STEPS; drift <= TOTP_DRIFT_STEPS; drift++) {
    const step = current + drift;
    const expected = hotp(key, step);
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code))) {
      if (input.lastUsedStep !== null && step <= input.lastUsedStep) return { ok: false, reason: "replay" };
      return { ok: true, step };
    }
  }
  return { ok: false, reason: "mismatch" };
}

/** The otpauth:// URI that authenticator apps read from the QR code. */
export function otpauthUri(input: { issuer: string; account: string; secret: string }): string {
  const label = encodeURIComponent(`${input.issuer}:${input.account}`);
  const params = new URLSearchParams({
    secret: input.secret,
    issuer: input.issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
