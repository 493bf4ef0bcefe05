import { describe, expect, it } from "vitest";
import { CsvRow, StaffSubscriberInput, SubscriberListQuery } from "./schemas";

const firstIssue = (input: unknown) => {
  const result = CsvRow.safeParse(input);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  return `${issue.path.join(".")}: ${issue.message}`;
};

describe("CsvRow", () => {
  it.each([
    [
      { channel: "email", target: " Kim@Example.com ", components: "", confirmed: "" },
      { channel: "email", target: "kim@example.com", componentSlugs: [], confirmed: false },
    ],
    [
      { channel: "EMAIL", target: "a@example.com", components: "api; web;api", confirmed: "TRUE" },
      { channel: "email", target: "a@example.com", componentSlugs: ["api", "web"], confirmed: true },
    ],
    [
      { channel: "webhook", target: "https://example.com/Hook?A=1", components: "", confirmed: "" },
      { channel: "webhook", target: "https://example.com/Hook?A=1", componentSlugs: [], confirmed: true },
    ],
    [
      { channel: "slack", target: "https://proxy.example.com/slack", confirmed: "yes" },
      { channel: "slack", target: "https://proxy.example.com/slack", componentSlugs: [], confirmed: true },
    ],
    [
      { channel: "email", target: "b@example.com", confirmed: "0" },
      { channel: "email", target: "b@example.com", componentSlugs: [], confirmed: false },
    ],
  ])("accepts %j", (input, expected) => {
    expect(CsvRow.parse(input)).toEqual(expected);
  });

  it.each([
    [{ channel: "fax", target: "123" }, "channel: choose email, webhook, slack, discord, teams, pagerduty or opsgenie"],
    [
      { channel: "pagerduty", target: "https://events.pagerduty.com/v2/enqueue" },
      "channel: add pagerduty subscribers in the console: they need an integration key",
    ],
    [{ channel: "email", target: "not an address" }, "target: enter a valid email address"],
    [{ channel: "webhook", target: "ftp://example.com/x" }, "target: enter an http(s) URL"],
    [{ channel: "discord", target: "http://example.com/x" }, "target: enter an https:// URL"],
    [{ channel: "email", target: "a@example.com", confirmed: "maybe" }, "confirmed: write true or false"],
    [
      { channel: "webhook", target: "https://example.com/x", confirmed: "false" },
      "confirmed: only email subscribers can be unconfirmed; write true for a webhook URL",
    ],
  ])("refuses %j", (input, message) => {
    expect(firstIssue(input)).toBe(message);
  });
});

describe("StaffSubscriberInput", () => {
  it("needs no Slack or Discord host pattern (staff may use a proxy), only https", () => {
    expect(StaffSubscriberInput.parse({ channel: "slack", target: "https://relay.internal.example/slack" })).toMatchObject({ channel: "slack" });
    expect(StaffSubscriberInput.safeParse({ channel: "slack", target: "http://relay.example/slack" }).success).toBe(false);
  });
});

describe("StaffSubscriberInput for PagerDuty and Opsgenie", () => {
  it.each([
    [{ channel: "pagerduty", target: "", key: "R0UTINGKEY0123" }, "https://events.pagerduty.com/v2/enqueue"],
    [{ channel: "opsgenie", target: " ", key: "genie-key-0123" }, "https://api.opsgenie.com"],
    [{ channel: "opsgenie", target: "https://api.eu.opsgenie.com/", key: "genie-key-0123" }, "https://api.eu.opsgenie.com"],
  ])("an empty address means the service's default; a trailing slash is dropped (%#)", (input, target) => {
    expect(StaffSubscriberInput.parse(input)).toMatchObject({ target, key: input.key });
  });

  it.each([
    [{ channel: "pagerduty", target: "" }, "key"],
    [{ channel: "pagerduty", target: "", key: "has spaces in it" }, "key"],
    [{ channel: "opsgenie", target: "ftp://x.example", key: "genie-key-0123" }, "target"],
  ])("refuses %j at %s", (input, field) => {
    const result = StaffSubscriberInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });
});

describe("SubscriberListQuery", () => {
  it("ignores malformed parameters instead of failing the page", () => {
    expect(SubscriberListQuery.parse({ channel: "fax", confirmed: "maybe", page: "-3", q: "  kim " })).toEqual({ q: "kim", page: 1 });
    expect(SubscriberListQuery.parse({ channel: "slack", confirmed: "no", page: "2" })).toEqual({ channel: "slack", confirmed: "no", page: 2 });
  });

  it("ignores a search or component with a NUL, which PostgreSQL cannot compare", () => {
    expect(SubscriberListQuery.parse({ q: "a\u0000b", component: "\u0000", channel: "email" })).toEqual({ channel: "email", page: 1 });
  });
});
