// The process's own metrics (CPU, resident memory, heap, event-loop lag, GC, open handles),
// from prom-client's default collectors, translated into the registry's families so one
// scrape holds them next to Vigil's. prom-client does the measuring (event-loop lag needs
// perf_hooks' histogram, GC needs a PerformanceObserver): nothing to gain hand-writing that.
import { collectDefaultMetrics, Registry } from "prom-client";
import type { MetricFamily, MetricType, Sample } from "../prometheus/registry";

const SUFFIXES = new Set(["_bucket", "_sum", "_count"]);

// One prom-client registry per process, however many copies of this module Next's bundles load.
const globalForProcess = globalThis as unknown as { vigilProcessMetrics?: Registry };

function processRegistry(): Registry {
  if (!globalForProcess.vigilProcessMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    globalForProcess.vigilProcessMetrics = registry;
  }
  return globalForProcess.vigilProcessMetrics;
}

interface PromClientMetric {
  name: string;
  help: string;
  type: string;
  values: { value: number; labels: Record<string, string | number>; metricName?: string }[];
}

/** prom-client's JSON form of one metric as a family (pure). */
export function toFamily(metric: PromClientMetric): MetricFamily {
  const type: MetricType = ["gauge", "counter", "histogram", "summary"].includes(metric.type) ? (metric.type as MetricType) : "untyped";
  const samples = metric.values.map((v): Sample => {
    const suffix = v.metricName?.slice(metric.name.length);
    return {
      ...(suffix && SUFFIXES.has(suffix) ? { suffix: suffix as Sample["suffix"] } : {}),
      labels: Object.fromEntries(Object.entries(v.labels).map(([k, value]) => [k, String(value)])),
      value: v.value,
    };
  });
  return { name: metric.name, help: metric.help, type, samples };
}

export async function processMetricFamilies(): Promise<MetricFamily[]> {
  const metrics = (await processRegistry().getMetricsAsJSON()) as unknown as PromClientMetric[];
  return metrics.map(toFamily);
}
