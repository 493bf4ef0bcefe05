import type { AnyIncidentStatus } from "../status/schemas";
import type { AffectedComponent } from "./schemas";

// What an update does to its components when it says nothing about some of them. Resolving
// an incident returns every affected component it does not name to Operational, which clears
// the incident's hold on it (the probes decide again); one it names keeps that status, as an
// override with the incident as its reason. Any other update changes only what it names.

export function componentsForUpdate(
  kind: "incident" | "maintenance",
  status: AnyIncidentStatus,
  affected: readonly string[],
  named: readonly AffectedComponent[],
): AffectedComponent[] {
  if (kind !== "incident" || status !== "resolved") return [...named];
  const given = new Set(named.map((c) => c.componentId));
  return [...named, ...affected.filter((id) => !given.has(id)).map((componentId) => ({ componentId, status: "operational" as const }))];
}
