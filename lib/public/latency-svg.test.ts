import { describe, expect, it } from "vitest";
import { latencyChartSvg } from "./latency-svg";

describe("latencyChartSvg", () => {
  const svg = latencyChartSvg({ p50: [10, 20, null, 30], p95: [40, 50, null, 60] });
  it("is a standalone image one unit per bucket wide", () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 4 100" preserveAspectRatio="none">/);
  });
  it("breaks each line at a gap: two runs per series", () => {
    expect(svg.match(/<polyline class="a"/g)).toHaveLength(2);
    expect(svg.match(/<polyline class="b"/g)).toHaveLength(2);
  });
  it("draws p50 over p95, and follows dark mode", () => {
    expect(svg.indexOf('class="b"')).toBeLessThan(svg.indexOf('class="a"'));
    expect(svg).toContain("prefers-color-scheme:dark");
  });
  it("draws nothing but the grid line without data", () => {
    expect(latencyChartSvg({ p50: [null, null], p95: [null, null] })).not.toContain("<polyline");
  });
});
