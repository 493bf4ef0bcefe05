import { describe, expect, it } from "vitest";
import { emptyStats, formatStats, percentile } from "./worker-stats";

describe("percentile", () => {
  it.each([
    [[], 50, null],
    [[7], 99, 7],
    [[5, 1, 4, 2, 3], 50, 3],
    [[5, 1, 4, 2, 3], 0, 1],
    [[5, 1, 4, 2, 3], 100, 5],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
    [Array.from({ length: 1000 }, (_, i) => 1000 - i), 99, 990],
  ])("of %j at p%i is %s", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe("formatStats", () => {
  it("says what ran, how late, and what went wrong", () => {
    expect(formatStats(emptyStats())).toBe("0 checks (0 failed), lag p50 – p99 –, 0 errors");
    expect(formatStats({ ...emptyStats(), checks: 9998, failed: 12, errors: 1, lagsMs: [3, 3.2, 41] })).toBe(
      "9,998 checks (12 failed), lag p50 3 ms p99 41 ms, 1 error",
    );
    expect(formatStats({ ...emptyStats(), checks: 1, claimedElsewhere: 4999, overlapped: 2, lagsMs: [1] })).toBe(
      "1 check (0 failed), lag p50 1 ms p99 1 ms, 0 errors; 4,999 run by another worker, 2 skipped (previous check still running)",
    );
    expect(formatStats({ ...emptyStats(), checks: 3, behind: 5, late: 1, lagsMs: [1, 2, 1500] })).toBe(
      "3 checks (0 failed), lag p50 2 ms p99 1500 ms, 0 errors; 5 skipped (worker behind), 1 started over a second late",
    );
  });
});
