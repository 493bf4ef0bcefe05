import type { ComponentStatus, Impact } from "../../status/schemas";
import type { CreateIncidentBody, ListQuery, UpdateIncidentBody } from "./schemas";

// The v1 API's rules, pure: how Statuspage's request fields become Vigil's verb inputs.

type IncidentFields = CreateIncidentBody["incident"] | UpdateIncidentBody["incident"];

const IMPACT_OF: Record<ComponentStatus, Impact> = {
  operational: "none",
  under_maintenance: "none",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};
const IMPACT_RANK: Record<Impact, number> = { none: 0, minor: 1, major: 2, critical: 3 };

/** Statuspage's rule: `impact_override` if given, else the worst the components' statuses imply. */
export function impactFor(override: Impact | null | undefined, statuses: readonly ComponentStatus[]): Impact {
  if (override) return override;
  return statuses.map((s) => IMPACT_OF[s]).reduce<Impact>((worst, i) => (IMPACT_RANK[i] > IMPACT_RANK[worst] ? i : worst), "none");
}

/**
 * The components an incident request names, with their statuses: `components` gives each a
 * status; an id only in `component_ids` keeps the status it has now.
 */
export function namedComponents(
  incident: Pick<IncidentFields, "components" | "component_ids">,
  current: ReadonlyMap<string, ComponentStatus>,
): { componentId: string; status: ComponentStatus }[] {
  const out = new Map<string, ComponentStatus>();
  for (const [id, status] of Object.entries(incident.components ?? {})) out.set(id, status);
  for (const id of incident.component_ids ?? []) if (!out.has(id)) out.set(id, current.get(id) ?? "operational");
  return [...out].map(([componentId, status]) => ({ componentId, status }));
}

/** A created record is a scheduled maintenance when Statuspage would make one: status "scheduled", or a window with no status. */
export function isScheduledMaintenance(incident: Pick<IncidentFields, "status" | "scheduled_for">): boolean {
  return incident.status === "scheduled" || (incident.status === undefined && incident.scheduled_for !== undefined);
}

/** `page`/`per_page` (and Statuspage's older `limit`) as a skip and take. */
export function pageSlice(query: ListQuery): { skip: number; take: number } {
  const take = query.limit ?? query.per_page;
  return { skip: (query.page - 1) * take, take };
}

/** The error message for a refused field: Statuspage clients read one string, so it names the field in front. */
export function fieldMessage(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
}
