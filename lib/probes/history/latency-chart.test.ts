import { describe, expect, it } from "vitest";
import { chartMax, describeLatency, niceCeiling, polylinePoints, segments } from "./latency-chart";

describe("niceCeiling", () => {
  it.each([
    [0, 10],
    [7, 10],
    [10, 10],
    [11, 20],
    [120, 200],
    [201, 500],
    [560, 1000],
    [1000, 1000],
    [2400, 5000],
  ])("%d -> %d", (value, expected) => {
    expect(niceCeiling(value)).toBe(expected);
  });
});

describe("segments", () => {
  it("breaks lines at gaps and places points at bucket centres, 0 at the bottom", () => {
    expect(segments([100, 200, null, 50], 200)).toEqual([
      [
        { x: 0.5, y: 52 },
        { x: 1.5, y: 4 },
      ],
      [{ x: 3.5, y: 76 }],
    ]);
    expect(segments([null, null], 100)).toEqual([]);
  });

  it("draws a lone point as a short dash", () => {
    expect(polylinePoints([{ x: 3.5, y: 76 }])).toBe("3.15,76 3.85,76");
    expect(
      polylinePoints([
        { x: 0.5, y: 52 },
        { x: 1.5, y: 4 },
      ]),
    ).toBe("0.5,52 1.5,4");
  });

  it("scales to the highest p95", () => {
    expect(chartMax({ p50: [100, null], p95: [340, 560] })).toBe(1000);
    expect(chartMax({ p50: [null], p95: [null] })).toBe(10);
  });
});

describe("describeLatency", () => {
  it("gives the latest values and the ranges", () => {
    expect(describeLatency({ p50: [80, 140, null], p95: [200, 1500, null] }, "hourly")).toBe(
      "Latest: median (p50) 140 ms, p95 1.5 s. Hourly p50 80 ms–140 ms, p95 200 ms–1.5 s.",
    );
    expect(describeLatency({ p50: [90], p95: [90] }, "6-hour")).toBe("Latest: median (p50) 90 ms, p95 90 ms. 6-hour p50 90 ms, p95 90 ms.");
    expect(describeLatency({ p50: [null], p95: [null] }, "hourly")).toBe("No check answered in this period.");
  });
});
