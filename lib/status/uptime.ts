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

/**
 * Statuspage's convention: partial outages count 30 %, major outages 100 %, and
 * maintenance is excluded from the total.
 */
export function uptimePercent(minutes: StatusMinutes): number | null {
  const total = Object.entries(minutes).reduce((sum, [status, m]) => (status === "under_maintenance" ? sum : sum + (m ?? 0)), 0);
  if (total <= 0) return null;
  const lost = (minutes.major_outage ?? 0) + 0.3 * (minutes.partial_outage ?? 0);
  return ((total - lost) / total) * 100;
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
  const days: UptimeDay[] = [];
  const total: StatusMinutes = {};

  // Status intervals [from, to) covering startDate..now.
  const intervals: { status: ComponentStatus; from: number; to: number }[] = [];
  let current: ComponentStatus = "operational";
  let since = startDate.getTime();
  for (const point of history) {
    const at = Math.max(point.at.getTime(), startDate.getTime());
    if (at > since) intervals.push({ status: current, from: since, to: at });
    current = point.status;
    since = Math.max(since, at);
  }
  if (now.getTime() > since) intervals.push({ status: current, from: since, to: now.getTime() });

  let cursor = 0;
  for (const { day, start: dayStart, end } of window) {
    const dayEnd = Math.min(end, now.getTime());
    const minutes: StatusMinutes = {};
    if (dayEnd <= startDate.getTime()) {
      days.push({ day, worst: null, minutes });
      continue;
    }
    while (cursor < intervals.length && intervals[cursor]!.to <= dayStart) cursor++;
    for (let j = cursor; j < intervals.length && intervals[j]!.from < dayEnd; j++) {
      const iv = intervals[j]!;
      addMinutes(minutes, iv.status, Math.min(iv.to, dayEnd) - Math.max(iv.from, dayStart));
    }
    for (const [status, m] of Object.entries(minutes)) addMinutes(total, status as ComponentStatus, m * 60_000);
    const seen = Object.keys(minutes) as ComponentStatus[];
    days.push({ day, worst: seen.length ? worstStatus(seen) : "operational", minutes });
  }
  return { days, percent: uptimePercent(total) };
}
