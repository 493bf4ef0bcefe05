import type { MaintenanceStatus } from "../../status/schemas";

export interface MaintenanceWindow {
  status: MaintenanceStatus;
  scheduledFor: Date;
  scheduledUntil: Date;
}

/**
 * The status a maintenance should move to on its own at `now`, or null to stay.
 * Staff may move it earlier by hand (e.g. Verifying, or Completed early); the clock
 * only moves it forward, never back.
 */
export function maintenanceTransition(m: MaintenanceWindow, now: Date): "in_progress" | "completed" | null {
  if (m.status === "completed") return null;
  if (now >= m.scheduledUntil) return "completed";
  if (m.status === "scheduled" && now >= m.scheduledFor) return "in_progress";
  return null;
}

export const AUTOMATIC_MESSAGES = {
  in_progress: "Scheduled maintenance is currently in progress. We will provide updates as necessary.",
  completed: "The scheduled maintenance has been completed.",
} as const;
