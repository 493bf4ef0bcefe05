import { describe, expect, it } from "vitest";
import { idpProvedMfa } from "./idp-mfa";

describe("idpProvedMfa", () => {
  const ACR = ["urn:example:mfa", "gold"];
  it.each([
    [{ amr: ["pwd", "mfa"] }, [], true],
    [{ amr: ["pwd", "otp"] }, [], true],
    [{ amr: ["hwk", "user"] }, [], true],
    [{ amr: ["pwd"] }, [], false],
    [{ amr: [] }, [], false],
    [{}, [], false],
    [{ amr: ["pwd"], acr: "gold" }, ACR, true],
    [{ acr: "urn:example:mfa" }, ACR, true],
    [{ acr: "silver" }, ACR, false],
    [{ acr: "gold" }, [], false], // an acr counts only when configured
    [{ amr: ["MFA"] }, [], false], // values are case-sensitive (RFC 8176)
  ])("%j with acr values %j → %s", (claims, acrValues, ok) => {
    expect(idpProvedMfa(claims, acrValues)).toBe(ok);
  });
});
