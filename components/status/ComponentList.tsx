import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import type { ComponentListItem, ComponentView, GroupView } from "@/lib/public/types";
import { COMPONENT_STATUSES } from "@/lib/status/schemas";
import { STATUS_TEXT_CLASS } from "./status-style";
import { LatencyChart, LatencyChartLink } from "./LatencyChart";
import { StatusIcon } from "./StatusIcon";
import { UptimeBars } from "./UptimeBars";
import { UptimeDayPopover } from "./UptimeDayPopover";
import { quietDayTemplates } from "@/lib/public/uptime-day";

function StatusLabel({ status, locale }: { status: ComponentView["status"]; locale: Locale }) {
  return (
    <span className={`flex items-center gap-1.5 text-sm font-medium ${STATUS_TEXT_CLASS[status]}`}>
      <StatusIcon status={status} />
      {translator(locale).t(`status.${status}`)}
    </span>
  );
}

function ComponentRow({
  component,
  locale,
  onDemand = false,
  openCharts = false,
}: {
  component: ComponentView;
  locale: Locale;
  onDemand?: boolean;
  openCharts?: boolean;
}) {
  return (
    <li className="px-5 py-4" data-component={component.slug} data-live-key={`component:${component.id}`} data-live-version={component.status}>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <div>
          <h3 className="font-medium" title={component.description ?? undefined}>
            {component.name}
          </h3>
          {component.description && <p className="sr-only">{component.description}</p>}
          {component.vendor && (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{translator(locale).t("components.vendor", { vendor: component.vendor })}</p>
          )}
        </div>
        <StatusLabel status={component.status} locale={locale} />
      </div>
      {component.showUptime && <UptimeBars days={component.days} percent={component.uptimePercent} locale={locale} />}
      {component.latency &&
        (onDemand ? (
          <LatencyChartLink slug={component.slug} name={component.name} locale={locale} />
        ) : (
          <LatencyChart slug={component.slug} name={component.name} latency={component.latency} locale={locale} open={openCharts} />
        ))}
    </li>
  );
}

/** A page with more components than this keeps its quiet groups' components out of its HTML (they load when opened: /groups/<id>). */
export const INLINE_COMPONENTS_LIMIT = 100;

const GROUP_LIST_CLASS = "divide-y divide-zinc-200 border-t border-zinc-200 pl-4 dark:divide-zinc-800 dark:border-zinc-800";

function GroupRow({ group, locale, onDemand }: { group: GroupView; locale: Locale; onDemand: boolean }) {
  // <details> is keyboard operable and works without JavaScript. Open by default
  // when something inside is not operational, so a problem is never hidden. On a large
  // page a quiet group holds a link to its own page instead of its components, which the
  // page script (lib/public/client/groups.ts) fetches in when the group is opened.
  const lazy = onDemand && group.status === "operational";
  return (
    <li data-group={group.name}>
      <details open={group.status !== "operational"} className="group/details" data-src={lazy ? `/groups/${group.id}` : undefined}>
        <summary className="flex cursor-pointer list-none flex-wrap items-center justify-between gap-x-4 gap-y-1 px-5 py-4 hover:bg-zinc-50 focus-visible:outline-2 dark:hover:bg-zinc-900 [&::-webkit-details-marker]:hidden">
          <h3 className="flex items-center gap-2 font-medium">
            <span aria-hidden="true" className="inline-block w-3 transition-transform group-open/details:rotate-90">
              ›
            </span>
            {group.name}
            <span className="text-sm font-normal text-zinc-500 dark:text-zinc-400">
              ({translator(locale).t("components.count", { count: group.components.length })})
            </span>
          </h3>
          <StatusLabel status={group.status} locale={locale} />
        </summary>
        {lazy ? (
          <p
            className="border-t border-zinc-200 px-5 py-3 text-sm dark:border-zinc-800"
            data-placeholder
            data-pick="[data-group-components] section > ul"
            data-list-class={GROUP_LIST_CLASS}
          >
            <a href={`/groups/${group.id}`} className="underline">
              {translator(locale).t("components.showGroup", { count: group.components.length, group: group.name })}
            </a>
          </p>
        ) : (
          <ul className={GROUP_LIST_CLASS}>
            {group.components.map((c) => (
              <ComponentRow key={c.id} component={c} locale={locale} onDemand={onDemand} />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}

function showsUptime(item: ComponentListItem): boolean {
  return item.type === "group" ? item.group.components.some((c) => c.showUptime) : item.component.showUptime;
}

/** `openCharts`: a component's own page shows its response times open. */
export function ComponentList({ items, locale, openCharts = false }: { items: ComponentListItem[]; locale: Locale; openCharts?: boolean }) {
  const tr = translator(locale);
  const { t } = tr;
  const plainDays = quietDayTemplates(tr);
  const onDemand = items.reduce((n, item) => n + (item.type === "group" ? item.group.components.length : 1), 0) > INLINE_COMPONENTS_LIMIT;
  return (
    <section aria-labelledby="components-heading">
      <h2 id="components-heading" className="sr-only">
        {t("components.heading")}
      </h2>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {items.map((item) =>
          item.type === "group" ? (
            <GroupRow key={item.group.id} group={item.group} locale={locale} onDemand={onDemand} />
          ) : (
            <ComponentRow key={item.component.id} component={item.component} locale={locale} onDemand={onDemand} openCharts={openCharts} />
          ),
        )}
      </ul>
      {items.some(showsUptime) && (
        <UptimeDayPopover
          text={{
            incidents: t("uptime.dayIncidents"),
            noDowntime: t("uptime.noDowntime"),
            noData: t("uptime.noData"),
            quietDay: plainDays.quiet,
            noDataDay: plainDays.noData,
          }}
        />
      )}
    </section>
  );
}

export function StatusLegend({ locale }: { locale: Locale }) {
  const { t } = translator(locale);
  return (
    <section aria-label={t("legend.label")} className="flex flex-wrap gap-x-5 gap-y-2 text-sm text-zinc-600 dark:text-zinc-400">
      {COMPONENT_STATUSES.map((status) => (
        <span key={status} className="flex items-center gap-1.5">
          <StatusIcon status={status} />
          {t(`status.${status}`)}
        </span>
      ))}
    </section>
  );
}
