import type { Locale } from "@/lib/i18n/locales";
import { type Translator, translator } from "@/lib/i18n/translate";
import type { UptimeDayView } from "@/lib/public/types";
import type { ComponentStatus } from "@/lib/status/schemas";
import { formatDayKey } from "@/lib/time/zoned";

/** `quiet`: the "No downtime recorded" line, said once per component rather than once per bar. */
function describeDay(day: UptimeDayView, { t, locale }: Translator, quiet: string): string {
  const date = formatDayKey(day.day, locale);
  if (day.worst === null) return t("uptime.dayNoData", { date });
  const outages = (Object.entries(day.minutes) as [ComponentStatus, number][])
    .filter(([status, m]) => status !== "operational" && m >= 1)
    .map(([status, m]) => t("uptime.statusMinutes", { status: t(`status.${status}`), minutes: Math.round(m) }));
  const incidents = day.incidents.map((i) => i.name);
  return [date, outages.length ? outages.join(", ") : quiet, ...incidents].join("\n");
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** "99.95%" ("99,95 %" in German), never rounded up to 100: an imperfect record floors. */
export function formatUptime(percent: number | null, { t, locale }: Translator): string {
  if (percent === null) return t("uptime.noData");
  let f = percentFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
    percentFormats.set(locale, f);
  }
  return f.format(Math.floor(percent * 100) / 100 / 100);
}

export function UptimeBars({ days, percent, locale }: { days: UptimeDayView[]; percent: number | null; locale: Locale }) {
  const tr = translator(locale);
  const { t } = tr;
  const uptime = formatUptime(percent, tr);
  const quiet = t("uptime.noDowntime");
  return (
    <div className="mt-2">
      <div className="uptime-bars" role="img" aria-label={t("uptime.summary", { days: days.length, percent: uptime })}>
        {days.map((day) => (
          // Styled by data-status in globals.css: 90 bars × every component is most of the page's bytes.
          <span key={day.day} title={describeDay(day, tr, quiet)} data-status={day.worst ?? "no_data"} />
        ))}
      </div>
      <div className="mt-1 flex justify-between text-xs text-zinc-500 dark:text-zinc-400">
        <span>{t("uptime.daysAgo", { days: days.length })}</span>
        <span className="mx-2 h-px flex-1 self-center bg-zinc-200 dark:bg-zinc-800" aria-hidden="true" />
        <span>{t("uptime.percent", { percent: uptime })}</span>
        <span className="mx-2 h-px flex-1 self-center bg-zinc-200 dark:bg-zinc-800" aria-hidden="true" />
        <span>{t("uptime.today")}</span>
      </div>
    </div>
  );
}
