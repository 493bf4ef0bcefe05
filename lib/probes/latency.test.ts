import { describe, expect, it } from "vitest";
import { bucketLatencies, bucketStarts, latencyStat, percentile } from "./latency";

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

describe("latencyStat", () => {
  it("sorts, rounds and counts", () => {
    expect(latencyStat([300, 100.4, 200])).toEqual({ p50: 200, p95: 300, count: 3 });
    expect(latencyStat([])).toBeNull();
  });

  it("keeps one slow check out of the median but in the p95", () => {
    const values = [...Array<number>(19).fill(100), 5000];
    expect(latencyStat(values)).toEqual({ p50: 100, p95: 100, count: 20 });
    expect(latencyStat([...values, 5000])).toEqual({ p50: 100, p95: 5000, count: 21 });
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

  it("computes p50/p95 per bucket, null for empty ones, and drops samples outside the window", () => {
    const at = (iso: string) => new Date(iso).getTime();
    const samples = [
      { at: at("2026-03-10T09:59:59Z"), latencyMs: 9999 }, // before the window
      { at: at("2026-03-10T10:00:00Z"), latencyMs: 100 },
      { at: at("2026-03-10T10:30:00Z"), latencyMs: 300 },
      { at: at("2026-03-10T10:59:59.999Z"), latencyMs: 200 },
      { at: at("2026-03-10T12:00:00Z"), latencyMs: 50 },
    ];
    expect(bucketLatencies(samples, end, { bucketMs: HOUR, count: 3 })).toEqual([
      { p50: 200, p95: 300, count: 3 },
      null,
      { p50: 50, p95: 50, count: 1 },
    ]);
  });
});
