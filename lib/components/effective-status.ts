import type { ComponentStatus } from "../status/schemas";

// A component's status is layered, as staff expect it: a maintenance window in
// progress shows Under Maintenance; otherwise a status set by hand (on the
// components page, or by an open incident) wins until it is cleared; otherwise the
// probes decide; with none of these the component is Operational.

export interface StatusLayers {
  inMaintenance: boolean;
  manual: ComponentStatus | null;
  observed: ComponentStatus | null;
}

export function effectiveStatus({ inMaintenance, manual, observed }: StatusLayers): ComponentStatus {
  if (inMaintenance) return "under_maintenance";
  return manual ?? observed ?? "operational";
}
