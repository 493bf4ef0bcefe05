import { describe, expect, it, vi } from "vitest";
import {
  escapeHelp,
  escapeLabelValue,
  formatValue,
  histogramSamples,
  MetricsRegistry,
  metricsRegistry,
  registerCollector,
  renderExposition,
  renderFamily,
  type MetricFamily,
} from "./registry";

const gauge = (name: string, value = 1, labels?: Record<string, string>): MetricFamily => ({
  name,
  help: `${name} help`,
  type: "gauge",
  samples: [{ labels, value }],
});

describe("escaping", () => {
  it.each([
    ["plain", "plain"],
    ["back\\slash", "back\\\\slash"],
    ['say "hi"', 'say \\"hi\\"'],
    ["two\nlines", "two\\nlines"],
    ['all \\ " \n', 'all \\\\ \\" \\n'],
  ])("label value %j -> %j", (raw, escaped) => expect(escapeLabelValue(raw)).toBe(escaped));

  it("escapes backslash and newline in HELP, but not quotes", () => {
    expect(escapeHelp('a "b" \\ c\nd')).toBe('a "b" \\\\ c\\nd');
  });

  it.each([
    [1, "1"],
    [0.25, "0.25"],
    [-3, "-3"],
    [1e-7, "1e-7"],
    [Infinity, "+Inf"],
    [-Infinity, "-Inf"],
    [NaN, "NaN"],
  ])("formats %d as %s", (value, text) => expect(formatValue(value)).toBe(text));
});

describe("renderFamily", () => {
  it("writes HELP, TYPE and one line per sample", () => {
    expect(
      renderFamily({
        name: "vigil_component_up",
        help: "1 when operational",
        type: "gauge",
        samples: [
          { labels: { component: "api", name: 'The "API"', group: "" }, value: 1 },
          { labels: { component: "web", name: "Web\\App\nv2", group: "Apps" }, value: 0 },
        ],
      }),
    ).toBe(
      [
        "# HELP vigil_component_up 1 when operational",
        "# TYPE vigil_component_up gauge",
        'vigil_component_up{component="api",name="The \\"API\\"",group=""} 1',
        'vigil_component_up{component="web",name="Web\\\\App\\nv2",group="Apps"} 0',
        "",
      ].join("\n"),
    );
  });

  it("writes a sample without labels bare", () => {
    expect(renderFamily(gauge("vigil_incidents_open", 2))).toContain("\nvigil_incidents_open 2\n");
  });

  it.each([
    [{ ...gauge("1bad") }, /invalid metric name/],
    [{ ...gauge("has-dash") }, /invalid metric name/],
    [gauge("ok", 1, { "bad-label": "x" }), /invalid label name/],
    [gauge("ok", 1, { __reserved: "x" }), /invalid label name/],
    [{ ...gauge("ok"), samples: [{ suffix: "_sum" as const, value: 1 }] }, /only histograms and summaries/],
  ])("rejects invalid names and suffixes (%#)", (family, message) => {
    expect(() => renderFamily(family)).toThrow(message);
  });

  it("rejects a family twice in one exposition", () => {
    expect(() => renderExposition([gauge("a"), gauge("a")])).toThrow(/appears twice/);
  });
});

describe("histogramSamples", () => {
  it("writes cumulative buckets with an le label, +Inf, _sum and _count", () => {
    const family: MetricFamily = {
      name: "vigil_probe_duration_seconds",
      help: "Probe duration.",
      type: "histogram",
      samples: histogramSamples({
        labels: { probe: "api" },
        buckets: [
          { le: 0.1, count: 3 },
          { le: 1, count: 5 },
        ],
        sum: 2.5,
        count: 6,
      }),
    };
    expect(renderFamily(family).split("\n")).toEqual([
      "# HELP vigil_probe_duration_seconds Probe duration.",
      "# TYPE vigil_probe_duration_seconds histogram",
      'vigil_probe_duration_seconds_bucket{probe="api",le="0.1"} 3',
      'vigil_probe_duration_seconds_bucket{probe="api",le="1"} 5',
      'vigil_probe_duration_seconds_bucket{probe="api",le="+Inf"} 6',
      'vigil_probe_duration_seconds_sum{probe="api"} 2.5',
      'vigil_probe_duration_seconds_count{probe="api"} 6',
      "",
    ]);
  });

  it("keeps an explicit +Inf bucket", () => {
    const samples = histogramSamples({
      buckets: [
        { le: 1, count: 1 },
        { le: Infinity, count: 2 },
      ],
      sum: 3,
      count: 2,
    });
    expect(samples.filter((s) => s.suffix === "_bucket")).toHaveLength(2);
  });
});

describe("MetricsRegistry", () => {
  it("renders collectors in registration order, then whether each succeeded", async () => {
    const registry = new MetricsRegistry();
    registry.register("b", () => [gauge("b_metric")]);
    registry.register("a", async () => [gauge("a_metric")]);
    const text = await registry.render();
    expect(text.indexOf("b_metric")).toBeLessThan(text.indexOf("a_metric"));
    expect(text).toContain('vigil_scrape_collector_success{collector="b"} 1\nvigil_scrape_collector_success{collector="a"} 1\n');
    expect(text.endsWith("\n")).toBe(true);
  });

  it("leaves out a failing, invalid, clashing or hanging collector and keeps the rest", async () => {
    const onError = vi.fn();
    const registry = new MetricsRegistry({ timeoutMs: 50, onError });
    registry.register("good", () => [gauge("good_metric")]);
    registry.register("throws", () => {
      throw new Error("boom");
    });
    registry.register("rejects", () => Promise.reject(new Error("boom")));
    registry.register("invalid", () => [gauge("bad name")]);
    registry.register("clash", () => [gauge("good_metric"), gauge("clash_other")]);
    registry.register("hangs", () => new Promise<MetricFamily[]>(() => {}));
    const text = await registry.render();
    expect(text).toContain("good_metric 1");
    expect(text).not.toContain("clash_other");
    expect(text.match(/# TYPE good_metric/g)).toHaveLength(1);
    for (const name of ["throws", "rejects", "invalid", "clash", "hangs"]) {
      expect(text).toContain(`vigil_scrape_collector_success{collector="${name}"} 0`);
    }
    expect(onError.mock.calls.map(([name]) => name).sort()).toEqual(["clash", "hangs", "invalid", "rejects", "throws"]);
  });

  it("replaces a collector registered again under the same name, and unregisters", async () => {
    const registry = new MetricsRegistry();
    registry.register("x", () => [gauge("old_metric")]);
    const remove = registry.register("x", () => [gauge("new_metric")]);
    expect(await registry.render()).not.toContain("old_metric");
    remove();
    expect(await registry.render()).not.toContain("new_metric");
  });

  it("shares one registry per process, whichever copy of the module registers", async () => {
    const remove = registerCollector("test-shared", () => [gauge("shared_metric")]);
    expect((globalThis as { vigilMetricsRegistry?: MetricsRegistry }).vigilMetricsRegistry).toBe(metricsRegistry());
    expect(await metricsRegistry().render()).toContain("shared_metric 1");
    remove();
  });
});
