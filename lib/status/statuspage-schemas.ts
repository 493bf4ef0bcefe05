import { z } from "zod";
import { COMPONENT_STATUSES, IMPACTS, MAINTENANCE_STATUSES, PAGE_INDICATORS } from "./schemas";

// The Statuspage v2 public API (https://<page>/api/v2/*.json), shape for shape, so
// existing Statuspage widgets and clients read Vigil unchanged. Keys are declared in
// the order Statuspage writes them. Every response is parsed against these in tests,
// and the OpenAPI document is generated from them: change a shape here, not in map.ts.

/** ISO 8601 with an offset ("2026-11-27T10:00:00.000Z"), as Statuspage writes times. */
const Timestamp = z.iso.datetime({ offset: true });

export const STATUSPAGE_INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved", "postmortem"] as const;
export const StatuspageIncidentStatus = z.enum(STATUSPAGE_INCIDENT_STATUSES);
export type StatuspageIncidentStatus = z.infer<typeof StatuspageIncidentStatus>;

export const StatuspageMaintenanceStatus = z.enum(MAINTENANCE_STATUSES);
export type StatuspageMaintenanceStatus = z.infer<typeof StatuspageMaintenanceStatus>;

export const StatuspagePage = z.strictObject({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  time_zone: z.string(),
  updated_at: Timestamp,
});
export type StatuspagePage = z.infer<typeof StatuspagePage>;

export const StatuspageStatus = z.strictObject({
  indicator: z.enum(PAGE_INDICATORS),
  description: z.string(),
});
export type StatuspageStatus = z.infer<typeof StatuspageStatus>;

const componentFields = {
  id: z.string(),
  name: z.string(),
  status: z.enum(COMPONENT_STATUSES),
  created_at: Timestamp,
  updated_at: Timestamp,
  /** 1-based, within the component's parent (the page or its group). */
  position: z.number().int().min(1),
  description: z.string().nullable(),
  /** Statuspage's "show uptime bars" switch. */
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
};

export const StatuspageComponent = z.strictObject({
  ...componentFields,
  group: z.literal(false),
  only_show_if_degraded: z.boolean(),
});
export type StatuspageComponent = z.infer<typeof StatuspageComponent>;

/** A component group is listed as a component with `group: true` and its children's ids. */
export const StatuspageGroup = z.strictObject({
  ...componentFields,
  group: z.literal(true),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.string()),
});
export type StatuspageGroup = z.infer<typeof StatuspageGroup>;

export const StatuspageListedComponent = z.union([StatuspageComponent, StatuspageGroup]);
export type StatuspageListedComponent = z.infer<typeof StatuspageListedComponent>;

export const StatuspageAffectedComponent = z.strictObject({
  code: z.string(),
  name: z.string(),
  old_status: z.enum(COMPONENT_STATUSES),
  new_status: z.enum(COMPONENT_STATUSES),
});
export type StatuspageAffectedComponent = z.infer<typeof StatuspageAffectedComponent>;

function updateSchema<S extends z.ZodType>(status: S) {
  return z.strictObject({
    id: z.string(),
    status,
    body: z.string(),
    incident_id: z.string(),
    created_at: Timestamp,
    updated_at: Timestamp,
    display_at: Timestamp,
    affected_components: z.array(StatuspageAffectedComponent).nullable(),
  });
}

export const StatuspageIncidentUpdate = updateSchema(StatuspageIncidentStatus);
export type StatuspageIncidentUpdate = z.infer<typeof StatuspageIncidentUpdate>;

export const StatuspageMaintenanceUpdate = updateSchema(StatuspageMaintenanceStatus);
export type StatuspageMaintenanceUpdate = z.infer<typeof StatuspageMaintenanceUpdate>;

// Incidents and scheduled maintenances share Statuspage's incident shape; a maintenance
// adds its window at the end.
function incidentSchema<S extends z.ZodType, U extends z.ZodType, I extends z.ZodType>(status: S, update: U, impact: I) {
  return z.strictObject({
    id: z.string(),
    name: z.string(),
    status,
    created_at: Timestamp,
    updated_at: Timestamp,
    monitoring_at: Timestamp.nullable(),
    resolved_at: Timestamp.nullable(),
    impact,
    /** The incident's public page. */
    shortlink: z.string(),
    started_at: Timestamp,
    page_id: z.string(),
    /** Newest first. */
    incident_updates: z.array(update),
    /** The affected components, with their current status. */
    components: z.array(StatuspageComponent),
  });
}

export const StatuspageIncident = incidentSchema(StatuspageIncidentStatus, StatuspageIncidentUpdate, z.enum(IMPACTS));
export type StatuspageIncident = z.infer<typeof StatuspageIncident>;

export const StatuspageScheduledMaintenance = incidentSchema(
  StatuspageMaintenanceStatus,
  StatuspageMaintenanceUpdate,
  // Statuspage reports every scheduled maintenance with impact "maintenance".
  z.literal("maintenance"),
).extend({
  scheduled_for: Timestamp,
  scheduled_until: Timestamp,
});
export type StatuspageScheduledMaintenance = z.infer<typeof StatuspageScheduledMaintenance>;

// ── Responses ──────────────────────────────────────────────────────────────

export const SummaryResponse = z.strictObject({
  page: StatuspagePage,
  components: z.array(StatuspageListedComponent),
  /** Unresolved only. */
  incidents: z.array(StatuspageIncident),
  /** Upcoming and in progress. */
  scheduled_maintenances: z.array(StatuspageScheduledMaintenance),
  status: StatuspageStatus,
});
export type SummaryResponse = z.infer<typeof SummaryResponse>;

export const StatusResponse = z.strictObject({ page: StatuspagePage, status: StatuspageStatus });
export type StatusResponse = z.infer<typeof StatusResponse>;

export const ComponentsResponse = z.strictObject({ page: StatuspagePage, components: z.array(StatuspageListedComponent) });
export type ComponentsResponse = z.infer<typeof ComponentsResponse>;

export const IncidentsResponse = z.strictObject({ page: StatuspagePage, incidents: z.array(StatuspageIncident) });
export type IncidentsResponse = z.infer<typeof IncidentsResponse>;

export const ScheduledMaintenancesResponse = z.strictObject({
  page: StatuspagePage,
  scheduled_maintenances: z.array(StatuspageScheduledMaintenance),
});
export type ScheduledMaintenancesResponse = z.infer<typeof ScheduledMaintenancesResponse>;

export const StatuspageErrorResponse = z.strictObject({
  error: z.strictObject({ code: z.enum(["not_found", "method_not_allowed", "unavailable"]), message: z.string() }),
});
export type StatuspageErrorResponse = z.infer<typeof StatuspageErrorResponse>;

/** Every endpoint, by path, with the schema of its body. */
export const STATUSPAGE_ENDPOINTS = {
  "/api/v2/summary.json": SummaryResponse,
  "/api/v2/status.json": StatusResponse,
  "/api/v2/components.json": ComponentsResponse,
  "/api/v2/incidents.json": IncidentsResponse,
  "/api/v2/incidents/unresolved.json": IncidentsResponse,
  "/api/v2/scheduled-maintenances.json": ScheduledMaintenancesResponse,
  "/api/v2/scheduled-maintenances/upcoming.json": ScheduledMaintenancesResponse,
  "/api/v2/scheduled-maintenances/active.json": ScheduledMaintenancesResponse,
} as const;
export type StatuspagePath = keyof typeof STATUSPAGE_ENDPOINTS;
export const STATUSPAGE_PATHS = Object.keys(STATUSPAGE_ENDPOINTS) as StatuspagePath[];
/** Every response body, by path. */
export type StatuspageDocuments = { [P in StatuspagePath]: z.infer<(typeof STATUSPAGE_ENDPOINTS)[P]> };
