import { describe, expect, it } from "vitest";
import type { StatusPoint } from "../status/uptime";
import { monthlyUptime, monthOf, monthSpan, monthWindows } from "./months";

const at = (iso: string) => new Date(iso);
const point = (status: StatusPoint["status"], iso: string): StatusPoint => ({ status, at: at(iso) });
const hours = (w: { start: number; end: number }) => (w.end - w.start) / 3_600_000;

describe("monthWindows", () => {
  it.each([
    // [zone, from, to, expected hours per month]
    ["UTC", "2026-01", "2026-03", [744, 672, 744]],
    // Europe/London: clocks go forward on 29 March (743 h) and back on 25 October (745 h).
    ["Europe/London", "2026-03", "2026-03", [743]],
    ["Europe/London", "2026-10", "2026-10", [745]],
    // The southern hemisphere the other way round: Auckland goes back in April, forward in September.
    ["Pacific/Auckland", "2026-04", "2026-04", [721]],
    ["Pacific/Auckland", "2026-09", "2026-09", [719]],
    // Across a year end.
    ["UTC", "2025-12", "2026-01", [744, 744]],
  ])("%s %s..%s", (zone, from, to, expected) => {
    const windows = monthWindows(from, to, zone);
    expect(windows.map(hours)).toEqual(expected);
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.start).toBe(windows[i - 1]!.end);
  });

  it("starts each month at the zone's midnight", () => {
    const [nov] = monthWindows("2026-11", "2026-11", "America/New_York");
    expect(new Date(nov!.start).toISOString()).toBe("2026-11-01T04:00:00.000Z"); // EDT
    expect(new Date(nov!.end).toISOString()).toBe("2026-12-01T05:00:00.000Z"); // EST
  });
});

describe("monthSpan and monthOf", () => {
  it.each([
    ["2026-01", "2026-01", 1],
    ["2026-01", "2026-12", 12],
    ["2024-01", "2026-12", 36],
    ["2025-11", "2026-02", 4],
  ])("%s..%s is %i months", (a, b, n) => expect(monthSpan(a, b)).toBe(n));

  it("puts an instant in the month of the page's zone", () => {
    expect(monthOf(at("2026-11-30T23:30:00Z"), "UTC")).toBe("2026-11");
    expect(monthOf(at("2026-11-30T23:30:00Z"), "Europe/Berlin")).toBe("2026-12");
    expect(monthOf(at("2026-12-01T03:00:00Z"), "America/Los_Angeles")).toBe("2026-11");
  });
});

describe("monthlyUptime", () => {
  const start = at("2026-01-01T00:00:00Z");

  it.each([
    {
      name: "no changes: all operational, 100 %",
      history: [],
      expected: { percent: 100, minutes: { operational: 744 * 60 } },
    },
    {
      name: "a 60-minute major outage counts fully",
      history: [point("major_outage", "2026-03-10T10:00:00Z"), point("operational", "2026-03-10T11:00:00Z")],
      expected: { percent: ((44640 - 60) / 44640) * 100, minutes: { operational: 44580, major_outage: 60 } },
    },
    {
      name: "partial outage minutes count 30 %",
      history: [point("partial_outage", "2026-03-10T10:00:00Z"), point("operational", "2026-03-10T11:40:00Z")],
      expected: { percent: ((44640 - 30) / 44640) * 100, minutes: { operational: 44540, partial_outage: 100 } },
    },
    {
      name: "degraded performance is not downtime",
      history: [point("degraded_performance", "2026-03-10T10:00:00Z"), point("operational", "2026-03-10T12:00:00Z")],
      expected: { percent: 100, minutes: { operational: 44520, degraded_performance: 120 } },
    },
    {
      name: "maintenance leaves the denominator",
      history: [
        point("under_maintenance", "2026-03-01T00:00:00Z"),
        point("major_outage", "2026-03-16T00:00:00Z"),
        point("operational", "2026-03-16T01:00:00Z"),
      ],
      // 15 days of maintenance; 16 days remain, 60 minutes of them down.
      expected: { percent: ((16 * 1440 - 60) / (16 * 1440)) * 100, minutes: { under_maintenance: 15 * 1440, major_outage: 60, operational: 16 * 1440 - 60 } },
    },
    {
      name: "a status set before the month carries into it",
      history: [point("major_outage", "2026-02-28T00:00:00Z")],
      expected: { percent: 0, minutes: { major_outage: 44640 } },
    },
  ])("$name", ({ history, expected }) => {
    const [march] = monthlyUptime({ history, startDate: start, now: at("2026-06-01T00:00:00Z"), months: monthWindows("2026-03", "2026-03", "UTC") });
    expect(march!.hasData).toBe(true);
    expect(march!.percent).toBeCloseTo(expected.percent, 9);
    expect(march!.minutes).toEqual(expected.minutes);
  });

  it("a component that started mid-month: earlier months have no data, its first month counts from the start", () => {
    const months = monthlyUptime({
      history: [point("major_outage", "2026-03-20T00:00:00Z"), point("operational", "2026-03-20T06:00:00Z")],
      startDate: at("2026-03-16T00:00:00Z"),
      now: at("2026-06-01T00:00:00Z"),
      months: monthWindows("2026-02", "2026-04", "UTC"),
    });
    expect(months.map((m) => [m.month, m.hasData])).toEqual([
      ["2026-02", false],
      ["2026-03", true],
      ["2026-04", true],
    ]);
    expect(months[0]!.percent).toBeNull();
    // 16 days in March, 6 hours of them down.
    expect(months[1]!.minutes).toEqual({ operational: 16 * 1440 - 360, major_outage: 360 });
    expect(months[1]!.percent).toBeCloseTo(((16 * 1440 - 360) / (16 * 1440)) * 100, 9);
    expect(months[2]!.percent).toBe(100);
  });

  it("counts the current month up to now, and later months not at all", () => {
    const months = monthlyUptime({ history: [], startDate: start, now: at("2026-11-11T12:00:00Z"), months: monthWindows("2026-11", "2026-12", "UTC") });
    expect(months[0]!.minutes).toEqual({ operational: 10.5 * 1440 });
    expect(months[1]).toEqual({ month: "2026-12", percent: null, minutes: {}, hasData: false });
  });

  it("splits at the zone's month boundary, not UTC's", () => {
    // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin (CEST).
    const history = [point("major_outage", "2026-03-31T23:30:00Z"), point("operational", "2026-04-01T00:30:00Z")];
    const [march, april] = monthlyUptime({
      history,
      startDate: start,
      now: at("2026-06-01T00:00:00Z"),
      months: monthWindows("2026-03", "2026-04", "Europe/Berlin"),
    });
    expect(march!.minutes.major_outage).toBeUndefined();
    expect(april!.minutes.major_outage).toBe(60);
    const [utcMarch, utcApril] = monthlyUptime({
      history,
      startDate: start,
      now: at("2026-06-01T00:00:00Z"),
      months: monthWindows("2026-03", "2026-04", "UTC"),
    });
    expect(utcMarch!.minutes.major_outage).toBe(30);
    expect(utcApril!.minutes.major_outage).toBe(30);
  });

  it("a month with a DST change has its true length in minutes", () => {
    const [march] = monthlyUptime({
      history: [],
      startDate: start,
      now: at("2026-06-01T00:00:00Z"),
      months: monthWindows("2026-03", "2026-03", "Europe/London"),
    });
    expect(march!.minutes).toEqual({ operational: 743 * 60 });
  });
});
