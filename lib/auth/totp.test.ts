import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode } from "./base32";
import { hotp, otpauthUri, totp, verifyTotp } from "./totp";

// RFC 6238 Appendix B: the seeds are the ASCII strings below; codes are 8 digits.
const SEED_SHA1 = Buffer.from("12345678901234567890");
const SEED_SHA256 = Buffer.from("12345678901234567890123456789012");
const SEED_SHA512 = Buffer.from("1234567890123456789012345678901234567890123456789012345678901234");

describe("RFC 6238 test vectors", () => {
  it.each([
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ])("T=%i", (seconds, sha1, sha256, sha512) => {
    const step = Math.floor(seconds / 30);
    expect(hotp(SEED_SHA1, step, 8, "sha1")).toBe(sha1);
    expect(hotp(SEED_SHA256, step, 8, "sha256")).toBe(sha256);
    expect(hotp(SEED_SHA512, step, 8, "sha512")).toBe(sha512);
  });
});

describe("base32", () => {
  it("round-trips and matches RFC 4648", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(Buffer.from(base32Decode("MZXW6YTBOI")).toString()).toBe("foobar");
    expect(Buffer.from(base32Decode("mzxw 6ytb-oi")).toString()).toBe("foobar");
  });
});

describe("verifyTotp", () => {
  const secret = base32Encode(SEED_SHA1);
  const now = 1_800_000_015_000; // mid-step

  it("accepts the current step and one either side, not two", () => {
    for (const drift of [-1, 0, 1]) {
      const code = totp(secret, now + drift * 30_000);
      expect(verifyTotp({ secret, code, nowMs: now, lastUsedStep: null }).ok).toBe(true);
    }
    for (const drift of [-2, 2]) {
      const code = totp(secret, now + drift * 30_000);
      expect(verifyTotp({ secret, code, nowMs: now, lastUsedStep: null })).toEqual({ ok: false, reason: "mismatch" });
    }
  });

  it("rejects a code already used, and any older step", () => {
    const first = verifyTotp({ secret, code: totp(secret, now), nowMs: now, lastUsedStep: null });
    expect(first.ok).toBe(true);
    const step = first.ok ? first.step : -1;
    expect(verifyTotp({ secret, code: totp(secret, now), nowMs: now, lastUsedStep: step })).toEqual({ ok: false, reason: "replay" });
    expect(verifyTotp({ secret, code: totp(secret, now - 30_000), nowMs: now, lastUsedStep: step })).toEqual({
      ok: false,
      reason: "replay",
    });
    expect(verifyTotp({ secret, code: totp(secret, now + 30_000), nowMs: now, lastUsedStep: step }).ok).toBe(true);
  });

  it("tells a malformed code apart", () => {
    expect(verifyTotp({ secret, code: "12345", nowMs: now, lastUsedStep: null })).toEqual({ ok: false, reason: "format" });
    expect(verifyTotp({ secret, code: "abcdef", nowMs: now, lastUsedStep: null })).toEqual({ ok: false, reason: "format" });
    expect(verifyTotp({ secret, code: "123 456", nowMs: now, lastUsedStep: null }).ok).toBe(false);
  });

  it("builds the otpauth URI authenticator apps read", () => {
    expect(otpauthUri({ issuer: "Tallyworks Status", account: "ana@example.com", secret: "JBSWY3DPEHPK3PXP" })).toBe(
      "otpauth://totp/Tallyworks%20Status%3Aana%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Tallyworks+Status&algorithm=SHA1&digits=6&period=30",
    );
  });
});
