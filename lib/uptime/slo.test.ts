import { describe, expect, it } from "vitest";
import { errorBudget, sloWindowStart } from "./slo";

describe("errorBudget", () => {
  it.each([
    // [target, minutes, allowed, used, remaining, remaining %]
    [99.9, { operational: 43_200 }, 43.2, 0, 43.2, 100],
    [99.9, { operational: 43_190, major_outage: 10 }, 43.2, 10, 33.2, (33.2 / 43.2) * 100],
    // Partial outage spends 30 % of its minutes; degraded spends nothing.
    [99.9, { operational: 43_000, partial_outage: 100, degraded_performance: 100 }, 43.2, 30, 13.2, (13.2 / 43.2) * 100],
    // Maintenance shrinks the window's monitored minutes, so the allowance too.
    [99, { operational: 5_000, under_maintenance: 5_000 }, 50, 0, 50, 100],
    // Over budget: negative remaining.
    [99.9, { operational: 43_100, major_outage: 100 }, 43.2, 100, -56.8, (-56.8 / 43.2) * 100],
  ])("%s %% over %j", (target, minutes, allowed, used, remaining, remainingPercent) => {
    const b = errorBudget(target, minutes);
    expect(b.allowedMinutes).toBeCloseTo(allowed, 6);
    expect(b.usedMinutes).toBeCloseTo(used, 6);
    expect(b.remainingMinutes).toBeCloseTo(remaining, 6);
    expect(b.remainingPercent!).toBeCloseTo(remainingPercent, 6);
  });

  it("has no remaining share when nothing is monitored yet", () => {
    expect(errorBudget(99.9, { under_maintenance: 60 }).remainingPercent).toBeNull();
  });
});

describe("sloWindowStart", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  const long = new Date("2020-01-01T00:00:00Z");
  it.each([
    ["30d", long, "2026-10-21T12:00:00.000Z"],
    ["90d", long, "2026-08-22T12:00:00.000Z"],
    ["month", long, "2026-10-31T23:00:00.000Z"], // 1 November in Berlin (CET)
    ["30d", new Date("2026-11-15T00:00:00Z"), "2026-11-15T00:00:00.000Z"], // not before the component started
  ] as const)("%s", (window, startDate, expected) => {
    expect(sloWindowStart(window, now, "Europe/Berlin", startDate).toISOString()).toBe(expected);
  });
});
