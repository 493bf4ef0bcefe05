import type { ComponentStatus, Impact } from "../status/schemas";
import type { InboundAlertInput } from "./payloads";
import type { AlertStatus, MappingRule } from "./schemas";

// Pure rules: which component and status an alert maps to, how bad a status is, and what an
// alert may do to a component that staff have set by hand.

export interface MappingConfig {
  rules: readonly MappingRule[];
  defaultComponentId: string | null;
  defaultStatus: AlertStatus;
}

export interface AlertTarget {
  componentId: string;
  status: AlertStatus;
}

export function ruleMatches(rule: Pick<MappingRule, "label" | "value">, labels: Readonly<Record<string, string>>): boolean {
  // Own labels only: a rule on "constructor" or "__proto__" must not read Object's own members.
  const actual = Object.hasOwn(labels, rule.label) ? labels[rule.label] : undefined;
  if (typeof actual !== "string") return false;
  return rule.value === "*" || actual.toLowerCase() === rule.value.toLowerCase();
}

/**
 * Component: the payload's own (generic `component`, by slug), else the first rule that
 * names one, else the default. Status: the payload's own (generic `severity`), else the
 * first rule that gives one, else what the source implies (Datadog's Warn), else the
 * default. Null when no component is found.
 */
export function mapAlert(alert: InboundAlertInput, config: MappingConfig, componentIdForSlug: (slug: string) => string | null): AlertTarget | null {
  const matching = config.rules.filter((r) => ruleMatches(r, alert.labels));
  const componentId =
    (alert.component ? componentIdForSlug(alert.component) : null) ?? matching.find((r) => r.componentId)?.componentId ?? config.defaultComponentId;
  if (!componentId) return null;
  const status = alert.severity ?? matching.find((r) => r.status)?.status ?? alert.impliedStatus ?? config.defaultStatus;
  return { componentId, status };
}

const STATUS_RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 1,
  partial_outage: 2,
  major_outage: 3,
};

/** The worse of two statuses (maintenance counts as fine: the window layer shows it anyway). */
export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return STATUS_RANK[b] > STATUS_RANK[a] ? b : a;
}

/**
 * What the component shows once an alert holds it: never better than now. `current` is the
 * status-by-hand layer if staff (or an incident) set one, else the probes', else Operational:
 * an alert may make it worse, never loosen an override or hide what probes see.
 */
export function statusUnderAlert(current: ComponentStatus, alert: AlertStatus): { status: ComponentStatus; worsens: boolean } {
  const status = worseStatus(current, alert);
  return { status, worsens: status !== current };
}

/** An incident's impact for the status its component shows. */
export function impactForStatus(status: ComponentStatus): Impact {
  if (status === "major_outage") return "major";
  if (status === "partial_outage" || status === "degraded_performance") return "minor";
  return "none";
}

const IMPACT_RANK: Record<Impact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

export const isHigherImpact = (next: Impact, than: Impact) => IMPACT_RANK[next] > IMPACT_RANK[than];
