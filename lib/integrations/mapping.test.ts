import { describe, expect, it } from "vitest";
import { impactForStatus, mapAlert, ruleMatches, statusUnderAlert, worseStatus, type MappingConfig } from "./mapping";
import type { InboundAlertInput } from "./payloads";

const alert = (overrides: Partial<InboundAlertInput> = {}): InboundAlertInput => ({
  fingerprint: "f1",
  status: "firing",
  labels: { service: "hubdoc", severity: "critical", env: "prod" },
  title: "Hubdoc down",
  message: "",
  component: null,
  severity: null,
  impliedStatus: null,
  ...overrides,
});

const config = (overrides: Partial<MappingConfig> = {}): MappingConfig => ({
  rules: [
    { label: "service", value: "hubdoc", componentId: "cmp-hubdoc", status: null },
    { label: "service", value: "ledger", componentId: "cmp-ledger", status: null },
    { label: "severity", value: "critical", componentId: null, status: "major_outage" },
    { label: "severity", value: "*", componentId: null, status: "degraded_performance" },
  ],
  defaultComponentId: null,
  defaultStatus: "partial_outage",
  ...overrides,
});

const bySlug = (slug: string): string | null => (slug === "ledger" ? "cmp-ledger" : null);

describe("ruleMatches", () => {
  it.each([
    [{ label: "service", value: "hubdoc" }, true],
    [{ label: "service", value: "HUBDOC" }, true],
    [{ label: "service", value: "hub" }, false],
    [{ label: "service", value: "*" }, true],
    [{ label: "team", value: "*" }, false],
    // Object's own members are no labels.
    [{ label: "constructor", value: "*" }, false],
    [{ label: "toString", value: "x" }, false],
    [{ label: "__proto__", value: "*" }, false],
  ])("%j → %s", (rule, expected) => {
    expect(ruleMatches(rule, { service: "hubdoc" })).toBe(expected);
  });
});

describe("mapAlert", () => {
  it.each([
    ["rules give both, first match each", alert(), config(), { componentId: "cmp-hubdoc", status: "major_outage" }],
    [
      "a later wildcard rule gives the status",
      alert({ labels: { service: "ledger", severity: "warning" } }),
      config(),
      { componentId: "cmp-ledger", status: "degraded_performance" },
    ],
    ["no rule status: the default", alert({ labels: { service: "ledger" } }), config(), { componentId: "cmp-ledger", status: "partial_outage" }],
    [
      "no rule component: the default component",
      alert({ labels: { severity: "critical" } }),
      config({ defaultComponentId: "cmp-default" }),
      { componentId: "cmp-default", status: "major_outage" },
    ],
    ["no component at all: unmapped", alert({ labels: {} }), config(), null],
    [
      "the payload's own component and severity come first",
      alert({ component: "ledger", severity: "degraded_performance" }),
      config(),
      { componentId: "cmp-ledger", status: "degraded_performance" },
    ],
    ["an unknown slug falls back to the rules", alert({ component: "nope" }), config(), { componentId: "cmp-hubdoc", status: "major_outage" }],
    [
      "Datadog's Warn when no rule gives a status",
      alert({ labels: { service: "ledger" }, impliedStatus: "degraded_performance" }),
      config(),
      { componentId: "cmp-ledger", status: "degraded_performance" },
    ],
    ["a rule status wins over Warn", alert({ impliedStatus: "degraded_performance" }), config(), { componentId: "cmp-hubdoc", status: "major_outage" }],
  ] as const)("%s", (_name, input, cfg, expected) => {
    expect(mapAlert(input, cfg, bySlug)).toEqual(expected);
  });
});

describe("statusUnderAlert: never better than now", () => {
  it.each([
    ["operational", "partial_outage", "partial_outage", true],
    ["degraded_performance", "major_outage", "major_outage", true],
    ["major_outage", "degraded_performance", "major_outage", false],
    ["partial_outage", "partial_outage", "partial_outage", false],
    ["under_maintenance", "degraded_performance", "degraded_performance", true],
  ] as const)("%s with an alert of %s → %s", (current, alertStatus, status, worsens) => {
    expect(statusUnderAlert(current, alertStatus)).toEqual({ status, worsens });
  });

  it("worseStatus is symmetric", () => {
    expect(worseStatus("major_outage", "operational")).toBe("major_outage");
    expect(worseStatus("operational", "major_outage")).toBe("major_outage");
  });

  it.each([
    ["major_outage", "major"],
    ["partial_outage", "minor"],
    ["degraded_performance", "minor"],
    ["operational", "none"],
  ] as const)("impact for %s is %s", (status, impact) => {
    expect(impactForStatus(status)).toBe(impact);
  });
});
