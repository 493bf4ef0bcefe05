import type { Translator } from "@/lib/i18n/translate";
import type { ComponentStatus } from "@/lib/status/schemas";
import type { UptimeCalendarView } from "@/lib/uptime/public";
import { formatUptime } from "@/lib/public/uptime-day";

// The /uptime calendar: one cell per month, each a <details> whose <summary> is the control
// (a button to assistive technology, keyboard-operable, and open without JavaScript) and
// whose body lists the month's outage minutes by status and links to its incidents.

export interface CalendarMonth {
  month: string;
  percent: number | null;
  hasData: boolean;
  minutes: Partial<Record<ComponentStatus, number>>;
  /** Where this month's incidents are listed (the incident history page holding it). */
  incidentsHref: string;
}

export interface CalendarComponent {
  id: string;
  name: string;
  months: CalendarMonth[];
  /** "Target 99.9 % over 30 days; …", when the admin shows the SLO on the page. */
  sloLine: string | null;
}

/** The colour scale, best first: the lowest percentage each level starts at. */
export const UPTIME_LEVELS = [
  { level: "perfect", min: 99.95, className: "bg-emerald-700 text-white" },
  { level: "good", min: 99.5, className: "bg-emerald-200 text-emerald-950" },
  { level: "fair", min: 99, className: "bg-lime-200 text-lime-950" },
  { level: "poor", min: 95, className: "bg-amber-200 text-amber-950" },
  { level: "bad", min: 0, className: "bg-red-700 text-white" },
] as const;
const NO_DATA = "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300";

export function uptimeLevel(percent: number | null): (typeof UPTIME_LEVELS)[number] | null {
  if (percent === null) return null;
  return UPTIME_LEVELS.find((l) => percent >= l.min) ?? UPTIME_LEVELS.at(-1)!;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
function shortMonth(month: string, locale: string, long = false): string {
  const key = `${locale}|${long}`;
  let f = monthFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: long ? "long" : "short", year: "numeric" });
    monthFormats.set(key, f);
  }
  const [y, m] = month.split("-").map(Number) as [number, number];
  return f.format(new Date(Date.UTC(y, m - 1, 1)));
}

const OUTAGE_STATUSES = ["degraded_performance", "partial_outage", "major_outage", "under_maintenance"] as const;

function MonthCell({ month, tr }: { month: CalendarMonth; tr: Translator }) {
  const { t, locale } = tr;
  const level = uptimeLevel(month.percent);
  const label = shortMonth(month.month, locale);
  const longLabel = shortMonth(month.month, locale, true);
  const percent = month.hasData ? formatUptime(month.percent, tr) : t("uptime.noData");
  return (
    <li>
      <details className="group relative" data-month={month.month} data-level={level?.level ?? "no_data"}>
        <summary
          className={`flex cursor-pointer list-none flex-col items-center rounded-md px-2 py-3 text-center focus-visible:outline-2 focus-visible:outline-offset-2 [&::-webkit-details-marker]:hidden ${level?.className ?? NO_DATA}`}
          aria-label={t("uptimeReport.monthSummary", { month: longLabel, percent })}
        >
          <span className="text-xs">{label}</span>
          <span className="font-semibold tabular-nums">{percent}</span>
        </summary>
        <div className="absolute left-0 z-10 mt-1 w-60 rounded-md border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          <p className="font-semibold">{t("uptimeReport.monthSummary", { month: longLabel, percent })}</p>
          {month.hasData ? (
            <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-3 gap-y-1">
              {OUTAGE_STATUSES.map((status) => (
                <div key={status} className="contents">
                  <dt>{t(`status.${status}`)}</dt>
                  <dd className="text-right tabular-nums" data-status={status}>
                    {t("uptimeReport.minutes", { minutes: Math.round(month.minutes[status] ?? 0) })}
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="mt-2">{t("uptimeReport.notStarted")}</p>
          )}
          <a href={month.incidentsHref} className="mt-2 inline-block text-[var(--accent)] underline dark:text-[var(--accent-dark)]">
            {t("uptimeReport.incidents", { month: longLabel })}
          </a>
        </div>
      </details>
    </li>
  );
}

export function UptimeLegend({ tr }: { tr: Translator }) {
  const { t } = tr;
  return (
    <div className="text-xs">
      <h2 className="sr-only">{t("uptimeReport.legend")}</h2>
      <ul className="flex flex-wrap gap-2" aria-label={t("uptimeReport.legend")}>
        {UPTIME_LEVELS.map((l, i) => (
          <li key={l.level} className={`rounded px-2 py-1 ${l.className}`}>
            {i === UPTIME_LEVELS.length - 1
              ? t("uptimeReport.below", { percent: formatUptime(UPTIME_LEVELS[i - 1]!.min, tr) })
              : t("uptimeReport.atLeast", { percent: formatUptime(l.min, tr) })}
          </li>
        ))}
        <li className={`rounded px-2 py-1 ${NO_DATA}`}>{t("uptime.noData")}</li>
      </ul>
    </div>
  );
}

export function UptimeCalendar({ components, tr }: { components: CalendarComponent[]; tr: Translator }) {
  const { t } = tr;
  if (components.length === 0) return <p>{t("uptimeReport.noComponents")}</p>;
  return (
    <div className="space-y-8">
      {components.map((c) => (
        <section key={c.id} aria-labelledby={`uptime-${c.id}`} data-component={c.id}>
          <h2 id={`uptime-${c.id}`} className="text-lg font-semibold">
            {c.name}
          </h2>
          {c.sloLine && <p className="text-sm text-zinc-600 dark:text-zinc-400">{c.sloLine}</p>}
          <ol aria-label={t("uptimeReport.months", { component: c.name })} className="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-6">
            {c.months.map((m) => (
              <MonthCell key={m.month} month={m} tr={tr} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** The calendar's components from the page's data (getUptimeCalendar), with a published SLO's line. */
export function toCalendarComponents(view: Pick<UptimeCalendarView, "components">, tr: Translator): CalendarComponent[] {
  const { t, locale } = tr;
  const share = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const target = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 3 });
  return view.components.map(({ component, months, budget }) => ({
    id: component.id,
    name: component.name,
    months,
    sloLine: budget
      ? t("uptimeReport.target", {
          target: target.format(budget.targetPercent / 100),
          window: t(`uptimeReport.window.${budget.window}`),
          minutes: Math.round(budget.remainingMinutes),
          share: budget.remainingPercent === null ? "—" : share.format(budget.remainingPercent / 100),
        })
      : null,
  }));
}
