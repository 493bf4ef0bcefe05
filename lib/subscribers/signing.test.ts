import { describe, expect, it } from "vitest";
import { signLink, verifyLink } from "../notify/links";
import { checkFormToken, issueFormToken } from "./signing";

const secret = "test-secret";
const now = new Date("2026-12-01T10:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("signed subscription links", () => {
  const token = signLink(secret, "unsubscribe", "sub_123", later(3600_000));

  it("verify for their purpose until they expire", () => {
    expect(verifyLink(secret, "unsubscribe", token, now)).toBe("sub_123");
    expect(verifyLink(secret, "unsubscribe", token, later(3601_000))).toBeNull();
  });

  it("cannot be used for another purpose, forged, or extended", () => {
    expect(verifyLink(secret, "manage", token, now)).toBeNull();
    expect(verifyLink("other-secret", "unsubscribe", token, now)).toBeNull();
    const [, signature] = token.split(".");
    const extended = `${Buffer.from(`unsubscribe.sub_123.${Math.floor(later(1e9).getTime() / 1000)}`).toString("base64url")}.${signature}`;
    expect(verifyLink(secret, "unsubscribe", extended, now)).toBeNull();
    expect(verifyLink(secret, "unsubscribe", "garbage", now)).toBeNull();
    expect(verifyLink(secret, "unsubscribe", `${token}.x`, now)).toBeNull();
  });
});

describe("form tokens", () => {
  const token = issueFormToken(secret, now);
  it.each([
    [later(500), "too_fast"],
    [later(5_000), "ok"],
    [later(3 * 3600_000), "expired"],
  ] as const)("at %s → %s", (when, expected) => {
    expect(checkFormToken(secret, token, when)).toBe(expected);
  });
  it("rejects forged and malformed tokens", () => {
    expect(checkFormToken(secret, `${now.getTime() - 60_000}.${token.split(".")[1]}`, later(5000))).toBe("invalid");
    expect(checkFormToken(secret, "", now)).toBe("invalid");
    expect(checkFormToken("other", token, later(5000))).toBe("invalid");
  });
});
