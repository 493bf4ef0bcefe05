import { describe, expect, it } from "vitest";
import { dailyUptime, uptimePercent } from "./uptime";

const tz = "UTC";

describe("uptimePercent", () => {
  it.each([
    [{ operational: 1000 }, 100],
    [{ operational: 900, major_outage: 100 }, 90],
    [{ operational: 900, partial_outage: 100 }, 97],
    [{ operational: 900, degraded_performance: 100 }, 100],
    // Maintenance is neither up nor down: it leaves the total.
    [{ operational: 900, major_outage: 100, under_maintenance: 5000 }, 90],
  ])("%j -> %s%%", (minutes, expected) => {
    expect(uptimePercent(minutes)).toBeCloseTo(expected, 6);
  });

  it("is null with no monitored time", () => {
    expect(uptimePercent({})).toBeNull();
    expect(uptimePercent({ under_maintenance: 60 })).toBeNull();
  });
});

describe("dailyUptime", () => {
  const now = new Date("2026-11-27T12:00:00Z");

  it("marks days before the start date as no data and colours each day by its worst status", () => {
    const result = dailyUptime({
      history: [
        { status: "major_outage", at: new Date("2026-11-26T10:00:00Z") },
        { status: "operational", at: new Date("2026-11-26T11:00:00Z") },
        { status: "degraded_performance", at: new Date("2026-11-27T11:00:00Z") },
      ],
      startDate: new Date("2026-11-25T00:00:00Z"),
      now,
      timeZone: tz,
      dayCount: 5,
    });
    expect(result.days.map((d) => [d.day, d.worst])).toEqual([
      ["2026-11-23", null],
      ["2026-11-24", null],
      ["2026-11-25", "operational"],
      ["2026-11-26", "major_outage"],
      ["2026-11-27", "degraded_performance"],
    ]);
    expect(result.days[3]!.minutes).toEqual({ operational: 1380, major_outage: 60 });
    expect(result.days[4]!.minutes).toEqual({ operational: 660, degraded_performance: 60 });
    // 60 major minutes of 1440 + 1440 + 720.
    expect(result.percent).toBeCloseTo(((3600 - 60) / 3600) * 100, 6);
  });

  it("carries a status that began before the window into it", () => {
    const result = dailyUptime({
      history: [{ status: "partial_outage", at: new Date("2026-11-01T00:00:00Z") }],
      startDate: new Date("2026-01-01T00:00:00Z"),
      now,
      timeZone: tz,
      dayCount: 2,
    });
    expect(result.days.map((d) => d.worst)).toEqual(["partial_outage", "partial_outage"]);
    expect(result.percent).toBeCloseTo(70, 6);
  });

  it("splits days at the page zone's midnight", () => {
    const result = dailyUptime({
      history: [
        { status: "major_outage", at: new Date("2026-11-26T12:30:00Z") }, // 01:30 Nov 27 in Auckland
        { status: "operational", at: new Date("2026-11-26T13:00:00Z") },
      ],
      startDate: new Date("2026-01-01T00:00:00Z"),
      now,
      timeZone: "Pacific/Auckland",
      dayCount: 2,
    });
    // now is 01:00 on Nov 28 in Auckland.
    expect(result.days.map((d) => [d.day, d.worst])).toEqual([
      ["2026-11-27", "major_outage"],
      ["2026-11-28", "operational"],
    ]);
  });
});
