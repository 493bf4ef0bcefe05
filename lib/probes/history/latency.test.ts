import { describe, expect, it } from "vitest";
import { bucketStarts, latencyStat, percentile } from "./latency";
import { addResult, emptyRollup } from "./rollup";

const HOUR = 3_600_000;

describe("percentile (nearest rank)", () => {
  it.each<[number[], number, number]>([
    [[5], 50, 5],
    [[5], 95, 5],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 95, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
    [Array.from({ length: 100 }, (_, i) => i + 1), 50, 50],
  ])("%j p%d -> %d", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it("is NaN without values", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("latencyStat (from a histogram)", () => {
  const of = (latencies: number[], outcome: "ok" | "failed" = "ok") => latencies.reduce((r, latencyMs) => addResult(r, { outcome, latencyMs }), emptyRollup());

  it("rounds and counts answered checks; null when none answered", () => {
    expect(latencyStat(of([300, 100, 200]))).toEqual({ p50: 225, p95: 300, count: 3 });
    expect(latencyStat(of([4, 4, 5]))).toEqual({ p50: 4, p95: 5, count: 3 });
    expect(latencyStat(emptyRollup())).toBeNull();
    expect(latencyStat(of([10_000], "failed"))).toBeNull();
  });

  it("keeps one slow check out of the median but in the p95", () => {
    const values = [...Array<number>(19).fill(100), 5000];
    expect(latencyStat(of(values))).toEqual({ p50: 112, p95: 123, count: 20 });
    expect(latencyStat(of([...values, 5000]))).toEqual({ p50: 113, p95: 5000, count: 21 });
  });
});

describe("bucketing", () => {
  const end = new Date("2026-03-10T12:34:56Z");

  it("aligns buckets to UTC multiples, the last one containing the end", () => {
    expect(bucketStarts(end, { bucketMs: HOUR, count: 3 }).map((t) => new Date(t).toISOString())).toEqual([
      "2026-03-10T10:00:00.000Z",
      "2026-03-10T11:00:00.000Z",
      "2026-03-10T12:00:00.000Z",
    ]);
    expect(bucketStarts(end, { bucketMs: 6 * HOUR, count: 2 }).map((t) => new Date(t).toISOString())).toEqual([
      "2026-03-10T06:00:00.000Z",
      "2026-03-10T12:00:00.000Z",
    ]);
  });
});
