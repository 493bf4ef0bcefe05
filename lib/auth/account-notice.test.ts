import { describe, expect, it } from "vitest";
import { accountNotice } from "./account-notice";

const at = new Date("2026-12-02T10:00:00Z");
const ana = { name: "Ana", email: "ana@example.com", backupEmail: "ana@home.example", backupEmailConfirmedAt: at };

describe("accountNotice", () => {
  it("goes to the address and a confirmed backup address, saying what, when and from where", () => {
    const messages = accountNotice("password", ana, at, "203.0.113.9");
    expect(messages.map((m) => m.to)).toEqual(["ana@example.com", "ana@home.example"]);
    expect(messages[0]!.text).toContain("Your password was changed.");
    expect(messages[0]!.text).toContain("2026-12-02T10:00:00.000Z");
    expect(messages[0]!.text).toContain("203.0.113.9");
  });
  it("skips an unconfirmed backup address", () => {
    expect(accountNotice("device", { ...ana, backupEmailConfirmedAt: null }, at, null).map((m) => m.to)).toEqual(["ana@example.com"]);
  });
});
