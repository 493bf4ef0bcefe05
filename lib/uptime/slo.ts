import type { SloWindow } from "../components/schemas";
import { downtimeMinutes, monitoredMinutes, type StatusMinutes } from "../status/uptime";
import { startOfZonedDay, zonedDayKey } from "../time/zoned";

// Error budgets for a component's SLO target, from the one uptime rule: the budget is the
// monitored minutes (maintenance excluded) times (1 - target), spent by downtime minutes
// (major outage fully, partial outage at 30 %).

export { SLO_WINDOWS, type SloWindow } from "../components/schemas";

/** Where a window ending now starts: 30 or 90 days back, or the zone's 1st of this month; never before the component started. */
export function sloWindowStart(window: SloWindow, now: Date, timeZone: string, startDate: Date): Date {
  const start =
    window === "month"
      ? startOfZonedDay(`${zonedDayKey(now, timeZone).slice(0, 7)}-01`, timeZone)
      : new Date(now.getTime() - (window === "30d" ? 30 : 90) * 86_400_000);
  return start < startDate ? startDate : start;
}

export interface ErrorBudget {
  targetPercent: number;
  /** Downtime the target allows over the window's monitored minutes so far. */
  allowedMinutes: number;
  usedMinutes: number;
  /** Negative when the target is missed. */
  remainingMinutes: number;
  /** remainingMinutes as a share of allowedMinutes, in percent (null when nothing is allowed yet). */
  remainingPercent: number | null;
}

export function errorBudget(targetPercent: number, minutes: StatusMinutes): ErrorBudget {
  const allowedMinutes = monitoredMinutes(minutes) * (1 - targetPercent / 100);
  const usedMinutes = downtimeMinutes(minutes);
  const remainingMinutes = allowedMinutes - usedMinutes;
  return {
    targetPercent,
    allowedMinutes,
    usedMinutes,
    remainingMinutes,
    remainingPercent: allowedMinutes > 0 ? (remainingMinutes / allowedMinutes) * 100 : null,
  };
}

/** "30 days", "90 days", "calendar month": the console's words for a window. */
export const SLO_WINDOW_LABELS: Record<SloWindow, string> = { "30d": "30 days", "90d": "90 days", month: "calendar month" };
