import { worstStatus } from "../status/rules";
import type { ComponentStatus } from "../status/schemas";

// A component's status is layered, as staff expect it: a maintenance window in
// progress shows Under Maintenance; otherwise a status set by hand (on the
// components page, or by an open incident) wins until it is cleared; otherwise the
// probes decide, and for a component that mirrors a vendor's page (lib/vendors/), the
// vendor's status (the worse of the two when it has both); with none of these the
// component is Operational.

export interface StatusLayers {
  inMaintenance: boolean;
  manual: ComponentStatus | null;
  observed: ComponentStatus | null;
  /** What a mirrored vendor's page says (VendorMirror); absent or null: not mirrored. */
  vendor?: ComponentStatus | null;
}

export function effectiveStatus({ inMaintenance, manual, observed, vendor = null }: StatusLayers): ComponentStatus {
  if (inMaintenance) return "under_maintenance";
  const measured = observed !== null && vendor !== null ? worstStatus([observed, vendor]) : (observed ?? vendor);
  return manual ?? measured ?? "operational";
}
