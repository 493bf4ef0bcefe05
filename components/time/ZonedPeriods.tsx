"use client";

import type { ReactNode } from "react";
import { groupByPeriod, headingKeys, type PeriodUnit } from "@/lib/time/periods";
import { formatDayKey, formatMonthKey } from "@/lib/time/zoned";
import { useZone } from "./ZoneContext";

export interface PeriodItem {
  id: string;
  /** When the incident started: it is listed under that period. */
  at: string;
  node: ReactNode;
}

/**
 * Incidents under day (home page) or month (history) headings. The server groups by the
 * page's zone with the same rule (lib/time/periods.ts), so the first render is the server's;
 * in the visitor's zone the headings are recomputed together with the times.
 */
export function ZonedPeriods({ unit, keys, items, emptyText }: { unit: PeriodUnit; keys: string[]; items: PeriodItem[]; emptyText: string }) {
  const { timeZone, viewer, locale } = useZone();
  const shown = viewer ? headingKeys(unit, keys, new Date(), timeZone) : keys;
  const groups = groupByPeriod(items, (i) => i.at, { timeZone, unit, keys: shown, outside: "add" });
  const empty = <p className="py-3 text-sm text-zinc-500 dark:text-zinc-400">{emptyText}</p>;
  if (unit === "day") {
    return (
      <div className="space-y-6">
        {groups.map(({ key, items: list }) => (
          <section key={key} aria-label={formatDayKey(key, locale)} data-day={key}>
            <h3 className="border-b border-zinc-200 pb-2 text-lg font-medium dark:border-zinc-800">{formatDayKey(key, locale)}</h3>
            {list.length === 0 ? empty : list.map((i) => <div key={i.id}>{i.node}</div>)}
          </section>
        ))}
      </div>
    );
  }
  return groups.map(({ key, items: list }) => (
    <section key={key} aria-labelledby={`m-${key}`} data-month={key}>
      <h2 id={`m-${key}`} className="border-b border-zinc-200 pb-2 text-lg font-semibold dark:border-zinc-800">
        {formatMonthKey(key, locale)}
      </h2>
      {list.length === 0 ? empty : list.map((i) => <div key={i.id}>{i.node}</div>)}
    </section>
  ));
}
