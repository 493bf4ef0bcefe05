import { db } from "../db";
import { getPageInfo, MONTHS_PER_HISTORY_PAGE, type Served, served } from "../public/snapshot";
import { addMonths } from "../time/periods";
import { monthOf, monthSpan, type UptimeMonth } from "./months";
import { type ComponentBudget, loadErrorBudgets } from "./budgets";
import { loadUptimeComponents, type UptimeComponentRow } from "./queries";
import { type ComponentUptime, loadMonthlyUptime } from "./report";

// The public uptime reports (the /uptime page and /api/v2/uptime.json), from the public
// cache: one entry per revision for the component list, one per component and range
// asked for (keys only for real components, so made-up ids cost no entry and no query).

/** The components whose uptime the page shows (showUptime), in page order. */
export async function shownUptimeComponents(): Promise<UptimeComponentRow[]> {
  return (await served("uptime:components", () => loadUptimeComponents(db()))).value.filter((c) => c.showUptime);
}

/** A shown component by id or slug; null for an unknown or hidden one (the same answer for both). */
export function findShownComponent(components: readonly UptimeComponentRow[], idOrSlug: string): UptimeComponentRow | null {
  return components.find((c) => c.id === idOrSlug || c.slug === idOrSlug) ?? null;
}

/** The page's zone and this month in it. */
export async function uptimeClock(): Promise<{ timeZone: string; thisMonth: string; now: Date }> {
  const { timeZone } = await getPageInfo();
  const now = new Date();
  return { timeZone, thisMonth: monthOf(now, timeZone), now };
}

/** `component` null: every shown component. */
export async function publicMonthlyUptime(component: UptimeComponentRow | null, fromMonth: string, toMonth: string): Promise<Served<ComponentUptime[]>> {
  const shown = component ? [component] : await shownUptimeComponents();
  return served(`uptime:${component?.id ?? "all"}|${fromMonth}|${toMonth}`, async () => {
    const { timeZone } = await getPageInfo();
    return loadMonthlyUptime(db(), { components: shown, fromMonth, toMonth, timeZone, now: new Date() });
  });
}

/** The oldest month any of `components` has data for (the calendar's last page), or this month. */
export function firstMonth(components: readonly UptimeComponentRow[], timeZone: string, thisMonth: string): string {
  let first = thisMonth;
  for (const c of components) {
    const m = monthOf(c.startDate, timeZone);
    if (m < first) first = m;
  }
  return first;
}

export const MONTHS_PER_UPTIME_PAGE = 12;

/** The months calendar page `page` shows (1: the 12 months ending this month), oldest first. */
export function calendarMonths(thisMonth: string, page: number): { from: string; to: string } {
  const to = addMonths(thisMonth, -(page - 1) * MONTHS_PER_UPTIME_PAGE);
  return { from: addMonths(to, -(MONTHS_PER_UPTIME_PAGE - 1)), to };
}

/** The incident history page (3 months each, newest first) that lists `month`, at its heading (ZonedPeriods' `m-` ids). */
export function historyHrefFor(month: string, thisMonth: string): string {
  const page = Math.floor((monthSpan(month, thisMonth) - 1) / MONTHS_PER_HISTORY_PAGE) + 1;
  return `${page <= 1 ? "/history" : `/history?page=${page}`}#m-${month}`;
}

export interface UptimeCalendarView {
  /** The components the picker offers. */
  choices: { id: string; slug: string; name: string }[];
  /** The chosen component's slug, or null for all. */
  selected: string | null;
  page: number;
  hasOlder: boolean;
  timeZone: string;
  components: { component: UptimeComponentRow; months: (UptimeMonth & { incidentsHref: string })[]; budget: ComponentBudget | null }[];
  staleSince: string | null;
}

/**
 * What /uptime shows: page `page` of 12 months for one shown component (by slug or id) or
 * all of them; null when `componentKey` names no shown component.
 */
export async function getUptimeCalendar(componentKey: string | null, page: number): Promise<UptimeCalendarView | null> {
  const shown = await shownUptimeComponents();
  const component = componentKey ? findShownComponent(shown, componentKey) : null;
  if (componentKey && !component) return null;
  const { timeZone, thisMonth } = await uptimeClock();
  const { from, to } = calendarMonths(thisMonth, page);
  const listed = component ? [component] : shown;
  const [{ value, staleSince }, { value: budgets }] = await Promise.all([
    publicMonthlyUptime(component, from, to),
    // Only the targets the admin chose to publish.
    served(`uptime-budgets:${component?.id ?? "all"}`, () =>
      loadErrorBudgets(
        db(),
        listed.filter((c) => c.sloPublic),
        timeZone,
        new Date(),
      ),
    ),
  ]);
  return {
    choices: shown.map(({ id, slug, name }) => ({ id, slug, name })),
    selected: component?.slug ?? null,
    page,
    hasOlder: from > firstMonth(component ? [component] : shown, timeZone, thisMonth),
    timeZone,
    components: value.map(({ component: c, months }) => ({
      component: c,
      months: months.map((m) => ({ ...m, incidentsHref: historyHrefFor(m.month, thisMonth) })),
      budget: budgets.get(c.id) ?? null,
    })),
    staleSince,
  };
}
