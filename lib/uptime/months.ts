import { addMonths } from "../time/periods";
import { startOfZonedDay, zonedDayKey } from "../time/zoned";
import { minutesPerWindow, type StatusMinutes, type StatusPoint, statusIntervals, uptimePercent } from "../status/uptime";

// Uptime per calendar month in the page's zone (Statuspage's "uptime history"), from the
// same intervals and the same rule (uptimePercent) as the 90-day bars.

/** "YYYY-MM", a calendar month in the page's zone. */
export const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface MonthWindow {
  month: string;
  /** [start, end) in epoch ms: the zone's midnight on the 1st to the next month's. */
  start: number;
  end: number;
}

/** Every month from `fromMonth` to `toMonth` (both included, oldest first) in `timeZone`. */
export function monthWindows(fromMonth: string, toMonth: string, timeZone: string): MonthWindow[] {
  const out: MonthWindow[] = [];
  let start = startOfZonedDay(`${fromMonth}-01`, timeZone).getTime();
  for (let month = fromMonth; month <= toMonth; month = addMonths(month, 1)) {
    const end = startOfZonedDay(`${addMonths(month, 1)}-01`, timeZone).getTime();
    out.push({ month, start, end });
    start = end;
  }
  return out;
}

/** Months from `a` to `b`, counting both: monthSpan("2026-01", "2026-12") is 12. */
export function monthSpan(a: string, b: string): number {
  const [ya, ma] = a.split("-").map(Number) as [number, number];
  const [yb, mb] = b.split("-").map(Number) as [number, number];
  return (yb - ya) * 12 + (mb - ma) + 1;
}

/** The month an instant falls in, in `timeZone`. */
export function monthOf(date: Date, timeZone: string): string {
  return zonedDayKey(date, timeZone).slice(0, 7);
}

export interface UptimeMonth {
  month: string;
  /** Null when the month has no monitored time (before the start, or maintenance only). */
  percent: number | null;
  /** Minutes in each status within the month, up to now; empty before the component started. */
  minutes: StatusMinutes;
  /** False for a month wholly before the component's start date. */
  hasData: boolean;
}

/**
 * Uptime per month for one component. `history` is its status changes, oldest first, with
 * the one in force when `months[0]` starts (if any) first; the current month counts up to `now`.
 */
export function monthlyUptime(input: { history: readonly StatusPoint[]; startDate: Date; now: Date; months: readonly MonthWindow[] }): UptimeMonth[] {
  const { history, startDate, now, months } = input;
  const perMonth = minutesPerWindow(statusIntervals(history, startDate, now), months, startDate, now);
  return months.map(({ month }, i) => {
    const minutes = perMonth[i];
    return minutes ? { month, percent: uptimePercent(minutes), minutes, hasData: true } : { month, percent: null, minutes: {}, hasData: false };
  });
}
