import type { Translator } from "../i18n/translate";
import type { ComponentStatus } from "../status/schemas";
import { uptimePercent } from "../status/uptime";
import { formatDayKey } from "../time/zoned";
import type { UptimeDayView } from "./types";

// What one day of an uptime bar says: the button's accessible name ("Nov 12, 2026: 99.2%
// uptime, Partial Outage 14 min, 1 incident") and the lines its popover shows. Said in words,
// so the bar's colour is never the only signal.

/** Worst first: the order a day's outage minutes are listed in. */
const OUTAGE_ORDER: readonly ComponentStatus[] = ["major_outage", "partial_outage", "degraded_performance", "under_maintenance"];

const percentFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function memo<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let found = cache.get(locale);
  if (!found) {
    found = make();
    cache.set(locale, found);
  }
  return found;
}

/** "99.95%" ("99,95 %" in German), never rounded up to 100: an imperfect record floors. */
export function formatUptime(percent: number | null, { t, locale }: Translator): string {
  if (percent === null) return t("uptime.noData");
  const f = memo(percentFormats, `${locale}|2`, () => new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  return f.format(Math.floor(percent * 100) / 100 / 100);
}

/** A day's uptime, short: "100%", "99.2%", "99.97%" (floored like formatUptime). */
export function formatDayUptime(percent: number, locale: string): string {
  const f = memo(
    percentFormats,
    `${locale}|0-2`,
    () => new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 2 }),
  );
  return f.format(Math.floor(percent * 100) / 100 / 100);
}

/** "Partial Outage 14 min" per status other than operational with a minute or more, worst first. */
export function dayOutageParts(day: Pick<UptimeDayView, "minutes">, { t }: Translator): string[] {
  return OUTAGE_ORDER.flatMap((status) => {
    const minutes = day.minutes[status] ?? 0;
    return minutes >= 1 ? [t("uptime.statusMinutes", { status: t(`status.${status}`), minutes: Math.round(minutes) })] : [];
  });
}

/**
 * What the popover says besides the date and the incidents: the day's uptime and its outage
 * minutes, or an empty list for a day with nothing to report (the popover then says "No
 * downtime recorded" once, from its own text, instead of every quiet day carrying it).
 */
export function dayDetailLines(day: UptimeDayView, tr: Translator): string[] {
  if (day.worst === null) return [];
  const outages = dayOutageParts(day, tr);
  const percent = uptimePercent(day.minutes);
  if (outages.length === 0 && (percent === null || percent >= 100)) return [];
  return [...(percent === null ? [] : [tr.t("uptime.percent", { percent: formatDayUptime(percent, tr.locale) })]), ...outages];
}

/** The day's button name: its date, then its uptime, outage minutes and incident count. */
export function daySummary(day: UptimeDayView, tr: Translator, date = formatDayKey(day.day, tr.locale)): string {
  if (day.worst === null) return tr.t("uptime.dayNoData", { date });
  const percent = uptimePercent(day.minutes);
  const parts = [
    ...(percent === null ? [] : [tr.t("uptime.percent", { percent: formatDayUptime(percent, tr.locale) })]),
    ...dayOutageParts(day, tr),
    ...(day.incidents.length ? [tr.t("uptime.incidentCount", { count: day.incidents.length })] : []),
  ];
  const list = memo(listFormats, tr.locale, () => new Intl.ListFormat(tr.locale, { type: "unit", style: "short" }));
  return tr.t("uptime.daySummary", { date, details: list.format(parts) });
}

const DATE_SLOT = "{date}";

/** What the page script writes for a day with nothing to report, "{date}" left for it to fill (UptimeBars carries only the other days' words). */
export function quietDayTemplates(tr: Translator): { quiet: string; noData: string } {
  return {
    quiet: daySummary({ day: DATE_SLOT, worst: "operational", minutes: { operational: 1440 }, incidents: [] }, tr, DATE_SLOT),
    noData: tr.t("uptime.dayNoData", { date: DATE_SLOT }),
  };
}
