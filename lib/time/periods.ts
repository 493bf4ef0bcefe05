// universal: the "Show in my time zone" toggle regroups in the browser with the same rule.
import { addDays, zonedDayKey } from "./zoned";

// Incidents listed under day (or month) headings. One rule everywhere: an incident belongs to
// the period its start falls in, in the zone the page is being read in, which is the page's
// zone unless the visitor asked for their own. The server groups with it, and so does the
// toggle, so headings and the times under them always agree.

export type PeriodUnit = "day" | "month";

/** "2026-11-27" (day) or "2026-11" (month) of an instant in `timeZone`. */
export function periodKey(date: Date, timeZone: string, unit: PeriodUnit): string {
  const day = zonedDayKey(date, timeZone);
  return unit === "day" ? day : day.slice(0, 7);
}

/** Today and the `count - 1` days before it in `timeZone`, newest first. */
export function recentDays(now: Date, timeZone: string, count: number): string[] {
  const today = zonedDayKey(now, timeZone);
  return Array.from({ length: count }, (_, i) => addDays(today, -i));
}

/** "2026-11" plus `months` (negative: back). */
export function addMonths(monthKey: string, months: number): string {
  const [y, m] = monthKey.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 7);
}

export interface PeriodGroup<T> {
  key: string;
  items: T[];
}

export interface GroupOptions {
  timeZone: string;
  unit: PeriodUnit;
  /** The headings to show, newest first, each kept even when empty ("No incidents reported."). */
  keys: readonly string[];
  /**
   * An item in none of `keys`: "drop" it (the server's "last 15 days"), or "add" a heading
   * for it in order (regrouping in another zone must not lose an incident the page showed).
   */
  outside: "drop" | "add";
}

/** Items under the period their `at` falls in; items keep their order within a period. */
export function groupByPeriod<T>(items: readonly T[], at: (item: T) => string | Date, options: GroupOptions): PeriodGroup<T>[] {
  const groups = new Map<string, T[]>(options.keys.map((k) => [k, []]));
  for (const item of items) {
    const key = periodKey(new Date(at(item)), options.timeZone, options.unit);
    const group = groups.get(key);
    if (group) group.push(item);
    else if (options.outside === "add") groups.set(key, [item]);
  }
  // Keys are ISO-like, so string order is time order.
  return [...groups.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([key, list]) => ({ key, items: list }));
}

/**
 * The headings a list shows when read in `timeZone`: the last N days end on that zone's
 * today; months stay the months the page listed (the others only gain a heading when an
 * incident moves into them).
 */
export function headingKeys(unit: PeriodUnit, pageKeys: readonly string[], now: Date, timeZone: string): string[] {
  return unit === "day" ? recentDays(now, timeZone, pageKeys.length) : [...pageKeys];
}
