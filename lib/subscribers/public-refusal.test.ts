import { describe, expect, it } from "vitest";
import { publicWebhookRefusal } from "./subscribe";

describe("publicWebhookRefusal", () => {
  it.each([
    ["hooks.internal resolves to 10.1.2.3, a private address; an admin can allow…", "This URL does not lead to a public address on the internet."],
    ["intranet.example could not be resolved (ENOTFOUND).", "This URL does not lead to a public address on the internet."],
    ['Only https:// and http:// URLs can receive webhooks, not "ftp:" ones.', 'Only https:// and http:// URLs can receive webhooks, not "ftp:" ones.'],
  ])("%s", (reason, shown) => expect(publicWebhookRefusal(reason)).toBe(shown));
});
