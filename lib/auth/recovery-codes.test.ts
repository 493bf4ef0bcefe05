import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  findRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  isLegacyRecoveryHash,
  normalizeRecoveryCode,
  recoveryCodeCandidates,
  wrapLegacyRecoveryHash,
} from "./recovery-codes";

const KEY = "k".repeat(43);

describe("recovery codes", () => {
  it("are ten distinct codes of 24 base32 characters (120 bits) in groups of four", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){5}$/);
  });

  it.each([
    ["as shown", "abcd-efgh-ijkl-mnop-qrst-uvwx"],
    ["upper case with spaces", " ABCD EFGH IJKL MNOP QRST UVWX "],
    ["without separators", "abcdefghijklmnopqrstuvwx"],
    ["with 0, 1 and 8 typed for o, l and b", "a8cd-efgh-ijk1-mn0p-qrst-uvwx"],
  ])("match however they are typed: %s", (_, typed) => {
    expect(normalizeRecoveryCode(typed)).toBe("abcdefghijklmnopqrstuvwx");
    expect(recoveryCodeCandidates(KEY, typed)).toEqual([hashRecoveryCode(KEY, "abcd-efgh-ijkl-mnop-qrst-uvwx")]);
  });

  it("are stored as an HMAC under the page's key: another key gives another hash, and the code is not in it", () => {
    const stored = hashRecoveryCode(KEY, "abcd-efgh-ijkl-mnop-qrst-uvwx");
    expect(stored).toMatch(/^h1:[\w-]{43}$/);
    expect(hashRecoveryCode("another key", "abcd-efgh-ijkl-mnop-qrst-uvwx")).not.toBe(stored);
    expect(isLegacyRecoveryHash(stored)).toBe(false);
  });

  it("still accept a legacy 10-character code, wrapped or not yet wrapped", () => {
    const bare = createHash("sha256").update("abcde-fghij").digest("hex");
    const wrapped = wrapLegacyRecoveryHash(KEY, bare);
    expect(wrapped).toMatch(/^h0:/);
    expect(recoveryCodeCandidates(KEY, "ABCDE FGHIJ")).toEqual([wrapped, bare]);
    expect(isLegacyRecoveryHash(wrapped)).toBe(true);
    expect(isLegacyRecoveryHash(bare)).toBe(true);
  });

  it("give no candidates for input of another length", () => {
    expect(recoveryCodeCandidates(KEY, "abcd-efgh")).toEqual([]);
    expect(recoveryCodeCandidates(KEY, "")).toEqual([]);
  });

  it("find the matching row among the unused ones", () => {
    const rows = ["abcd-efgh-ijkl-mnop-qrst-uvwx", "bbcd-efgh-ijkl-mnop-qrst-uvwx"].map((code, i) => ({ id: `r${i}`, codeHash: hashRecoveryCode(KEY, code) }));
    expect(findRecoveryCode(recoveryCodeCandidates(KEY, "bbcdefghijklmnopqrstuvwx"), rows)?.id).toBe("r1");
    expect(findRecoveryCode(recoveryCodeCandidates(KEY, "cbcdefghijklmnopqrstuvwx"), rows)).toBeNull();
    expect(findRecoveryCode(recoveryCodeCandidates("another key", "bbcdefghijklmnopqrstuvwx"), rows)).toBeNull();
  });
});
