import type { ComponentStatus, Impact, PageIndicator } from "./schemas";

// Outage severity, for "worst of": maintenance is planned, so it ranks below any
// unplanned degradation but above operational.
const SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function worstStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

export function compareSeverity(a: ComponentStatus, b: ComponentStatus): number {
  return SEVERITY[a] - SEVERITY[b];
}

const INDICATOR_RANK: Record<PageIndicator, number> = {
  none: 0,
  maintenance: 1,
  minor: 2,
  major: 3,
  critical: 4,
};

const INDICATOR_FROM_COMPONENT: Record<ComponentStatus, PageIndicator> = {
  operational: "none",
  under_maintenance: "maintenance",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};

const INDICATOR_FROM_IMPACT: Record<Impact, PageIndicator> = {
  none: "none",
  minor: "minor",
  major: "major",
  critical: "critical",
};

export const BANNER_TEXT: Record<PageIndicator, string> = {
  none: "All Systems Operational",
  maintenance: "Service Under Maintenance",
  minor: "Degraded Performance",
  major: "Partial System Outage",
  critical: "Major System Outage",
};

export interface PageStatus {
  indicator: PageIndicator;
  description: string;
}

/**
 * The overall banner: the worse of the worst component status and the highest
 * impact among unresolved incidents. Active maintenance shows only when nothing is broken.
 */
export function pageStatus(input: {
  componentStatuses: readonly ComponentStatus[];
  openIncidentImpacts: readonly Impact[];
  maintenanceInProgress: boolean;
}): PageStatus {
  let indicator: PageIndicator = INDICATOR_FROM_COMPONENT[worstStatus(input.componentStatuses)];
  for (const impact of input.openIncidentImpacts) {
    const fromImpact = INDICATOR_FROM_IMPACT[impact];
    if (INDICATOR_RANK[fromImpact] > INDICATOR_RANK[indicator]) indicator = fromImpact;
  }
  if (indicator === "none" && input.maintenanceInProgress) indicator = "maintenance";
  return { indicator, description: BANNER_TEXT[indicator] };
}
