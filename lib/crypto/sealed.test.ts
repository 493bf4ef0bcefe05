import { describe, expect, it } from "vitest";
import { isSealed, keyId, makeKeyring, needsReseal, open, reseal, SecretKeyError, seal, sealedKeyId } from "./sealed";

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);
const ring = makeKeyring(K1);

/** The same value with one base64url character of its ciphertext changed. */
function flipLastChar(value: string): string {
  const last = value.at(-2) === "A" ? "B" : "A";
  return `${value.slice(0, -2)}${last}${value.at(-1)}`;
}

describe("seal and open", () => {
  it.each([
    ["a TOTP secret", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"],
    ["an empty string", ""],
    ["unicode", "Bearer tökén 🔑"],
    ["a long value", "x".repeat(10_000)],
  ])("round-trips %s", (_, plain) => {
    const sealed = seal(ring, "User.mfaSecret", plain);
    expect(sealed).toMatch(/^enc:v1:[\w-]{8}:[\w-]{16}:[\w-]+$/);
    expect(sealed).not.toContain(plain || "\u0000");
    expect(open(ring, "User.mfaSecret", sealed)).toBe(plain);
  });

  it("uses a fresh IV each time: the same secret never looks the same twice", () => {
    expect(seal(ring, "p", "same")).not.toBe(seal(ring, "p", "same"));
  });

  it("names the key, whose id comes from the key itself", () => {
    const sealed = seal(ring, "p", "x");
    expect(sealedKeyId(sealed)).toBe(keyId(K1));
    expect(keyId(K1)).not.toBe(keyId(K2));
    expect(sealedKeyId("plain text")).toBeNull();
  });

  it.each([
    ["a tampered ciphertext", (v: string) => flipLastChar(v), "User.mfaSecret", /was altered or belongs to another column/],
    ["another column's value", (v: string) => v, "Subscriber.secret", /was altered or belongs to another column/],
    ["a truncated value", (v: string) => v.slice(0, v.lastIndexOf(":") + 4), "User.mfaSecret", /truncated|altered/],
    ["a different layout", (v: string) => `${v}:extra`, "User.mfaSecret", /not a value this version of Vigil wrote/],
    ["an unknown version", (v: string) => v.replace("enc:v1:", "enc:v9:"), "User.mfaSecret", /not a value this version of Vigil wrote/],
  ])("refuses %s", (_, change, purpose, message) => {
    const sealed = change(seal(ring, "User.mfaSecret", "JBSWY3DPEHPK3PXP"));
    expect(() => open(ring, purpose, sealed)).toThrow(SecretKeyError);
    expect(() => open(ring, purpose, sealed)).toThrow(message);
  });

  it("says which key is missing, without showing any secret", () => {
    const sealed = seal(makeKeyring(K2), "Subscriber.secret", "whsec_abc");
    const error = (() => {
      try {
        open(ring, "Subscriber.secret", sealed);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain(`encrypted with key ${keyId(K2)}, which is not configured here (keys: ${keyId(K1)})`);
    expect(error?.message).not.toContain("whsec_abc");
  });

  it("returns plain text written before encryption as it is", () => {
    expect(isSealed("whsec_legacy")).toBe(false);
    expect(open(ring, "Subscriber.secret", "whsec_legacy")).toBe("whsec_legacy");
  });
});

describe("rotation", () => {
  const rotated = makeKeyring(K2, [K1]);

  it("opens values sealed with a previous key and seals new ones with the current key", () => {
    const old = seal(ring, "p", "secret");
    expect(open(rotated, "p", old)).toBe("secret");
    expect(sealedKeyId(seal(rotated, "p", "secret"))).toBe(keyId(K2));
  });

  it.each([
    ["plain text", "secret", true],
    ["a value under the previous key", seal(ring, "p", "secret"), true],
    ["a value under the current key", seal(rotated, "p", "secret"), false],
  ])("reseals %s: %s", (_, stored, changes) => {
    expect(needsReseal(rotated, stored)).toBe(changes);
    const next = reseal(rotated, "p", stored);
    if (!changes) return expect(next).toBeNull();
    expect(sealedKeyId(next!)).toBe(keyId(K2));
    expect(open(makeKeyring(K2), "p", next!)).toBe("secret");
  });
});
