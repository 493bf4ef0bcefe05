import type { MaintenanceStatus } from "../../status/schemas";

// Whether a maintenance covers its components at `at`: in progress or being verified, or
// still "scheduled" while its window is open (the advance job moves it within 15 s; a
// probe confirms an outage in seconds). Automatic incidents are not opened, raised or
// announced then: failures are expected, and the checks are still recorded.

export interface MaintenanceCover {
  status: MaintenanceStatus;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
}

export function coversAt(m: MaintenanceCover, at: Date): boolean {
  if (m.status === "in_progress" || m.status === "verifying") return true;
  if (m.status !== "scheduled" || !m.scheduledFor || !m.scheduledUntil) return false;
  return m.scheduledFor.getTime() <= at.getTime() && at.getTime() < m.scheduledUntil.getTime();
}
