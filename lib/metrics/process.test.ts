import { describe, expect, it } from "vitest";
import { renderExposition } from "../prometheus/registry";
import { processMetricFamilies, toFamily } from "./process";

describe("process metrics", () => {
  it("translates prom-client's histograms with their suffixes and labels", () => {
    const family = toFamily({
      name: "nodejs_gc_duration_seconds",
      help: "GC time",
      type: "histogram",
      values: [
        { metricName: "nodejs_gc_duration_seconds_bucket", labels: { le: 0.001, kind: "minor" }, value: 3 },
        { metricName: "nodejs_gc_duration_seconds_sum", labels: { kind: "minor" }, value: 0.002 },
        { metricName: "nodejs_gc_duration_seconds_count", labels: { kind: "minor" }, value: 3 },
      ],
    });
    expect(renderExposition([family])).toContain('nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor"} 3');
    expect(family.samples.map((s) => s.suffix)).toEqual(["_bucket", "_sum", "_count"]);
  });

  it("includes the process's resident memory and CPU time", async () => {
    const text = renderExposition(await processMetricFamilies());
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total [\d.]+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds [\d.e-]+/m);
  });
});
