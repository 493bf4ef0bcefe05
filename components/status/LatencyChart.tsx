import type { Locale } from "@/lib/i18n/locales";
import { type Translator, translator } from "@/lib/i18n/translate";
import { chartMax, latencyFigures } from "@/lib/probes/history/latency-chart";
import { latencyImagePath } from "@/lib/public/latency-svg";
import { formatDuration } from "@/lib/probes/result";
import type { ComponentLatency, LatencySeriesView } from "@/lib/public/latency";

// Response time from the component's probes: p50 and p95 over 24 h and 7 d, drawn on the
// server as SVG images (lib/public/latency-svg.ts; no chart library, no script) that load
// only when the chart is opened. Each has a text alternative with the figures, and p95 is
// dashed so colour is not the only difference between the lines.

const P50_CLASS = "stroke-teal-700 dark:stroke-teal-400";
const P95_CLASS = "stroke-violet-700 dark:stroke-violet-300";

function latencyText(series: LatencySeriesView, bucket: "hourly" | "6-hour", { t }: Translator): string {
  const figures = latencyFigures(series);
  return figures ? t("latency.describe", { ...figures, bucket }) : t("latency.noAnswer");
}

function Chart({
  slug,
  window,
  title,
  series,
  from,
  bucket,
  tr,
}: {
  slug: string;
  window: "day" | "week";
  title: string;
  series: LatencySeriesView;
  from: string;
  bucket: "hourly" | "6-hour";
  tr: Translator;
}) {
  return (
    <figure className="min-w-0">
      <figcaption className="flex justify-between text-xs text-zinc-600 dark:text-zinc-400">
        <span>{title}</span>
        <span aria-hidden="true">{formatDuration(chartMax(series))}</span>
      </figcaption>
      {/* biome-ignore lint/performance/noImgElement: a chart Vigil draws per build (lib/public/latency-svg.ts), fetched only when the chart is opened */}
      <img
        src={latencyImagePath(slug, window)}
        alt={`${title}. ${latencyText(series, bucket, tr)}`}
        loading="lazy"
        decoding="async"
        className="mt-1 block h-16 w-full rounded border border-zinc-200 dark:border-zinc-800"
      />
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

const SUMMARY_CLASS = "cursor-pointer text-xs font-medium text-zinc-600 hover:underline dark:text-zinc-400";

/**
 * On a large page the charts stay out of the HTML: the closed <details> holds a link to the
 * component's own page, whose charts the page script (lib/public/client/on-demand.ts) fetches
 * in when it is opened.
 */
export function LatencyChartLink({ slug, name, locale }: { slug: string; name: string; locale: Locale }) {
  const { t } = translator(locale);
  return (
    <details className="mt-2" data-latency={slug} data-src={`/components/${slug}`}>
      <summary className={SUMMARY_CLASS}>{t("latency.toggle")}</summary>
      <p className="mt-2 text-xs" data-placeholder data-pick="[data-latency-body]">
        <a href={`/components/${slug}`} className="underline">
          {t("latency.dayTitle", { component: name })}
        </a>
      </p>
    </details>
  );
}

export function LatencyChart({
  slug,
  name,
  latency,
  locale,
  open = false,
}: {
  slug: string;
  name: string;
  latency: ComponentLatency;
  locale: Locale;
  open?: boolean;
}) {
  const tr = translator(locale);
  const { t } = tr;
  return (
    <details className="mt-2" data-latency={slug} open={open}>
      <summary className={SUMMARY_CLASS}>{t("latency.toggle")}</summary>
      <div data-latency-body>
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          <Chart
            slug={slug}
            window="day"
            title={t("latency.dayTitle", { component: name })}
            series={latency.day}
            from={t("latency.dayFrom")}
            bucket="hourly"
            tr={tr}
          />
          <Chart
            slug={slug}
            window="week"
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
      </div>
    </details>
  );
}
