import { describe, expect, it } from "vitest";
import type { ComponentView, PublicSnapshot } from "../public/types";
import type { ComponentStatus, PageIndicator } from "../status/schemas";
import {
  badgeData,
  badgeFor,
  badgeRequestKey,
  cleanLabel,
  formatUptime,
  isBadgePath,
  MAX_LABEL_LENGTH,
  NO_DATA_COLOR,
  parseBadgeRequest,
  STATUS_COLORS,
  uptimeColor,
  type BadgeRequest,
} from "./badge";

const q = (search = "") => new URLSearchParams(search);

describe("isBadgePath / parseBadgeRequest", () => {
  it.each([
    ["/badge.svg", true],
    ["/badge/hubdoc.svg", true],
    ["/badge/hubdoc", true],
    ["/badge/", false],
    ["/badge/a/b.svg", false],
    ["/badges.svg", false],
    ["/", false],
  ])("%s is a badge path: %s", (path, expected) => expect(isBadgePath(path)).toBe(expected));

  it("reads the page badge with its defaults", () => {
    expect(parseBadgeRequest("/badge.svg", q())).toEqual({ target: { kind: "page" }, metric: "status", style: "flat", label: null });
  });

  it("reads a component badge's slug, metric, style and label", () => {
    expect(parseBadgeRequest("/badge/tax-uk.svg", q("metric=uptime&style=flat-square&label=Tax%20UK"))).toEqual({
      target: { kind: "component", slug: "tax-uk" },
      metric: "uptime",
      style: "flat-square",
      label: "Tax UK",
    });
  });

  it("falls back to defaults for unknown values instead of failing an image", () => {
    expect(parseBadgeRequest("/badge/go.svg", q("metric=latency&style=plastic"))).toMatchObject({ metric: "status", style: "flat" });
    // The page has no uptime of its own.
    expect(parseBadgeRequest("/badge.svg", q("metric=uptime")).metric).toBe("status");
  });

  it("takes the slug with or without .svg", () => {
    expect(parseBadgeRequest("/badge/hubdoc", q()).target).toEqual({ kind: "component", slug: "hubdoc" });
    expect(parseBadgeRequest("/badge/hubdoc.svg", q()).target).toEqual({ kind: "component", slug: "hubdoc" });
    expect(parseBadgeRequest("/badge/.svg", q()).target).toEqual({ kind: "component", slug: "" });
  });
});

describe("cleanLabel", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["   ", null],
    ["  build  status ", "build status"],
    ["line\nbreak\u0000here", "line break here"],
  ])("%j -> %j", (raw, expected) => expect(cleanLabel(raw)).toBe(expected));

  it(`keeps at most ${MAX_LABEL_LENGTH} characters, marking the cut`, () => {
    const label = cleanLabel("x".repeat(500))!;
    expect([...label]).toHaveLength(MAX_LABEL_LENGTH);
    expect(label.endsWith("…")).toBe(true);
    expect(cleanLabel("🚀".repeat(MAX_LABEL_LENGTH))).toBe("🚀".repeat(MAX_LABEL_LENGTH)); // counts characters, not UTF-16 units
  });
});

function component(slug: string, status: ComponentStatus, uptimePercent: number | null, showUptime = true): ComponentView {
  return { id: slug, name: slug.toUpperCase(), slug, description: null, status, showUptime, uptimePercent, days: [] };
}

function snapshot(indicator: PageIndicator): Pick<PublicSnapshot, "status" | "items"> {
  return {
    status: { indicator, description: "" },
    items: [
      { type: "component", component: component("api", "operational", 99.987) },
      {
        type: "group",
        group: {
          id: "g",
          name: "Apps",
          description: null,
          status: "major_outage",
          components: [component("ios", "major_outage", 97.5), component("web", "degraded_performance", null), component("hidden", "operational", 99.5, false)],
        },
      },
    ],
  };
}

const request = (over: Partial<BadgeRequest>): BadgeRequest => ({ target: { kind: "page" }, metric: "status", style: "flat", label: null, ...over });
const componentRequest = (slug: string, over: Partial<BadgeRequest> = {}) => request({ target: { kind: "component", slug }, ...over });

describe("badgeFor", () => {
  it.each([
    ["none", "operational", STATUS_COLORS.operational],
    ["minor", "degraded performance", STATUS_COLORS.degraded_performance],
    ["major", "partial outage", STATUS_COLORS.partial_outage],
    ["critical", "major outage", STATUS_COLORS.major_outage],
    ["maintenance", "under maintenance", STATUS_COLORS.under_maintenance],
  ] as const)("page indicator %s reads %j", (indicator, message, color) => {
    expect(badgeFor(badgeData(snapshot(indicator)), request({}))).toEqual({ status: 200, spec: { label: "status", message, color, style: "flat" } });
  });

  it("labels a component's status badge with its name, grouped or not", () => {
    const data = badgeData(snapshot("critical"));
    expect(badgeFor(data, componentRequest("api")).spec).toMatchObject({ label: "API", message: "operational", color: STATUS_COLORS.operational });
    expect(badgeFor(data, componentRequest("ios")).spec).toMatchObject({ label: "IOS", message: "major outage", color: STATUS_COLORS.major_outage });
    expect(badgeFor(data, componentRequest("web", { style: "flat-square" })).spec).toMatchObject({
      message: "degraded performance",
      color: STATUS_COLORS.degraded_performance,
      style: "flat-square",
    });
  });

  it("shows 90-day uptime, never rounded up, coloured by threshold", () => {
    const data = badgeData(snapshot("none"));
    expect(badgeFor(data, componentRequest("api", { metric: "uptime" })).spec).toMatchObject({
      label: "API uptime",
      message: "99.98%",
      color: STATUS_COLORS.operational,
    });
    expect(badgeFor(data, componentRequest("ios", { metric: "uptime" })).spec).toMatchObject({ message: "97.50%", color: STATUS_COLORS.partial_outage });
    expect(badgeFor(data, componentRequest("web", { metric: "uptime" })).spec).toMatchObject({ message: "no data", color: NO_DATA_COLOR });
    // Hidden on the page, hidden on the badge.
    expect(badgeFor(data, componentRequest("hidden", { metric: "uptime" })).spec).toMatchObject({ message: "no data", color: NO_DATA_COLOR });
  });

  it("answers 404 with a grey 'not found' badge for an unknown component", () => {
    const data = badgeData(snapshot("none"));
    expect(badgeFor(data, componentRequest("nope"))).toEqual({
      status: 404,
      spec: { label: "status", message: "not found", color: NO_DATA_COLOR, style: "flat" },
    });
    expect(badgeFor(data, componentRequest("", { metric: "uptime" })).spec.label).toBe("uptime");
  });

  it("uses a custom label when given", () => {
    const data = badgeData(snapshot("none"));
    expect(badgeFor(data, request({ label: "Tallyworks" })).spec.label).toBe("Tallyworks");
    expect(badgeFor(data, componentRequest("api", { metric: "uptime", label: "API (90 d)" })).spec.label).toBe("API (90 d)");
  });
});

describe("uptime formatting", () => {
  it.each([
    [100, "100.00%", STATUS_COLORS.operational],
    [99.999, "99.99%", STATUS_COLORS.operational],
    [99.9, "99.90%", STATUS_COLORS.operational],
    [99.89, "99.89%", STATUS_COLORS.degraded_performance],
    [99, "99.00%", STATUS_COLORS.degraded_performance],
    [98.999, "98.99%", STATUS_COLORS.partial_outage],
    [95, "95.00%", STATUS_COLORS.partial_outage],
    [94.9, "94.90%", STATUS_COLORS.major_outage],
  ])("%d -> %s", (percent, text, color) => {
    expect(formatUptime(percent)).toBe(text);
    expect(uptimeColor(percent)).toBe(color);
  });
});

it("keys variants by everything that changes the bytes", () => {
  const keys = new Set(
    [
      request({}),
      request({ style: "flat-square" }),
      request({ label: "x" }),
      componentRequest("api"),
      componentRequest("api", { metric: "uptime" }),
      componentRequest("api", { label: "x" }),
    ].map(badgeRequestKey),
  );
  expect(keys.size).toBe(6);
});
