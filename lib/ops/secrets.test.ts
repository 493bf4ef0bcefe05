import { describe, expect, it } from "vitest";
import { parseExportDocument } from "./document";
import { SAMPLE_SECRETS, sampleDocument } from "./sample-document";
import { withoutSecrets } from "./secrets";

describe("withoutSecrets", () => {
  const stripped = withoutSecrets(sampleDocument());

  it.each(Object.entries(SAMPLE_SECRETS))("leaves out the %s", (_, value) => {
    expect(JSON.stringify(sampleDocument())).toContain(value);
    expect(JSON.stringify(stripped)).not.toContain(value);
  });

  it.each<[string, (doc: ReturnType<typeof sampleDocument>) => unknown]>([
    ["page.signingSecret", (d) => d.page && "signingSecret" in d.page],
    ["page.recoveryCodeKey", (d) => d.page && "recoveryCodeKey" in d.page],
    ["users[].passwordHash", (d) => d.users.some((u) => "passwordHash" in u)],
    ["users[].mfaSecret, mfaEnrolledAt, mfaLastStep", (d) => d.users.some((u) => "mfaSecret" in u || "mfaEnrolledAt" in u || "mfaLastStep" in u)],
    ["users[].recoveryCodes", (d) => d.users.some((u) => "recoveryCodes" in u)],
    ["subscribers[].secret", (d) => d.subscribers.some((s) => "secret" in s)],
    ["apiKeys", (d) => "apiKeys" in d],
    ["probeHeartbeats", (d) => "probeHeartbeats" in d],
  ])("removes %s (the key, not only its value)", (_, present) => {
    expect(present(sampleDocument())).toBe(true);
    expect(present(stripped)).toBe(false);
  });

  it("keeps everything else, says so in the document, and leaves its input alone", () => {
    const original = sampleDocument();
    const result = withoutSecrets(original);
    expect(original).toEqual(sampleDocument());
    expect(result.includesSecrets).toBe(false);
    expect(result.users.map((u) => [u.email, u.name, u.role, u.backupEmail])).toEqual(original.users.map((u) => [u.email, u.name, u.role, u.backupEmail]));
    expect(result.subscribers.map((s) => [s.target, s.confirmedAt, s.componentIds])).toEqual(
      original.subscribers.map((s) => [s.target, s.confirmedAt, s.componentIds]),
    );
    expect({
      ...result,
      includesSecrets: true,
      page: original.page,
      users: original.users,
      subscribers: original.subscribers,
      apiKeys: original.apiKeys,
      probeHeartbeats: original.probeHeartbeats,
    }).toEqual(original);
  });

  it("is still a valid document, and stripping twice changes nothing", () => {
    expect(parseExportDocument(stripped)).toEqual(stripped);
    expect(withoutSecrets(stripped)).toEqual(stripped);
  });
});
