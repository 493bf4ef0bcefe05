import { describe, expect, it } from "vitest";
import { CheckConfig } from "./checks/config";
import { keepSavedSecrets, redactedCheck } from "./stored";

const saved = CheckConfig.parse({
  kind: "http",
  url: "https://api.example.com/health",
  headers: { "X-Api-Key": "s3cret" },
  body: '{"token":"t"}',
  method: "POST",
  auth: { type: "basic", username: "probe", password: "hunter2hunter2" },
});

describe("a probe's secrets", () => {
  it("are hidden when shown, and a check sent back as shown keeps the saved ones", () => {
    const shown = redactedCheck(saved);
    expect(JSON.stringify(shown)).not.toMatch(/s3cret|hunter2|"t"/);
    const back = CheckConfig.parse(keepSavedSecrets(saved, shown));
    expect(back).toMatchObject({ headers: { "X-Api-Key": "s3cret" }, body: '{"token":"t"}', auth: { password: "hunter2hunter2" } });
  });

  it("a new value replaces the saved one; a left-out password keeps it", () => {
    const edited = { ...redactedCheck(saved), headers: { "X-Api-Key": "new" }, auth: { type: "basic", username: "probe" } };
    expect(CheckConfig.parse(keepSavedSecrets(saved, edited))).toMatchObject({ headers: { "X-Api-Key": "new" }, auth: { password: "hunter2hunter2" } });
  });
});
