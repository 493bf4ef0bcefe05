import { beforeEach, describe, expect, it } from "vitest";
import { renderExposition } from "../prometheus/registry";
import { observeCheck, observeLateCheck, observeSkippedSlots, probeMetricFamilies, resetProbeMetrics, retainProbeMetrics } from "./metrics";

const labels = { probe: "p1", name: "Hubdoc API", component: "hubdoc", region: "eu" };

describe("probe metrics", () => {
  beforeEach(() => resetProbeMetrics());

  it("counts checks by result and observes durations in a cumulative histogram", () => {
    observeCheck(labels, { outcome: "ok", errorClass: null, latencyMs: 40 });
    observeCheck(labels, { outcome: "degraded", errorClass: "slow_response", latencyMs: 800 });
    observeCheck(labels, { outcome: "failed", errorClass: "timeout", latencyMs: 10_000 });
    observeCheck(labels, { outcome: "failed", errorClass: "aborted", latencyMs: 5 }); // cancelled: not counted
    const text = renderExposition(probeMetricFamilies());
    const l = 'probe="p1",name="Hubdoc API",component="hubdoc",region="eu"';
    expect(text).toContain("# TYPE vigil_probe_duration_seconds histogram");
    expect(text).toContain(`vigil_probe_duration_seconds_bucket{${l},le="0.05"} 1`);
    expect(text).toContain(`vigil_probe_duration_seconds_bucket{${l},le="1"} 2`);
    expect(text).toContain(`vigil_probe_duration_seconds_bucket{${l},le="10"} 3`);
    expect(text).toContain(`vigil_probe_duration_seconds_bucket{${l},le="+Inf"} 3`);
    expect(text).toContain(`vigil_probe_duration_seconds_sum{${l}} 10.84`);
    expect(text).toContain(`vigil_probe_duration_seconds_count{${l}} 3`);
    expect(text).toContain("# TYPE vigil_probe_checks_total counter");
    expect(text).toContain(`vigil_probe_checks_total{${l},result="ok"} 1`);
    expect(text).toContain(`vigil_probe_checks_total{${l},result="degraded"} 1`);
    expect(text).toContain(`vigil_probe_checks_total{${l},result="failed"} 1`);
  });

  it("counts skipped slots by reason, and late checks", () => {
    observeSkippedSlots(labels, "overlap");
    observeSkippedSlots(labels, "overlap");
    observeSkippedSlots(labels, "behind", 3);
    observeSkippedSlots(labels, "behind", 0);
    observeLateCheck(labels);
    const text = renderExposition(probeMetricFamilies());
    const l = 'probe="p1",name="Hubdoc API",component="hubdoc",region="eu"';
    expect(text).toContain("# TYPE vigil_probe_slots_skipped_total counter");
    expect(text).toContain(`vigil_probe_slots_skipped_total{${l},reason="overlap"} 2`);
    expect(text).toContain(`vigil_probe_slots_skipped_total{${l},reason="behind"} 3`);
    expect(text).toContain(`vigil_probe_checks_late_total{${l}} 1`);
    expect(text).toContain(`vigil_probe_checks_total{${l},result="ok"} 0`);
  });

  it("forgets deleted probes, and keeps counting a renamed one", () => {
    observeCheck(labels, { outcome: "ok", errorClass: null, latencyMs: 1 });
    observeCheck({ ...labels, name: "Renamed" }, { outcome: "ok", errorClass: null, latencyMs: 1 });
    expect(renderExposition(probeMetricFamilies())).toContain('name="Renamed",component="hubdoc",region="eu",result="ok"} 2');
    retainProbeMetrics(new Set(["other"]));
    expect(probeMetricFamilies().every((f) => f.samples.length === 0)).toBe(true);
  });
});
