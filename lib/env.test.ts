import { describe, expect, it } from "vitest";
import { databaseProvider, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("needs no configuration at all", () => {
    expect(parseEnv({})).toMatchObject({ DATABASE_URL: "file:./data/vigil.db", SEED_DEMO: true, PORT: 3000 });
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
    expect(() => parseEnv({ METRICS_TOKEN: "short-secret" })).toThrow(/^Invalid METRICS_TOKEN: expected at least 16 characters \(got a value that is not shown\)$/);
    expect(() => parseEnv({ METRICS_TOKEN: "short-secret" })).not.toThrow(/short-secret/);
  });
});
