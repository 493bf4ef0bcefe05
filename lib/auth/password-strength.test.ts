import { describe, expect, it } from "vitest";
import { weakPasswordReason } from "./password-strength";

describe("weakPasswordReason", () => {
  it.each([
    ["password1234", /commonly used password/],
    ["Password123!", /commonly used password/],
    ["qwertyuiop123", /commonly used password/],
    ["123456789012", /commonly used password/],
    ["aaaaaaaaaaaa", /Repeated characters/],
    ["ana@example.com1", /personal/],
  ])("refuses %j", (password, reason) => {
    expect(weakPasswordReason(password, ["ana@example.com", "Ana"])).toMatch(reason);
  });

  it.each(["a long enough passphrase", "correct horse battery staple", "temporary password 1", "Tallyworks2026!"])("accepts %j", (password) => {
    expect(weakPasswordReason(password, ["ana@example.com", "Ana"])).toBeNull();
  });
});
