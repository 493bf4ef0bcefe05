import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import type { UptimeDayView } from "@/lib/public/types";
import { dayDetailLines, daySummary, formatUptime } from "@/lib/public/uptime-day";

/**
 * A component's 90 days, each a button whose name says the day's result. Keyboard and pointer
 * behaviour (one Tab stop per bar, arrow keys across days, the day's popover) comes from the
 * one UptimeDayPopover on the page, which reads the popover's content from the buttons' data
 * attributes: the page carries no per-day popover markup, and quiet days carry no details.
 */
export function UptimeBars({ days, percent, locale }: { days: UptimeDayView[]; percent: number | null; locale: Locale }) {
  const tr = translator(locale);
  const { t } = tr;
  const uptime = formatUptime(percent, tr);
  return (
    <div className="mt-2">
      {/* biome-ignore lint/a11y/useSemanticElements: a group of buttons, no form: a <fieldset> would bring a form's semantics and its own layout quirks */}
      <div className="uptime-bars" role="group" aria-label={t("uptime.summary", { days: days.length, percent: uptime })}>
        {days.map((day, i) => {
          const details = dayDetailLines(day, tr);
          return (
            // Styled by data-status in globals.css: 90 bars × every component is most of the page's bytes.
            <button
              key={day.day}
              type="button"
              tabIndex={i === days.length - 1 ? 0 : -1}
              aria-label={daySummary(day, tr)}
              data-day={day.day}
              data-status={day.worst ?? "no_data"}
              data-details={details.length ? details.join("\n") : undefined}
              data-incidents={day.incidents.length ? JSON.stringify(day.incidents.map((x) => [x.id, x.name])) : undefined}
            />
          );
        })}
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
