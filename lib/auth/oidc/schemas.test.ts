import { describe, expect, it } from "vitest";
import { OIDC_ROLE_NAMES, parseEnv } from "../../env";
import { ROLES } from "../schemas";
import { OidcClaims, OidcConfig, oidcConfigFromEnv } from "./schemas";

const ENV = {
  OIDC_ISSUER: "https://idp.example.com/realms/staff",
  OIDC_CLIENT_ID: "vigil",
  OIDC_CLIENT_SECRET: "a-client-secret-value",
  OIDC_ROLE_MAP: "vigil-admins=admin,staff=viewer",
};

describe("oidcConfigFromEnv", () => {
  it("is null when OIDC_ISSUER is unset", () => {
    expect(oidcConfigFromEnv(parseEnv({}))).toBeNull();
  });

  it("builds the config object a settings page could build too", () => {
    expect(oidcConfigFromEnv(parseEnv({ ...ENV, OIDC_MFA: "idp", OIDC_ACR_VALUES: "gold", OIDC_DISPLAY_NAME: "Okta" }))).toEqual({
      issuer: "https://idp.example.com/realms/staff",
      clientId: "vigil",
      clientSecret: "a-client-secret-value",
      displayName: "Okta",
      rolesClaim: "groups",
      roleMap: [
        { group: "vigil-admins", role: "admin" },
        { group: "staff", role: "viewer" },
      ],
      jit: false,
      mfa: "idp",
      acrValues: ["gold"],
    });
  });

  it("the environment's role names are exactly Vigil's roles", () => {
    expect(OIDC_ROLE_NAMES).toEqual(ROLES);
  });
});

describe("OidcConfig", () => {
  const base = { issuer: "https://idp.example.com", clientId: "c", clientSecret: "s", roleMap: [{ group: "g", role: "viewer" }] };

  it("fills the defaults", () => {
    expect(OidcConfig.parse(base)).toMatchObject({ displayName: "single sign-on", rolesClaim: "groups", jit: false, mfa: "vigil", acrValues: [] });
  });

  it.each([
    [{ ...base, roleMap: [] }, "roleMap"],
    [{ ...base, roleMap: [{ group: "g", role: "root" }] }, "roleMap"],
    [{ ...base, acrValues: ["gold"] }, "acrValues"],
    [{ ...base, issuer: "idp.example.com" }, "issuer"],
  ])("refuses %j at %s", (raw, path) => {
    const result = OidcConfig.safeParse(raw);
    expect(result.success).toBe(false);
    expect(String(result.error?.issues[0]?.path[0])).toBe(path);
  });
});

describe("OidcClaims", () => {
  it("reads what Vigil needs and ignores malformed optional claims", () => {
    expect(OidcClaims.parse({ sub: "u1", email: " Ana@Example.COM ", email_verified: "true", amr: "pwd", groups: ["x"] })).toEqual({
      sub: "u1",
      email: "ana@example.com",
      email_verified: true,
      amr: undefined,
      groups: ["x"],
    });
    expect(OidcClaims.safeParse({ email: "a@b.c" }).success).toBe(false);
    expect(OidcClaims.parse({ sub: "u1", email: "not an address", email_verified: true }).email).toBeUndefined();
  });
});
