import { chartMax, polylinePoints, type Series, segments } from "../probes/history/latency-chart";

// A response-time chart as a standalone SVG image (served by lib/public/latency-images.ts):
// the page carries an <img loading="lazy"> inside the chart's closed <details>, so a page
// with a thousand components downloads a chart only when a visitor opens it, with or without
// JavaScript. Colours follow the reader's light or dark mode from inside the image. Pure.

export const LATENCY_IMAGE_PREFIX = "/api/public/latency/";

/** Where a component's chart image is served. */
export function latencyImagePath(slug: string, window: "day" | "week"): string {
  return `${LATENCY_IMAGE_PREFIX}${slug}/${window}.svg`;
}

const STYLE =
  ".g{stroke:#e4e4e7}.a{stroke:#0f766e}.b{stroke:#6d28d9}" +
  "@media (prefers-color-scheme:dark){.g{stroke:#27272a}.a{stroke:#2dd4bf}.b{stroke:#c4b5fd}}" +
  "polyline,line{fill:none;stroke-width:2px;stroke-linejoin:round;stroke-linecap:round;vector-effect:non-scaling-stroke}" +
  ".g{stroke-width:1px}.b{stroke-dasharray:5 3}";

/** p50 solid (teal) over p95 dashed (violet), one unit per bucket wide and 100 high; gaps break the lines. */
export function latencyChartSvg(series: Series): string {
  const max = chartMax(series);
  const width = series.p50.length;
  const line = (values: Series["p50"], className: string) =>
    segments(values, max)
      .map((run) => `<polyline class="${className}" points="${polylinePoints(run)}"/>`)
      .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 100" preserveAspectRatio="none">` +
    `<style>${STYLE}</style><line class="g" x1="0" x2="${width}" y1="52" y2="52"/>${line(series.p95, "b")}${line(series.p50, "a")}</svg>`
  );
}
