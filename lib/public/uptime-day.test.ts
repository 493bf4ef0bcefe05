import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translate";
import type { UptimeDayView } from "./types";
import { dayDetailLines, dayOutageParts, daySummary, formatDayUptime, formatUptime } from "./uptime-day";

const en = translator("en-US");
const de = translator("de-DE");
const day = (minutes: UptimeDayView["minutes"], incidents: UptimeDayView["incidents"] = [], worst: UptimeDayView["worst"] = "operational"): UptimeDayView => ({
  day: "2026-11-12",
  worst,
  minutes,
  incidents,
});
const FULL = 1440;

describe("daySummary (a day button's accessible name)", () => {
  it.each([
    ["a quiet day", day({ operational: FULL }), "Nov 12, 2026: 100% uptime"],
    [
      "a partial outage with an incident",
      day({ operational: FULL - 14, partial_outage: 14 }, [{ id: "i1", name: "Slow reports" }], "partial_outage"),
      "Nov 12, 2026: 99.7% uptime, Partial Outage 14 min, 1 incident",
    ],
    [
      "several statuses, worst first, and two incidents",
      day(
        { operational: 1000, degraded_performance: 400, major_outage: 40 },
        [
          { id: "a", name: "A" },
          { id: "b", name: "B" },
        ],
        "major_outage",
      ),
      "Nov 12, 2026: 97.22% uptime, Major Outage 40 min, Degraded Performance 400 min, 2 incidents",
    ],
    [
      "a day under maintenance only (no uptime to state)",
      day({ under_maintenance: FULL }, [], "under_maintenance"),
      "Nov 12, 2026: Under Maintenance 1,440 min",
    ],
    ["a day before the component existed", day({}, [], null), "Nov 12, 2026: no data"],
    // Half a minute of outage floors the percent (never "100%") but is too short to list.
    ["under a minute of outage", day({ operational: FULL - 0.5, major_outage: 0.5 }, [], "major_outage"), "Nov 12, 2026: 99.96% uptime"],
  ])("%s", (_name, input, expected) => {
    expect(daySummary(input, en)).toBe(expected);
  });

  it("is said in the page's language", () => {
    expect(daySummary(day({ operational: FULL - 14, partial_outage: 14 }, [{ id: "i1", name: "x" }], "partial_outage"), de)).toBe(
      "12. Nov. 2026: 99,7\u00a0% Verfügbarkeit, Teilausfall 14 Min. und 1 Vorfall", // Intl's German percent and list
    );
  });
});

describe("dayDetailLines (the popover's lines)", () => {
  it.each([
    ["a quiet day says nothing (the popover's own text does)", day({ operational: FULL }), []],
    ["no data", day({}, [], null), []],
    ["an outage: uptime then minutes", day({ operational: FULL - 14, partial_outage: 14 }, [], "partial_outage"), ["99.7% uptime", "Partial Outage 14 min"]],
    ["maintenance only", day({ under_maintenance: 60, operational: FULL - 60 }, [], "under_maintenance"), ["100% uptime", "Under Maintenance 60 min"]],
  ])("%s", (_name, input, expected) => {
    expect(dayDetailLines(input, en)).toEqual(expected);
  });
});

describe("formatting", () => {
  it("lists only statuses with a minute or more, operational never", () => {
    expect(dayOutageParts({ minutes: { operational: 1400, degraded_performance: 0.9, partial_outage: 1.4 } }, en)).toEqual(["Partial Outage 1 min"]);
  });

  it.each([
    [100, "100%"],
    [99.999, "99.99%"], // floored, never rounded up to 100
    [99.2, "99.2%"],
    [0, "0%"],
  ])("a day's uptime %s → %s", (percent, text) => {
    expect(formatDayUptime(percent, "en-US")).toBe(text);
  });

  it("the bar's uptime keeps two decimals and says when there is no data", () => {
    expect(formatUptime(99.999, en)).toBe("99.99%");
    expect(formatUptime(100, en)).toBe("100.00%");
    expect(formatUptime(null, en)).toBe("no data");
  });
});
