import { describe, expect, it } from "vitest";
import { dailyUptime, uptimePercent, uptimeWindow } from "./uptime";

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

describe("uptimeWindow", () => {
  it("lists the days oldest first, each ending where the next starts, with DST days 23 and 25 hours long", () => {
    const spring = uptimeWindow(new Date("2026-03-30T12:00:00Z"), "Europe/London", 3);
    expect(spring.map((d) => [d.day, (d.end - d.start) / 3_600_000])).toEqual([
      ["2026-03-28", 24],
      ["2026-03-29", 23],
      ["2026-03-30", 24],
    ]);
    expect(spring[1]!.start).toBe(spring[0]!.end);
    expect(new Date(spring[2]!.start).toISOString()).toBe("2026-03-29T23:00:00.000Z");
    const autumn = uptimeWindow(new Date("2026-10-25T12:00:00Z"), "Europe/London", 1);
    expect((autumn[0]!.end - autumn[0]!.start) / 3_600_000).toBe(25);
  });

  it("gives dailyUptime the same days as computing them itself", () => {
    const now = new Date("2026-11-27T12:00:00Z");
    const input = {
      history: [{ status: "major_outage" as const, at: new Date("2026-11-26T12:30:00Z") }],
      startDate: new Date("2026-11-20T00:00:00Z"),
      now,
      timeZone: "Pacific/Auckland",
      dayCount: 10,
    };
    expect(dailyUptime({ ...input, window: uptimeWindow(now, "Pacific/Auckland", 10) })).toEqual(dailyUptime(input));
  });
});
