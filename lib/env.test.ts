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
