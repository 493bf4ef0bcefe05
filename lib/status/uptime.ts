import { addDays, startOfZonedDay, zonedDayKey } from "../time/zoned";
import { worstStatus } from "./rules";
import type { ComponentStatus } from "./schemas";

export interface StatusPoint {
  status: ComponentStatus;
  at: Date;
}

export type StatusMinutes = Partial<Record<ComponentStatus, number>>;

export interface UptimeDay {
  day: string;
  /** null: the component did not exist yet (no data). */
  worst: ComponentStatus | null;
  minutes: StatusMinutes;
}

export interface UptimeSummary {
  days: UptimeDay[];
  /** Percent over the window, or null when there is no monitored time. */
  percent: number | null;
}

/** Statuspage's convention: a minute of partial outage counts as this much of a minute down. */
export const PARTIAL_OUTAGE_WEIGHT = 0.3;

/** Minutes that count towards uptime at all: every status but maintenance. */
export function monitoredMinutes(minutes: StatusMinutes): number {
  return Object.entries(minutes).reduce((sum, [status, m]) => (status === "under_maintenance" ? sum : sum + (m ?? 0)), 0);
}

/** Minutes counted as down: major outage fully, partial outage at PARTIAL_OUTAGE_WEIGHT, degraded not at all. */
export function downtimeMinutes(minutes: StatusMinutes): number {
  return (minutes.major_outage ?? 0) + PARTIAL_OUTAGE_WEIGHT * (minutes.partial_outage ?? 0);
}

/**
 * The one uptime rule (the 90-day bars, /uptime, the API, SLO budgets, the monthly report):
 * partial outages count 30 %, major outages 100 %, degraded performance 0, and maintenance
 * is excluded from the total. Null when there is no monitored time.
 */
export function uptimePercent(minutes: StatusMinutes): number | null {
  const total = monitoredMinutes(minutes);
  if (total <= 0) return null;
  return ((total - downtimeMinutes(minutes)) / total) * 100;
}

function addMinutes(into: StatusMinutes, status: ComponentStatus, ms: number) {
  if (ms > 0) into[status] = (into[status] ?? 0) + ms / 60_000;
}

/** One calendar day of the uptime window in the page's zone: its key and [start, end) in epoch ms. */
export interface UptimeWindowDay {
  day: string;
  start: number;
  end: number;
}

/**
 * The last `dayCount` days (in `timeZone`) ending today, oldest first. The same for every
 * component of a page: build it once per snapshot rather than once per component (each day's
 * start is two zone look-ups).
 */
export function uptimeWindow(now: Date, timeZone: string, dayCount: number): UptimeWindowDay[] {
  const today = zonedDayKey(now, timeZone);
  const days: UptimeWindowDay[] = [];
  let start = startOfZonedDay(addDays(today, -(dayCount - 1)), timeZone).getTime();
  for (let i = dayCount - 1; i >= 0; i--) {
    const day = addDays(today, -i);
    const end = startOfZonedDay(addDays(day, 1), timeZone).getTime();
    days.push({ day, start, end });
    start = end;
  }
  return days;
}

/** One status held over [from, to) in epoch ms. */
export interface StatusInterval {
  status: ComponentStatus;
  from: number;
  to: number;
}

/**
 * The status intervals covering startDate..now. `history` is every status change, oldest
 * first (the one before a window may come first); the status before the first change is
 * "operational" from `startDate`.
 */
export function statusIntervals(history: readonly StatusPoint[], startDate: Date, now: Date): StatusInterval[] {
  const intervals: StatusInterval[] = [];
  let current: ComponentStatus = "operational";
  let since = startDate.getTime();
  for (const point of history) {
    const at = Math.max(point.at.getTime(), startDate.getTime());
    if (at > since) intervals.push({ status: current, from: since, to: at });
    current = point.status;
    since = Math.max(since, at);
  }
  if (now.getTime() > since) intervals.push({ status: current, from: since, to: now.getTime() });
  return intervals;
}

/** A span of time to sum minutes over, [start, end) in epoch ms: a day, a month. */
export interface TimeWindow {
  start: number;
  end: number;
}

/**
 * Minutes in each status per window (windows oldest first, not overlapping), clipped to
 * startDate..now: null for a window with no time in it (before the component started, or after now).
 * One pass over the intervals, however many windows.
 */
export function minutesPerWindow(intervals: readonly StatusInterval[], windows: readonly TimeWindow[], startDate: Date, now: Date): (StatusMinutes | null)[] {
  const out: (StatusMinutes | null)[] = [];
  let cursor = 0;
  for (const { start, end } of windows) {
    const windowEnd = Math.min(end, now.getTime());
    // Nothing of the window lies between the start and now (before the start, or still to come).
    if (windowEnd <= Math.max(start, startDate.getTime())) {
      out.push(null);
      continue;
    }
    const minutes: StatusMinutes = {};
    while (cursor < intervals.length && intervals[cursor]!.to <= start) cursor++;
    for (let j = cursor; j < intervals.length && intervals[j]!.from < windowEnd; j++) {
      const iv = intervals[j]!;
      addMinutes(minutes, iv.status, Math.min(iv.to, windowEnd) - Math.max(iv.from, start));
    }
    out.push(minutes);
  }
  return out;
}

/**
 * Daily time-in-status for the last `dayCount` days (in the page's zone) ending today.
 * `history` is every status change, oldest first; the status before the first
 * change is "operational" from `startDate`. `window`: uptimeWindow(now, timeZone, dayCount)
 * when the caller already has it.
 */
export function dailyUptime(input: {
  history: readonly StatusPoint[];
  startDate: Date;
  now: Date;
  timeZone: string;
  dayCount: number;
  window?: readonly UptimeWindowDay[];
}): UptimeSummary {
  const { history, startDate, now, timeZone, dayCount } = input;
  const window = input.window ?? uptimeWindow(now, timeZone, dayCount);
  const total: StatusMinutes = {};
  const perDay = minutesPerWindow(statusIntervals(history, startDate, now), window, startDate, now);
  const days = window.map(({ day }, i): UptimeDay => {
    const minutes = perDay[i];
    if (!minutes) return { day, worst: null, minutes: {} };
    for (const [status, m] of Object.entries(minutes)) addMinutes(total, status as ComponentStatus, m * 60_000);
    const seen = Object.keys(minutes) as ComponentStatus[];
    return { day, worst: seen.length ? worstStatus(seen) : "operational", minutes };
  });
  return { days, percent: uptimePercent(total) };
}
