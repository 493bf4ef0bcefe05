import { describe, expect, it } from "vitest";
import { describeOidcError, isTransportError, scopesFor } from "./client";
import { OidcConfig } from "./schemas";

const config = (rolesClaim: string) =>
  OidcConfig.parse({ issuer: "https://idp.example.com", clientId: "c", clientSecret: "s", rolesClaim, roleMap: [{ group: "g", role: "viewer" }] });

describe("scopesFor", () => {
  it.each([
    ["groups", ["openid", "email", "profile", "groups"], "openid email profile groups"],
    ["groups", ["openid", "email"], "openid email profile"],
    ["groups", undefined, "openid email profile"],
    ["realm_access.roles", ["openid", "roles"], "openid email profile"],
  ])("roles claim %s, provider scopes %j → %s", (claim, supported, scopes) => {
    expect(scopesFor(config(claim), supported)).toBe(scopes);
  });
});

describe("isTransportError and describeOidcError", () => {
  it("tells network trouble from an answer that failed a check", () => {
    expect(isTransportError(new TypeError("fetch failed"))).toBe(true);
    expect(isTransportError(Object.assign(new TypeError('"clientId" must be a non-empty string'), { code: "ERR_INVALID_ARG_TYPE" }))).toBe(false);
    expect(isTransportError(new DOMException("timed out", "TimeoutError"))).toBe(true);
    expect(isTransportError(new Error("unexpected JWT claim value encountered"))).toBe(false);
  });

  it("names openid-client's code and the claim that failed", () => {
    const wrapped = Object.assign(new Error("unexpected JWT claim value encountered", { cause: new Error('unexpected JWT "aud" (audience) claim value') }), {
      code: "OAUTH_JWT_CLAIM_COMPARISON_FAILED",
    });
    expect(describeOidcError(wrapped)).toBe(
      'OAUTH_JWT_CLAIM_COMPARISON_FAILED: unexpected JWT claim value encountered: unexpected JWT "aud" (audience) claim value',
    );
  });
});
