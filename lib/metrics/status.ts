import type { PublicSnapshot } from "../public/types";
import { COMPONENT_STATUSES, PAGE_INDICATORS, type PageIndicator } from "../status/schemas";
import type { MetricFamily, Sample } from "../prometheus/registry";

// What the public page shows, as Prometheus gauges. A status is exposed the way
// kube-state-metrics exposes a phase: one series per possible value, 1 for the current
// one and 0 for the rest, so `vigil_component_status{status="major_outage"} == 1`
// alerts without knowing a numbering; vigil_component_up and the page's
// vigil_page_status_indicator add a single number for dashboards.

/** Statuspage's indicator as a number, least to most severe. */
export const INDICATOR_SEVERITY: Record<PageIndicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

type SnapshotPart = Pick<PublicSnapshot, "status" | "items" | "openIncidents" | "maintenances">;

export function statusMetricFamilies(snapshot: SnapshotPart, stale: boolean): MetricFamily[] {
  const components = snapshot.items.flatMap((item) =>
    item.type === "group" ? item.group.components.map((c) => ({ c, group: item.group.name })) : [{ c: item.component, group: "" }],
  );
  const labelsOf = ({ c, group }: (typeof components)[number]) => ({ component: c.slug, name: c.name, group });
  const gauge = (name: string, help: string, samples: Sample[]): MetricFamily => ({ name, help, type: "gauge", samples });
  const indicator = snapshot.status.indicator;
  const inProgress = snapshot.maintenances.filter((m) => m.status === "in_progress" || m.status === "verifying").length;

  return [
    gauge("vigil_page_status_indicator", "Overall page status: 0 none (all operational), 1 maintenance, 2 minor, 3 major, 4 critical.", [
      { value: INDICATOR_SEVERITY[indicator] },
    ]),
    gauge(
      "vigil_page_status",
      "Overall page status: 1 for the current indicator, 0 for the others.",
      PAGE_INDICATORS.map((i) => ({ labels: { indicator: i }, value: i === indicator ? 1 : 0 })),
    ),
    gauge(
      "vigil_component_status",
      "Component status as shown on the page: 1 for the current status, 0 for the others.",
      components.flatMap((entry) => COMPONENT_STATUSES.map((status) => ({ labels: { ...labelsOf(entry), status }, value: entry.c.status === status ? 1 : 0 }))),
    ),
    gauge(
      "vigil_component_up",
      "1 when the component is operational, else 0 (maintenance counts as not up).",
      components.map((entry) => ({ labels: labelsOf(entry), value: entry.c.status === "operational" ? 1 : 0 })),
    ),
    gauge(
      "vigil_component_uptime_ratio",
      "Uptime over the last 90 days as on the page (0 to 1); absent without data or when the page hides it.",
      components
        .filter((entry) => entry.c.showUptime && entry.c.uptimePercent !== null)
        .map((entry) => ({ labels: labelsOf(entry), value: entry.c.uptimePercent! / 100 })),
    ),
    gauge("vigil_incidents_open", "Incidents not yet resolved.", [{ value: snapshot.openIncidents.length }]),
    gauge("vigil_maintenances_active", "Maintenances in progress or being verified.", [{ value: inProgress }]),
    gauge("vigil_maintenances_upcoming", "Maintenances scheduled and not started yet.", [
      { value: snapshot.maintenances.filter((m) => m.status === "scheduled").length },
    ]),
    gauge("vigil_public_snapshot_stale", "1 when the database could not be reached and the last good data is being served.", [{ value: stale ? 1 : 0 }]),
  ];
}
