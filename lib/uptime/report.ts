import type { DbOrTx } from "../db";
import { type MonthWindow, monthlyUptime, monthOf, monthWindows, type UptimeMonth } from "./months";
import { loadStatusHistory, loadUptimeComponents, type UptimeComponentRow } from "./queries";

export interface ComponentUptime {
  component: UptimeComponentRow;
  /** The month the component started in (the page's zone): the calendar goes back to it. */
  startMonth: string;
  /** `fromMonth`..`toMonth`, oldest first; months before startMonth have hasData false. */
  months: UptimeMonth[];
}

export interface MonthlyUptimeInput {
  /** Null: every component, in page order. */
  components: readonly UptimeComponentRow[] | null;
  fromMonth: string;
  toMonth: string;
  timeZone: string;
  now: Date;
}

/**
 * Uptime per component and month, `fromMonth` to `toMonth` in the page's zone (the current
 * month up to `now`): one query for the components (unless given) and two for all of their
 * history, however many components and months.
 */
export async function loadMonthlyUptime(db: DbOrTx, input: MonthlyUptimeInput): Promise<ComponentUptime[]> {
  const { fromMonth, toMonth, timeZone, now } = input;
  const components = input.components ?? (await loadUptimeComponents(db));
  if (components.length === 0) return [];
  const windows: MonthWindow[] = monthWindows(fromMonth, toMonth, timeZone);
  const from = new Date(windows[0]!.start);
  const to = new Date(Math.min(windows.at(-1)!.end, now.getTime()));
  const history = await loadStatusHistory(db, input.components ? components.map((c) => c.id) : null, from, to);
  return components.map((component) => ({
    component,
    startMonth: monthOf(component.startDate, timeZone),
    months: monthlyUptime({ history: history.get(component.id) ?? [], startDate: component.startDate, now, months: windows }),
  }));
}
