import { z } from "zod";
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../status/schemas";

// What the importer accepts from a Statuspage-compatible source: the public v2 API
// (summary.json, components.json, incidents.json, scheduled-maintenances.json) and the v1
// Manage API (incidents, subscribers). Looser than Vigil's own v2 shapes
// (lib/status/statuspage-schemas.ts): unknown keys are ignored and optional fields may be
// missing, since real pages differ. Each record is parsed on its own, so one bad record is
// skipped with its id and field named while the others import.

const Timestamp = z.iso.datetime({ offset: true });
const OptionalTimestamp = Timestamp.nullable().optional();

export const SourcePage = z.object({
  id: z.string().min(1),
  name: z.string(),
  url: z.string(),
  time_zone: z.string().optional(),
});
export type SourcePage = z.infer<typeof SourcePage>;

export const SourceComponent = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  status: z.enum(COMPONENT_STATUSES),
  description: z.string().max(2000).nullable().optional(),
  position: z.number().int().optional(),
  group_id: z.string().nullable().optional(),
  group: z.boolean().optional(),
  showcase: z.boolean().optional(),
  start_date: z.iso.date().nullable().optional(),
  created_at: OptionalTimestamp,
  /** A group's children, by id (v2 only). */
  components: z.array(z.string()).optional(),
});
export type SourceComponent = z.infer<typeof SourceComponent>;

export const SOURCE_UPDATE_STATUSES = [...INCIDENT_STATUSES, "postmortem", ...MAINTENANCE_STATUSES] as const;

export const SourceAffectedComponent = z.object({
  code: z.string(),
  name: z.string(),
  old_status: z.enum(COMPONENT_STATUSES),
  new_status: z.enum(COMPONENT_STATUSES),
});

export const SourceIncidentUpdate = z.object({
  id: z.string().min(1),
  status: z.enum(SOURCE_UPDATE_STATUSES),
  // Statuspage allows an empty body; Vigil writes the status in its place (map.ts).
  body: z.string().max(20_000).nullable().optional(),
  created_at: Timestamp,
  display_at: OptionalTimestamp,
  affected_components: z.array(SourceAffectedComponent).nullable().optional(),
});
export type SourceIncidentUpdate = z.infer<typeof SourceIncidentUpdate>;

/** An incident or a scheduled maintenance (Statuspage gives both one shape). */
export const SourceIncident = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  status: z.enum(SOURCE_UPDATE_STATUSES),
  impact: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  created_at: Timestamp,
  started_at: OptionalTimestamp,
  resolved_at: OptionalTimestamp,
  scheduled_for: OptionalTimestamp,
  scheduled_until: OptionalTimestamp,
  incident_updates: z.array(z.unknown()),
  components: z.array(z.object({ id: z.string(), status: z.enum(COMPONENT_STATUSES).optional() })).default([]),
  /** v1 only. */
  postmortem_body: z.string().max(50_000).nullable().optional(),
  postmortem_published_at: OptionalTimestamp,
  backfilled: z.boolean().optional(),
});
export type SourceIncident = z.infer<typeof SourceIncident>;

/** A v1 subscriber. Only email subscribers are imported (map.ts says why the others are not). */
export const SourceSubscriber = z.object({
  id: z.string().min(1),
  mode: z.string(),
  email: z.string().nullable().optional(),
  quarantined_at: OptionalTimestamp,
  created_at: OptionalTimestamp,
  // Statuspage lists component ids; some clients send the components themselves.
  components: z
    .array(z.union([z.string(), z.object({ id: z.string() })]))
    .nullable()
    .optional(),
});
export type SourceSubscriber = z.infer<typeof SourceSubscriber>;

export const EmailAddress = z.email().max(254);
