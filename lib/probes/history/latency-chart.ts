import { formatDuration } from "../result";

// Geometry and words for the public response-time chart (components/status/LatencyChart.tsx),
// kept pure so they are tested without rendering. The SVG's viewBox is one unit per
// bucket wide and 100 high; gaps (buckets without an answered check) break the lines.

export interface Series {
  p50: ReadonlyArray<number | null>;
  p95: ReadonlyArray<number | null>;
}

/** 1, 2 or 5 times a power of ten, at or above `value` (at least 10 ms). */
export function niceCeiling(value: number): number {
  if (!(value > 10)) return 10;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value)!;
  return step * power;
}

export interface Point {
  x: number;
  y: number;
}

/** Runs of consecutive values as points (bucket centres), one run per unbroken stretch. */
export function segments(values: ReadonlyArray<number | null>, max: number): Point[][] {
  const runs: Point[][] = [];
  let run: Point[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    run.push({ x: i + 0.5, y: Math.round((100 - (Math.min(v, max) / max) * 96) * 100) / 100 });
  });
  if (run.length) runs.push(run);
  return runs;
}

/** SVG points for a run; a lone point becomes a short dash so it stays visible. */
export function polylinePoints(run: readonly Point[]): string {
  const points =
    run.length === 1
      ? [
          { ...run[0]!, x: run[0]!.x - 0.35 },
          { ...run[0]!, x: run[0]!.x + 0.35 },
        ]
      : run;
  const round = (n: number) => Math.round(n * 100) / 100;
  return points.map((p) => `${round(p.x)},${round(p.y)}`).join(" ");
}

export function chartMax(series: Series): number {
  return niceCeiling(Math.max(0, ...series.p95.filter((v): v is number => v !== null), ...series.p50.filter((v): v is number => v !== null)));
}

function range(values: ReadonlyArray<number | null>): [number, number] | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? [Math.min(...known), Math.max(...known)] : null;
}

const span = ([lo, hi]: [number, number]) => (lo === hi ? formatDuration(lo) : `${formatDuration(lo)}–${formatDuration(hi)}`);

/** The figures a chart's text alternative says: the latest p50 and p95 and each one's range, as durations; null without data. */
export function latencyFigures(series: Series): { latestP50: string; latestP95: string; rangeP50: string; rangeP95: string } | null {
  const p50 = range(series.p50);
  const p95 = range(series.p95);
  if (!p50 || !p95) return null;
  let latest = -1;
  for (let i = series.p50.length - 1; i >= 0; i--) {
    if (series.p50[i] !== null) {
      latest = i;
      break;
    }
  }
  return {
    latestP50: formatDuration(series.p50[latest]!),
    latestP95: formatDuration(series.p95[latest] ?? series.p50[latest]!),
    rangeP50: span(p50),
    rangeP95: span(p95),
  };
}

/** The text alternative in English: latest values and the range over the period. `bucket` names a bucket ("hourly"). */
export function describeLatency(series: Series, bucket: string): string {
  const f = latencyFigures(series);
  if (!f) return "No check answered in this period.";
  return `Latest: median (p50) ${f.latestP50}, p95 ${f.latestP95}. ${bucket[0]!.toUpperCase()}${bucket.slice(1)} p50 ${f.rangeP50}, p95 ${f.rangeP95}.`;
}
