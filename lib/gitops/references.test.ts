import { describe, expect, it } from "vitest";
import { fillStoredSecrets, StoredSecret, substituteReferences } from "./references";

describe("substituteReferences", () => {
  const env = { TOKEN: "abc", EMPTY: "" };

  it.each<[unknown, unknown]>([
    ["${env:TOKEN}", "abc"],
    ["Bearer ${env:TOKEN}!", "Bearer abc!"],
    ["${env:EMPTY}", ""],
    ["$${env:TOKEN}", "${env:TOKEN}"],
    ["costs $5", "costs $5"],
    [{ a: ["${env:TOKEN}", 1, true] }, { a: ["abc", 1, true] }],
  ])("%j → %j", (value, expected) => {
    expect(substituteReferences(value, env)).toEqual({ value: expected, issues: [] });
  });

  it("names a variable that is not set, where it is used", () => {
    expect(substituteReferences({ settings: { name: "${env:NOPE}" } }, env).issues).toEqual([
      { path: ["settings", "name"], message: "${env:NOPE} is not set in the environment" },
    ]);
    expect(substituteReferences("${env:bad-name}", env).issues[0]!.message).toMatch(/not a variable reference/);
  });

  it("keeps ${stored} for a probe check only", () => {
    const inCheck = substituteReferences({ probes: [{ check: { auth: { password: "${stored}" } } }] }, env);
    const value = inCheck.value as { probes: { check: { auth: { password: unknown } } }[] };
    expect(value.probes[0]!.check.auth.password).toBeInstanceOf(StoredSecret);
    expect(substituteReferences({ templates: [{ body: "${stored}" }] }, env).issues[0]!.message).toMatch(/no meaning here/);
  });
});

describe("fillStoredSecrets", () => {
  it("puts the stored value in place of ${stored}", () => {
    const raw = { kind: "http", headers: { "X-Key": new StoredSecret() }, auth: { type: "basic", username: "u", password: new StoredSecret() } };
    const saved = { kind: "http", headers: { "X-Key": "k" }, auth: { type: "basic", username: "old", password: "p" } };
    expect(fillStoredSecrets(raw, saved, ["probes", 0, "check"])).toEqual({
      value: { kind: "http", headers: { "X-Key": "k" }, auth: { type: "basic", username: "u", password: "p" } },
      issues: [],
    });
  });

  it("refuses ${stored} where nothing is stored", () => {
    const { issues } = fillStoredSecrets({ auth: { token: new StoredSecret() } }, undefined, ["probes", 3, "check"]);
    expect(issues).toEqual([{ path: ["probes", 3, "check", "auth", "token"], message: expect.stringMatching(/none stored here/) }]);
  });
});
