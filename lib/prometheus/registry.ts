// Prometheus text exposition format 0.0.4, with a small registry of collectors.
// A collector is an async function returning metric families, called on every scrape:
// Vigil's status metrics read the in-memory public snapshot; other modules (the probe
// engine: vigil_probe_duration_seconds, vigil_probe_checks_total) add their own with
// registerCollector. A collector that fails or times out is logged and left out of
// that scrape, and vigil_scrape_collector_success says so; the rest still answer.

import { reportError } from "../db-reachability";

export type MetricType = "gauge" | "counter" | "histogram" | "summary" | "untyped";

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  /** Appended to the family name: `_bucket`, `_sum` or `_count` for histograms and summaries. */
  suffix?: "_bucket" | "_sum" | "_count";
  labels?: Labels;
  value: number;
}

export interface MetricFamily {
  /** Counters end in `_total`, as Prometheus expects: `vigil_probe_checks_total`. */
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

export type Collector = () => Promise<MetricFamily[]> | MetricFamily[];

export const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label values: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text: backslash and line feed escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function renderLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (!entries.length) return "";
  for (const [name] of entries) {
    if (!LABEL_NAME.test(name) || name.startsWith("__")) throw new Error(`invalid label name ${JSON.stringify(name)}`);
  }
  return `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(",")}}`;
}

/** One family as exposition text; throws on an invalid metric or label name (a programming error). */
export function renderFamily(family: MetricFamily): string {
  if (!METRIC_NAME.test(family.name)) throw new Error(`invalid metric name ${JSON.stringify(family.name)}`);
  const lines = [`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`];
  for (const sample of family.samples) {
    if (sample.suffix && family.type !== "histogram" && family.type !== "summary") {
      throw new Error(`${family.name}: only histograms and summaries have ${sample.suffix} samples`);
    }
    lines.push(`${family.name}${sample.suffix ?? ""}${renderLabels(sample.labels ?? {})} ${formatValue(sample.value)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function renderExposition(families: readonly MetricFamily[]): string {
  const seen = new Set<string>();
  for (const f of families) {
    if (seen.has(f.name)) throw new Error(`metric family ${f.name} appears twice`);
    seen.add(f.name);
  }
  return families.map(renderFamily).join("");
}

/**
 * A histogram's samples for one label set, from per-bucket upper bounds and cumulative
 * counts (ascending). The `+Inf` bucket is added when missing; it equals `count`.
 */
export function histogramSamples(input: { labels?: Labels; buckets: readonly { le: number; count: number }[]; sum: number; count: number }): Sample[] {
  const labels = input.labels ?? {};
  const buckets = input.buckets.at(-1)?.le === Infinity ? input.buckets : [...input.buckets, { le: Infinity, count: input.count }];
  return [
    ...buckets.map((b) => ({ suffix: "_bucket" as const, labels: { ...labels, le: formatValue(b.le) }, value: b.count })),
    { suffix: "_sum", labels, value: input.sum },
    { suffix: "_count", labels, value: input.count },
  ];
}

export interface RegistryOptions {
  timeoutMs?: number;
  onError?: (collector: string, error: unknown) => void;
}

export class MetricsRegistry {
  private readonly collectors = new Map<string, Collector>();

  constructor(private readonly options: RegistryOptions = {}) {}

  /** Adds (or replaces, by name, so registering twice is harmless) a collector; returns a function that removes it. */
  register(name: string, collect: Collector): () => void {
    this.collectors.set(name, collect);
    return () => {
      if (this.collectors.get(name) === collect) this.collectors.delete(name);
    };
  }

  /** Runs every collector and renders the scrape, in registration order. */
  async render(): Promise<string> {
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const onError = this.options.onError ?? defaultOnError;
    const entries = [...this.collectors];
    const collected = await Promise.all(
      entries.map(async ([name, collect]): Promise<MetricFamily[] | null> => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
        });
        try {
          return await Promise.race([Promise.resolve().then(collect), timeout]);
        } catch (error) {
          onError(name, error);
          return null;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const seen = new Set<string>();
    const texts = collected.map((families, i) => {
      if (!families) return null;
      try {
        // A family two collectors both emit would make the whole scrape invalid: the first keeps it.
        const clash = families.find((f) => seen.has(f.name));
        if (clash) throw new Error(`${clash.name} is already emitted by another collector`);
        // Rendered per collector, so one collector's bad output leaves the others' intact.
        const text = renderExposition(families);
        for (const f of families) seen.add(f.name);
        return text;
      } catch (error) {
        onError(entries[i]![0], error);
        return null;
      }
    });
    const success = renderFamily({
      name: "vigil_scrape_collector_success",
      help: "Whether each metrics collector answered this scrape (1) or failed (0).",
      type: "gauge",
      samples: entries.map(([collector], i) => ({ labels: { collector }, value: texts[i] === null ? 0 : 1 })),
    });
    return texts.filter((t): t is string => t !== null).join("") + success;
  }
}

function defaultOnError(collector: string, error: unknown): void {
  reportError(error, `metrics collector ${collector}`);
}

// On globalThis: server/http-server.ts and Next's bundles load separate copies of this
// module, and a collector registered through one must show in a scrape served by the other.
const globalForMetrics = globalThis as unknown as { vigilMetricsRegistry?: MetricsRegistry };

export function metricsRegistry(): MetricsRegistry {
  globalForMetrics.vigilMetricsRegistry ??= new MetricsRegistry();
  return globalForMetrics.vigilMetricsRegistry;
}

/** For other modules: `registerCollector("probes", async () => [...families])`. */
export function registerCollector(name: string, collect: Collector): () => void {
  return metricsRegistry().register(name, collect);
}
