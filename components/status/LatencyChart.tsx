import type { Locale } from "@/lib/i18n/locales";
import { type Translator, translator } from "@/lib/i18n/translate";
import { chartMax, latencyFigures, polylinePoints, segments } from "@/lib/probes/history/latency-chart";
import { formatDuration } from "@/lib/probes/result";
import type { ComponentLatency, LatencySeriesView } from "@/lib/public/latency";

// Response time from the component's probes: p50 and p95 over 24 h and 7 d, drawn as
// plain inline SVG on the server (no chart library, no script). Each chart has a
// text alternative (<title> and <desc>), and p95 is dashed so colour is not the
// only difference between the lines.

const P50_CLASS = "stroke-teal-700 dark:stroke-teal-400";
const P95_CLASS = "stroke-violet-700 dark:stroke-violet-300";

function latencyText(series: LatencySeriesView, bucket: "hourly" | "6-hour", { t }: Translator): string {
  const figures = latencyFigures(series);
  return figures ? t("latency.describe", { ...figures, bucket }) : t("latency.noAnswer");
}

function Chart({
  id,
  title,
  series,
  from,
  bucket,
  tr,
}: {
  id: string;
  title: string;
  series: LatencySeriesView;
  from: string;
  bucket: "hourly" | "6-hour";
  tr: Translator;
}) {
  const max = chartMax(series);
  const width = series.p50.length;
  const line = (values: LatencySeriesView["p50"], className: string, dashed: boolean) =>
    segments(values, max).map((run, i) => (
      <polyline
        // biome-ignore lint/suspicious/noArrayIndexKey: the runs are positional and re-rendered whole
        key={i}
        points={polylinePoints(run)}
        fill="none"
        className={className}
        strokeWidth={2}
        strokeLinejoin="round"
        strokeLinecap="round"
        strokeDasharray={dashed ? "5 3" : undefined}
        vectorEffect="non-scaling-stroke"
      />
    ));
  return (
    <figure className="min-w-0">
      <figcaption className="flex justify-between text-xs text-zinc-600 dark:text-zinc-400">
        <span>{title}</span>
        <span aria-hidden="true">{formatDuration(max)}</span>
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} 100`}
        preserveAspectRatio="none"
        className="mt-1 h-16 w-full rounded border border-zinc-200 dark:border-zinc-800"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{latencyText(series, bucket, tr)}</desc>
        <line x1={0} x2={width} y1={52} y2={52} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1} vectorEffect="non-scaling-stroke" />
        {line(series.p95, P95_CLASS, true)}
        {line(series.p50, P50_CLASS, false)}
      </svg>
      <div className="mt-0.5 flex justify-between text-xs text-zinc-500 dark:text-zinc-400" aria-hidden="true">
        <span>{from}</span>
        <span>{tr.t("latency.now")}</span>
      </div>
    </figure>
  );
}

function LegendLine({ className, dashed, label }: { className: string; dashed: boolean; label: string }) {
  return (
    <span className="flex items-center gap-1.5">
      <svg width="20" height="8" aria-hidden="true">
        <line x1="1" x2="19" y1="4" y2="4" className={className} strokeWidth={2} strokeDasharray={dashed ? "5 3" : undefined} />
      </svg>
      {label}
    </span>
  );
}

export function LatencyChart({ slug, name, latency, locale }: { slug: string; name: string; latency: ComponentLatency; locale: Locale }) {
  const tr = translator(locale);
  const { t } = tr;
  return (
    <details className="mt-2" data-latency={slug}>
      <summary className="cursor-pointer text-xs font-medium text-zinc-600 hover:underline dark:text-zinc-400">{t("latency.toggle")}</summary>
      <div className="mt-2 grid gap-4 sm:grid-cols-2">
        <Chart
          id={`rt-${slug}-day`}
          title={t("latency.dayTitle", { component: name })}
          series={latency.day}
          from={t("latency.dayFrom")}
          bucket="hourly"
          tr={tr}
        />
        <Chart
          id={`rt-${slug}-week`}
          title={t("latency.weekTitle", { component: name })}
          series={latency.week}
          from={t("latency.weekFrom")}
          bucket="6-hour"
          tr={tr}
        />
      </div>
      <div className="mt-2 flex flex-wrap gap-x-4 text-xs text-zinc-600 dark:text-zinc-400">
        <LegendLine className={P50_CLASS} dashed={false} label={t("latency.p50")} />
        <LegendLine className={P95_CLASS} dashed label={t("latency.p95")} />
        <span>{t("latency.note")}</span>
      </div>
    </details>
  );
}
