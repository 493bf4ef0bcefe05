import { describe, expect, it } from "vitest";
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, PASSWORD_HASH_PARAMS, parsePasswordHash, verifyPassword } from "./password";

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe("passwords", () => {
  it("hash with a per-user salt and verify", async () => {
    const a = await hashPassword("correct horse battery staple", CHEAP);
    const b = await hashPassword("correct horse battery staple", CHEAP);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("anything", DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword("anything", "garbage")).toBe(false);
  });

  it("use scrypt N=2^17, r=8, p=1 by default, which needs maxmem above Node's 32 MiB", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
  });

  it.each([
    ["an older, cheaper N", "scrypt$32768$8$1$c2FsdA$aGFzaA", true],
    ["a smaller r", "scrypt$131072$4$1$c2FsdA$aGFzaA", true],
    ["today's parameters", "scrypt$131072$8$1$c2FsdA$aGFzaA", false],
    ["stronger ones", "scrypt$262144$8$2$c2FsdA$aGFzaA", false],
    ["an unreadable hash", "md5$abc", false],
  ])("need a rehash with %s: %s", (_, stored, expected) => {
    expect(needsRehash(stored, PASSWORD_HASH_PARAMS)).toBe(expected);
  });

  it.each([
    ["N not a power of two", "scrypt$1000$8$1$c2FsdA$aGFzaA"],
    ["N far too large (a corrupted row asking for gigabytes)", `scrypt$${2 ** 24}$8$1$c2FsdA$aGFzaA`],
    ["r out of range", "scrypt$1024$0$1$c2FsdA$aGFzaA"],
    ["p out of range", "scrypt$1024$8$99$c2FsdA$aGFzaA"],
    ["extra fields", "scrypt$1024$8$1$c2FsdA$aGFzaA$x"],
  ])("refuse a stored hash with %s", async (_, stored) => {
    expect(parsePasswordHash(stored)).toBeNull();
    expect(await verifyPassword("anything", stored)).toBe(false);
  });
});
