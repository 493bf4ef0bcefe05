import { describe, expect, it } from "vitest";
import { databaseProvider, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("needs no configuration at all", () => {
    expect(parseEnv({})).toMatchObject({ DATABASE_URL: "file:./data/vigil.db", SEED_DEMO: true, PORT: 3000, TRUST_PROXY: false, TRUST_PROXY_HOPS: 1 });
  });

  it("treats empty values as unset and parses booleans and numbers", () => {
    expect(parseEnv({ DATABASE_URL: "", SEED_DEMO: "false", PORT: "8080" })).toMatchObject({
      DATABASE_URL: "file:./data/vigil.db",
      SEED_DEMO: false,
      PORT: 8080,
    });
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, /^Invalid DATABASE_URL: expected file:<path> \(SQLite\) or postgres:\/\//],
    [{ PORT: "eighty" }, /^Invalid PORT: /],
    [{ PORT: "70000" }, /^Invalid PORT: /],
    [{ SEED_DEMO: "maybe" }, /^Invalid SEED_DEMO: expected true or false \(got "maybe"\)$/],
    [{ TRUST_PROXY_HOPS: "0" }, /^Invalid TRUST_PROXY_HOPS: expected a number of proxies from 1 to 10/],
    [{ TRUST_PROXY_HOPS: "two" }, /^Invalid TRUST_PROXY_HOPS: expected a number of proxies from 1 to 10/],
  ])("names the bad variable in one line: %j", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  it("tells the provider from the URL", () => {
    expect(databaseProvider("file:./data/x.db")).toBe("sqlite");
    expect(databaseProvider("postgres://u@h/db")).toBe("postgres");
    expect(databaseProvider("postgresql://u@h/db")).toBe("postgres");
  });
});

describe("METRICS_TOKEN", () => {
  it("is optional, and at least 16 characters when set", () => {
    expect(parseEnv({}).METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ METRICS_TOKEN: "0123456789abcdef" }).METRICS_TOKEN).toBe("0123456789abcdef");
  });

  it("never repeats a bad token in the error", () => {
    expect(() => parseEnv({ METRICS_TOKEN: "short-secret" })).toThrow(
      /^Invalid METRICS_TOKEN: expected at least 16 characters \(got a value that is not shown\)$/,
    );
    expect(() => parseEnv({ METRICS_TOKEN: "short-secret" })).not.toThrow(/short-secret/);
  });
});

describe("PROBE_REGION and its alias REGION", () => {
  it("defaults to local, takes REGION when PROBE_REGION is unset, and PROBE_REGION wins", () => {
    expect(parseEnv({}).PROBE_REGION).toBe("local");
    expect(parseEnv({ REGION: "eu-west" }).PROBE_REGION).toBe("eu-west");
    expect(parseEnv({ REGION: "eu-west", PROBE_REGION: "us-east" }).PROBE_REGION).toBe("us-east");
    expect(() => parseEnv({ REGION: "EU West" })).toThrow(/^Invalid REGION: expected a short name/);
  });
});

describe("probe history retention", () => {
  it("defaults to raw 7, hourly 90, daily 400 days, and reads the former PROBE_RESULT_RETENTION_DAYS as raw", () => {
    expect(parseEnv({})).toMatchObject({ PROBE_RAW_RETENTION_DAYS: 7, PROBE_HOURLY_RETENTION_DAYS: 90, PROBE_DAILY_RETENTION_DAYS: 400 });
    expect(parseEnv({ PROBE_RESULT_RETENTION_DAYS: "14" }).PROBE_RAW_RETENTION_DAYS).toBe(14);
    expect(parseEnv({ PROBE_RESULT_RETENTION_DAYS: "14", PROBE_RAW_RETENTION_DAYS: "3" }).PROBE_RAW_RETENTION_DAYS).toBe(3);
  });

  it.each([
    [{ PROBE_RAW_RETENTION_DAYS: "1" }, /^Invalid PROBE_RAW_RETENTION_DAYS: expected a number of days from 2 to 400 \(got "1"\)$/],
    [{ PROBE_RESULT_RETENTION_DAYS: "1" }, /^Invalid PROBE_RESULT_RETENTION_DAYS: expected a number of days from 2 to 400/],
    [{ PROBE_HOURLY_RETENTION_DAYS: "7" }, /^Invalid PROBE_HOURLY_RETENTION_DAYS: expected a number of days from 8 to 3650/],
    [{ PROBE_DAILY_RETENTION_DAYS: "a year" }, /^Invalid PROBE_DAILY_RETENTION_DAYS: expected a number of days from 1 to 3650/],
    [{ PROBE_DAILY_RETENTION_DAYS: "1.5" }, /^Invalid PROBE_DAILY_RETENTION_DAYS: /],
  ])("names the bad setting: %j", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});

describe("VIGIL_SECRET_KEY and VIGIL_PREVIOUS_SECRET_KEYS", () => {
  const key = Buffer.alloc(32, 7);

  it.each([
    ["base64", key.toString("base64")],
    ["base64 without padding", key.toString("base64").replace(/=$/, "")],
    ["base64url", key.toString("base64url")],
    ["hex", key.toString("hex")],
    ["hex with spaces around", ` ${key.toString("hex").toUpperCase()} `],
  ])("reads a 32-byte key as %s", (_, text) => {
    expect(parseEnv({ VIGIL_SECRET_KEY: text }).VIGIL_SECRET_KEY).toEqual(key);
  });

  it("is optional, and previous keys are a comma-separated list", () => {
    expect(parseEnv({}).VIGIL_SECRET_KEY).toBeUndefined();
    const other = Buffer.alloc(32, 8);
    expect(
      parseEnv({ VIGIL_SECRET_KEY: key.toString("hex"), VIGIL_PREVIOUS_SECRET_KEYS: `${other.toString("base64")}, ${key.toString("hex")}` }),
    ).toMatchObject({
      VIGIL_PREVIOUS_SECRET_KEYS: [other, key],
    });
  });

  it.each([
    [{ VIGIL_SECRET_KEY: "hunter2-hunter2" }, /^Invalid VIGIL_SECRET_KEY: expected 32 random bytes as base64 or hex.*\(got a value that is not shown\)$/],
    [{ VIGIL_SECRET_KEY: Buffer.alloc(16).toString("base64") }, /^Invalid VIGIL_SECRET_KEY: expected 32 random bytes/],
    [
      { VIGIL_SECRET_KEY: key.toString("hex"), VIGIL_PREVIOUS_SECRET_KEYS: "hunter2-hunter2" },
      /^Invalid VIGIL_PREVIOUS_SECRET_KEYS: a comma-separated list of keys/,
    ],
    [{ VIGIL_PREVIOUS_SECRET_KEYS: key.toString("hex") }, /^Invalid VIGIL_PREVIOUS_SECRET_KEYS: set VIGIL_SECRET_KEY too/],
  ])("refuses a bad key without echoing it: %j", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
    expect(() => parseEnv(source)).not.toThrow(/hunter2/);
  });
});

describe("VIGIL_PASSWORD_HASH_COST", () => {
  it("is for tests only", () => {
    expect(parseEnv({ VIGIL_PASSWORD_HASH_COST: "test", NODE_ENV: "test" }).VIGIL_PASSWORD_HASH_COST).toBe("test");
    expect(() => parseEnv({ VIGIL_PASSWORD_HASH_COST: "test" })).toThrow(/^Invalid VIGIL_PASSWORD_HASH_COST: weak password hashing is for tests only/);
    expect(() => parseEnv({ VIGIL_PASSWORD_HASH_COST: "low", NODE_ENV: "test" })).toThrow(/^Invalid VIGIL_PASSWORD_HASH_COST: expected test/);
  });
});

describe("single sign-on (OIDC_*)", () => {
  const BASE = {
    OIDC_ISSUER: "https://idp.example.com/realms/staff",
    OIDC_CLIENT_ID: "vigil",
    OIDC_CLIENT_SECRET: "a-client-secret-value",
    OIDC_ROLE_MAP: "vigil-admins=admin, vigil-editors=editor,staff=viewer",
  };

  it("is off by default, with the documented defaults", () => {
    expect(parseEnv({}).OIDC_ISSUER).toBeUndefined();
    expect(parseEnv({})).toMatchObject({ OIDC_DISPLAY_NAME: "single sign-on", OIDC_ROLES_CLAIM: "groups", OIDC_JIT: false, OIDC_MFA: "vigil" });
  });

  it("parses the role map, the mode and the acr values", () => {
    const e = parseEnv({ ...BASE, OIDC_MFA: "idp", OIDC_ACR_VALUES: "gold, urn:example:mfa", OIDC_JIT: "true" });
    expect(e.OIDC_ROLE_MAP).toEqual([
      { group: "vigil-admins", role: "admin" },
      { group: "vigil-editors", role: "editor" },
      { group: "staff", role: "viewer" },
    ]);
    expect(e).toMatchObject({ OIDC_MFA: "idp", OIDC_ACR_VALUES: ["gold", "urn:example:mfa"], OIDC_JIT: true });
  });

  it("splits on semicolons when there are any, and at a pair's last =, so LDAP DNs work as group names", () => {
    expect(parseEnv({ ...BASE, OIDC_ROLE_MAP: "cn=vigil,ou=groups,dc=example=admin; staff=viewer" }).OIDC_ROLE_MAP).toEqual([
      { group: "cn=vigil,ou=groups,dc=example", role: "admin" },
      { group: "staff", role: "viewer" },
    ]);
  });

  it.each([
    [{ OIDC_CLIENT_ID: "vigil" }, /^Invalid OIDC_ISSUER: required when OIDC_CLIENT_ID is set/],
    [{ OIDC_MFA: "idp" }, /^Invalid OIDC_ISSUER: required when OIDC_MFA is set/],
    [{ ...BASE, OIDC_ISSUER: "http://idp.example.com" }, /^Invalid OIDC_ISSUER: expected https:\/\//],
    [{ ...BASE, OIDC_ISSUER: "ftp://idp.example.com" }, /^Invalid OIDC_ISSUER: expected the identity provider's https:\/\/ issuer URL/],
    [{ ...BASE, OIDC_CLIENT_ID: "" }, /^Invalid OIDC_CLIENT_ID: required with OIDC_ISSUER/],
    [{ ...BASE, OIDC_CLIENT_SECRET: undefined }, /^Invalid OIDC_CLIENT_SECRET: required with OIDC_ISSUER/],
    [{ ...BASE, OIDC_ROLE_MAP: undefined }, /^Invalid OIDC_ROLE_MAP: required with OIDC_ISSUER \(expected group=role pairs/],
    [{ ...BASE, OIDC_ROLE_MAP: "vigil-admins=root" }, /^Invalid OIDC_ROLE_MAP: "root" \(for "vigil-admins"\) is not a role: use admin, editor or viewer/],
    [{ ...BASE, OIDC_ROLE_MAP: "vigil-admins" }, /^Invalid OIDC_ROLE_MAP: expected group=role pairs/],
    [{ ...BASE, OIDC_ROLE_MAP: "a=admin,a=viewer" }, /^Invalid OIDC_ROLE_MAP: "a" is mapped twice/],
    [{ ...BASE, OIDC_ROLE_MAP: " , " }, /^Invalid OIDC_ROLE_MAP: expected group=role pairs/],
    [{ ...BASE, OIDC_MFA: "both" }, /^Invalid OIDC_MFA: expected idp or vigil/],
    [{ ...BASE, OIDC_ACR_VALUES: "gold" }, /^Invalid OIDC_ACR_VALUES: only used with OIDC_MFA=idp/],
    [{ ...BASE, OIDC_JIT: "sometimes" }, /^Invalid OIDC_JIT: expected true or false/],
    [{ ...BASE, OIDC_ROLES_CLAIM: "realm_access..roles" }, /^Invalid OIDC_ROLES_CLAIM: /],
  ])("a bad combination names the variable in one line: %j", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  it("allows plain http only for a provider on this machine", () => {
    for (const host of ["127.0.0.1:8080", "localhost", "[::1]:9000"]) {
      expect(parseEnv({ ...BASE, OIDC_ISSUER: `http://${host}/` }).OIDC_ISSUER).toBe(`http://${host}/`);
    }
  });

  it("never repeats the client secret", () => {
    expect(() => parseEnv({ ...BASE, OIDC_CLIENT_SECRET: "x".repeat(1001) })).toThrow(/^Invalid OIDC_CLIENT_SECRET: .*\(got a value that is not shown\)$/);
  });
});
