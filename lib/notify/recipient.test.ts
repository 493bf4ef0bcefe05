import { describe, expect, it } from "vitest";
import { maskUrl, recipientLabel } from "./recipient";

describe("recipientLabel", () => {
  it.each([
    ["email", "kim@example.com", "kim@example.com"],
    ["slack", "https://hooks.slack.com/services/T000/B000/secret", "https://hooks.slack.com/…"],
    ["discord", "https://discord.com/api/webhooks/1/token", "https://discord.com/…"],
    // User info, query and fragment may all hold credentials: none of them is kept.
    ["webhook", "https://user:pass@Hooks.Example.com:8443/x?token=abc#frag", "https://hooks.example.com:8443/…"],
    ["webhook", "http://bare.example?token=abc", "http://bare.example/…"],
    ["webhook", "not a url", "(invalid URL)"],
    ["pagerduty", "https://events.pagerduty.com/v2/enqueue#key-b2c3", "https://events.pagerduty.com/… (key …b2c3)"],
    ["opsgenie", "https://api.eu.opsgenie.com/#key-9f0e", "https://api.eu.opsgenie.com/… (key …9f0e)"],
    // Only keyed channels show a hint: a webhook's fragment is its own business.
    ["webhook", "https://hooks.example.com/x#key-abcd", "https://hooks.example.com/…"],
  ])("%s %s → %s", (channel, target, expected) => {
    expect(recipientLabel(channel, target)).toBe(expected);
  });

  it("masks any URL the same way", () => {
    expect(maskUrl("https://example.com/a/b")).toBe("https://example.com/…");
  });
});
