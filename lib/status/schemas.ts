import { z } from "zod";

export const COMPONENT_STATUSES = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"] as const;
export const ComponentStatus = z.enum(COMPONENT_STATUSES);
export type ComponentStatus = z.infer<typeof ComponentStatus>;

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded Performance",
  partial_outage: "Partial Outage",
  major_outage: "Major Outage",
  under_maintenance: "Under Maintenance",
};

export const STATUS_CHANGE_SOURCES = ["staff", "probe", "incident", "maintenance", "seed", "vendor", "import"] as const;
export const StatusChangeSource = z.enum(STATUS_CHANGE_SOURCES);
export type StatusChangeSource = z.infer<typeof StatusChangeSource>;

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying", "completed"] as const;
export const MaintenanceStatus = z.enum(MAINTENANCE_STATUSES);
export type MaintenanceStatus = z.infer<typeof MaintenanceStatus>;

export type AnyIncidentStatus = IncidentStatus | MaintenanceStatus;

export const INCIDENT_STATUS_LABELS: Record<AnyIncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

export const IMPACTS = ["none", "minor", "major", "critical"] as const;
export const Impact = z.enum(IMPACTS);
export type Impact = z.infer<typeof Impact>;

export const INCIDENT_KINDS = ["incident", "maintenance"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Statuses after which an incident or maintenance is over. */
export function isClosedStatus(status: AnyIncidentStatus): boolean {
  return status === "resolved" || status === "completed";
}

export const PAGE_INDICATORS = ["none", "minor", "major", "critical", "maintenance"] as const;
export type PageIndicator = (typeof PAGE_INDICATORS)[number];

/**
 * Parses a status-like column read from the database. A value Vigil never writes is a
 * server fault, so this throws a plain Error naming the column (a 500 with the cause in
 * the log), never a ZodError, which the HTTP and form adapters would blame on the client.
 */
export function parseStored<T>(schema: z.ZodType<T>, value: string, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${where}: stored value ${JSON.stringify(value)} is not valid (${z.prettifyError(parsed.error)})`);
  return parsed.data;
}
