import { pageOrder } from "../components/page-order";
import type { IncidentRecord } from "../incidents/read";
import { renderMarkdown } from "../markdown/render";
import { pageStatus, worstStatus } from "../status/rules";
import { dailyUptime, type StatusPoint, uptimeWindow } from "../status/uptime";
import { groupByPeriod, recentDays } from "../time/periods";
import { addDays, zonedDayKey } from "../time/zoned";
import type { ComponentLatency } from "./latency";
import type { StatusRows } from "./queries";
import type { ComponentListItem, ComponentView, IncidentView, PageInfo, PublicSnapshot } from "./types";
import { toLocale } from "../i18n/locales";
import { type AssetKind, assetPath } from "../settings/assets";
import { brandPalette } from "../settings/contrast";
import { parseFooterLinks } from "../settings/schemas";

export const UPTIME_DAYS = 90;
export const PAST_INCIDENT_DAYS = 15;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPageInfo(page: StatusRows["page"], timeZone: string): PageInfo {
  const asset = (kind: AssetKind) => {
    const found = page.assets.find((a) => a.kind === kind);
    return found ? assetPath(found) : null;
  };
  const palette = page.brandColor ? brandPalette(page.brandColor) : null;
  return {
    name: page.name,
    url: page.url,
    timeZone,
    locale: toLocale(page.locale),
    logoPath: asset("logo"),
    faviconPath: asset("favicon"),
    brandColor: palette?.brand ?? null,
    accentLight: palette?.light.shade ?? null,
    accentDark: palette?.dark.shade ?? null,
    supportUrl: page.supportUrl,
    footerLinks: parseFooterLinks(page.footerLinks),
    aboutHtml: page.aboutMarkdown ? renderMarkdown(page.aboutMarkdown) : null,
    metaDescription: page.metaDescription,
  };
}

export function toIncidentView(row: IncidentRecord): IncidentView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    impact: row.impact,
    startedAt: row.startedAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    scheduledFor: iso(row.scheduledFor),
    scheduledUntil: iso(row.scheduledUntil),
    postmortemHtml: row.postmortem ? renderMarkdown(row.postmortem) : null,
    cancelledAt: iso(row.cancelledAt),
    // By position alone, not page order (groups ignored): kept as the page has always shown it.
    components: [...row.components].sort((a, b) => a.position - b.position).map(({ componentId, name }) => ({ id: componentId, name })),
    updates: row.updates.map((u) => ({
      id: u.id,
      status: u.status,
      bodyHtml: renderMarkdown(u.body),
      displayAt: u.displayAt.toISOString(),
    })),
  };
}

/** Days (in the page zone) an incident spans, from start to resolution or now. */
function incidentDays(incident: IncidentRecord, now: Date, timeZone: string): string[] {
  const first = zonedDayKey(incident.startedAt, timeZone);
  const last = zonedDayKey(incident.resolvedAt ?? now, timeZone);
  const days = [first];
  for (let d = first; d < last && days.length <= UPTIME_DAYS; ) days.push((d = addDays(d, 1)));
  return days;
}

/** `latency`: response-time series by component id (lib/public/latency.ts), for the charts. */
export function buildSnapshot(rows: StatusRows, now: Date, latency: ReadonlyMap<string, ComponentLatency> = new Map()): PublicSnapshot {
  const { page } = rows;
  const timeZone = page.timeZone;

  const historyByComponent = new Map<string, StatusPoint[]>();
  for (const c of rows.changes) {
    const list = historyByComponent.get(c.componentId) ?? [];
    list.push({ status: c.toStatus, at: c.at });
    historyByComponent.set(c.componentId, list);
  }

  // component id -> day -> incidents touching it that day, for the bar tooltips.
  const incidentsByComponentDay = new Map<string, Map<string, { id: string; name: string }[]>>();
  for (const incident of rows.incidents) {
    for (const day of incidentDays(incident, now, timeZone)) {
      for (const { componentId } of incident.components) {
        const byDay = incidentsByComponentDay.get(componentId) ?? new Map();
        byDay.set(day, [...(byDay.get(day) ?? []), { id: incident.id, name: incident.name }]);
        incidentsByComponentDay.set(componentId, byDay);
      }
    }
  }

  const window = uptimeWindow(now, timeZone, UPTIME_DAYS);
  const componentView = (c: StatusRows["components"][number]): ComponentView => {
    const uptime = dailyUptime({
      history: historyByComponent.get(c.id) ?? [],
      startDate: c.startDate,
      now,
      timeZone,
      dayCount: UPTIME_DAYS,
      window,
    });
    const byDay = incidentsByComponentDay.get(c.id);
    return {
      id: c.id,
      name: c.name,
      slug: c.slug,
      description: c.description,
      status: c.status,
      vendor: c.vendorMirror?.vendorName ?? null,
      showUptime: c.showUptime,
      uptimePercent: uptime.percent,
      days: uptime.days.map((d) => ({ ...d, incidents: byDay?.get(d.day) ?? [] })),
      latency: latency.get(c.id) ?? null,
    };
  };

  const items = pageOrder(rows.groups, rows.components).map((entry): ComponentListItem => {
    if (entry.type === "component") return { type: "component", component: componentView(entry.component) };
    const children = entry.components.map(componentView);
    const g = entry.group;
    return {
      type: "group",
      group: { id: g.id, name: g.name, description: g.description, status: worstStatus(children.map((c) => c.status)), components: children },
    };
  });

  const incidents = rows.incidents.map(toIncidentView);
  const openIncidents = incidents.filter((i) => i.resolvedAt === null);
  const maintenances = rows.maintenances.map(toIncidentView).sort((a, b) => {
    const rank = (m: IncidentView) => (m.status === "scheduled" ? 1 : 0);
    return rank(a) - rank(b) || (a.scheduledFor ?? "").localeCompare(b.scheduledFor ?? "");
  });

  // The rule the "Show in my time zone" toggle regroups with (lib/time/periods.ts).
  const pastDays = groupByPeriod(incidents, (inc) => inc.startedAt, {
    timeZone,
    unit: "day",
    keys: recentDays(now, timeZone, PAST_INCIDENT_DAYS),
    outside: "drop",
  }).map(({ key, items }) => ({ day: key, incidents: items }));

  return {
    revision: page.revision,
    generatedAt: now.toISOString(),
    page: toPageInfo(page, timeZone),
    status: pageStatus({
      componentStatuses: rows.components.map((c) => c.status),
      openIncidentImpacts: openIncidents.map((i) => i.impact),
      maintenanceInProgress: maintenances.some((m) => m.status === "in_progress" || m.status === "verifying"),
    }),
    items,
    openIncidents,
    maintenances,
    pastDays,
  };
}
