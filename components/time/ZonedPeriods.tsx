import type { ReactNode } from "react";
import { groupByPeriod, type PeriodUnit } from "@/lib/time/periods";
import { formatDayKey, formatMonthKey } from "@/lib/time/zoned";
import { pageZone } from "./page-zone";

export interface PeriodItem {
  id: string;
  /** When the incident started: it is listed under that period. */
  at: string;
  node: ReactNode;
}

const EMPTY_CLASS = "py-3 text-sm text-zinc-500 dark:text-zinc-400";
const DAY_HEADING_CLASS = "border-b border-zinc-200 pb-2 text-lg font-medium dark:border-zinc-800";
const MONTH_HEADING_CLASS = "border-b border-zinc-200 pb-2 text-lg font-semibold dark:border-zinc-800";

function Period({ unit, periodKey, locale, children }: { unit: PeriodUnit; periodKey: string; locale: string; children: ReactNode }) {
  if (unit === "day") {
    const label = formatDayKey(periodKey, locale);
    return (
      <section aria-label={label} data-day={periodKey}>
        <h3 className={DAY_HEADING_CLASS}>{label}</h3>
        {children}
      </section>
    );
  }
  return (
    <section aria-labelledby={`m-${periodKey}`} data-month={periodKey}>
      <h2 id={`m-${periodKey}`} className={MONTH_HEADING_CLASS}>
        {formatMonthKey(periodKey, locale)}
      </h2>
      {children}
    </section>
  );
}

/**
 * Incidents under day (home page) or month (history) headings in the page's zone. The page
 * script regroups them with the same rule (lib/time/periods.ts) in the visitor's zone on
 * request: each item carries its start (`data-at`), and the two templates are what a new
 * heading and an empty period look like.
 */
export function ZonedPeriods({ unit, keys, items, emptyText }: { unit: PeriodUnit; keys: string[]; items: PeriodItem[]; emptyText: string }) {
  const { timeZone, locale } = pageZone();
  const groups = groupByPeriod(items, (i) => i.at, { timeZone, unit, keys, outside: "add" });
  const empty = (
    <p className={EMPTY_CLASS} data-period-empty>
      {emptyText}
    </p>
  );
  return (
    <div className={unit === "day" ? "space-y-6" : "space-y-8"} data-periods={unit} data-keys={keys.join(" ")}>
      <template data-period-template>
        <Period unit={unit} periodKey="0000-01-01" locale={locale}>
          {null}
        </Period>
      </template>
      <template data-period-empty-template>{empty}</template>
      {groups.map(({ key, items: list }) => (
        <Period key={key} unit={unit} periodKey={key} locale={locale}>
          {list.length === 0
            ? empty
            : list.map((i) => (
                <div key={i.id} data-at={i.at}>
                  {i.node}
                </div>
              ))}
        </Period>
      ))}
    </div>
  );
}
