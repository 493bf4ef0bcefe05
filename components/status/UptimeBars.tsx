import type { CSSProperties } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { barGradient, DAY_CODES } from "@/lib/public/day-codes";
import type { UptimeDayView } from "@/lib/public/types";
import { dayDetailLines, daySummary, formatUptime, quietDayTemplates } from "@/lib/public/uptime-day";
import { formatDayKey } from "@/lib/time/zoned";

/** A day the bar says more about than "100% uptime" or "no data": its button name, popover lines and incidents. */
type DayNote = [label: string, lines: string[], incidents: [id: string, name: string][]];

/**
 * A component's 90 days as one element (lib/public/day-codes.ts): the days' letters, a
 * background drawn from them, and words only for the days that have something to say. Without
 * JavaScript it is an image named by its summary (the /uptime page has every day in words);
 * the page script (lib/public/client/uptime.ts) turns it into one button per day (one Tab stop
 * per bar, arrow keys, the shared popover) when it comes into view.
 */
export function UptimeBars({ days, percent, locale }: { days: UptimeDayView[]; percent: number | null; locale: Locale }) {
  const tr = translator(locale);
  const { t } = tr;
  const uptime = formatUptime(percent, tr);
  const codes = days.map((d) => DAY_CODES[d.worst ?? "no_data"]).join("");
  const templates = quietDayTemplates(tr);
  const notes: Record<number, DayNote> = {};
  days.forEach((day, i) => {
    const label = daySummary(day, tr);
    const lines = dayDetailLines(day, tr);
    const plain = (day.worst === null ? templates.noData : templates.quiet).replace("{date}", formatDayKey(day.day, locale));
    if (label !== plain || lines.length > 0 || day.incidents.length > 0) notes[i] = [label, lines, day.incidents.map((x) => [x.id, x.name])];
  });
  const style = { backgroundImage: barGradient(codes), "--days": days.length } as CSSProperties;
  return (
    <div className="mt-2">
      <div
        className="uptime-bars"
        role="img"
        aria-label={t("uptime.summary", { days: days.length, percent: uptime })}
        data-from={days[0]?.day}
        data-days={codes}
        data-notes={Object.keys(notes).length > 0 ? JSON.stringify(notes) : undefined}
        style={style}
      />
      <div className="uptime-scale">
        <span>{t("uptime.daysAgo", { days: days.length })}</span>
        <span aria-hidden="true" />
        <span>{t("uptime.percent", { percent: uptime })}</span>
        <span aria-hidden="true" />
        <span>{t("uptime.today")}</span>
      </div>
    </div>
  );
}
