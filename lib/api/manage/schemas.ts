import { z } from "zod";
import { CreateIncidentInput, RemindBeforeMinutes } from "../../incidents/schemas";
import { PageSettingsInput } from "../../settings/schemas";
import { COMPONENT_STATUSES, ComponentStatus, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../../status/schemas";

// The management API's request and response shapes. Requests are strict (an unknown
// field is an error, not silently dropped); the OpenAPI document is generated from
// these same schemas (lib/api/openapi.ts).

const timestamp = z.iso.datetime({ offset: true, error: "expected an ISO 8601 timestamp, e.g. 2026-11-28T09:30:00Z" });
const id = z.string().min(1).max(64);

const ComponentChange = z.strictObject({ id, status: ComponentStatus });

export const CreateIncidentRequest = z
  .strictObject({
    name: CreateIncidentInput.shape.name,
    status: z.enum(INCIDENT_STATUSES).default("investigating"),
    impact: z.enum(IMPACTS).default("minor"),
    body: z.string().trim().min(1, "write the first update").max(20_000),
    display_at: timestamp.optional().describe("Backdate the first update (for incidents entered after the fact)."),
    components: z.array(ComponentChange).max(200).default([]).describe("Affected components and the status to set each to."),
    notify_subscribers: z.boolean().optional().describe("Default: true, or false when display_at backdates the incident."),
  })
  .meta({ id: "CreateIncidentRequest" });

export const EditIncidentRequest = z
  .strictObject({
    name: CreateIncidentInput.shape.name.optional(),
    impact: z.enum(IMPACTS).optional(),
    expected_version: z.number().int().min(0).optional().describe("The incident version you last read; 409 if it changed since."),
  })
  .refine((r) => r.name !== undefined || r.impact !== undefined, { message: "send name or impact", path: ["name"] })
  .meta({ id: "EditIncidentRequest" });

export const PostUpdateRequest = z
  .strictObject({
    status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]),
    body: z.string().trim().min(1, "write a message for this update").max(20_000),
    display_at: timestamp.optional(),
    components: z.array(ComponentChange).max(200).optional(),
    restore_components: z.boolean().default(false).describe("Set every affected component back to Operational (clears their override)."),
    notify_subscribers: z.boolean().default(true),
    expected_version: z.number().int().min(0).optional(),
  })
  .meta({ id: "PostUpdateRequest" });

export const SetComponentStatusRequest = z.strictObject({ status: ComponentStatus }).meta({ id: "SetComponentStatusRequest" });

export const CreateMaintenanceRequest = z
  .strictObject({
    name: CreateIncidentInput.shape.name,
    body: z.string().trim().min(1, "describe the maintenance").max(20_000),
    scheduled_for: timestamp,
    scheduled_until: timestamp,
    components: z.array(id).max(200).default([]),
    remind_before_minutes: RemindBeforeMinutes.default(null).describe("Remind subscribers this many minutes before the start (null: no reminder)."),
  })
  .meta({ id: "CreateMaintenanceRequest" });

export const CancelMaintenanceRequest = z
  .strictObject({
    body: z.string().trim().min(1, "say why it was canceled (subscribers read this)").max(20_000),
    notify_subscribers: z.boolean().default(true),
    expected_version: z.number().int().min(0).optional(),
  })
  .meta({ id: "CancelMaintenanceRequest" });

export const ListIncidentsQuery = z.strictObject({
  state: z.enum(["all", "unresolved"]).default("all"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ComponentResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    description: z.string().nullable(),
    group_id: z.string().nullable(),
    group_name: z.string().nullable(),
    position: z.number().int(),
    status: z.enum(COMPONENT_STATUSES),
    manual_status: z.enum(COMPONENT_STATUSES).nullable().describe("The status set by hand (wins over probes until cleared)."),
    show_uptime: z.boolean(),
    updated_at: z.string(),
  })
  .meta({ id: "Component" });

const AffectedComponentResponse = z.object({ code: z.string(), name: z.string(), old_status: z.string(), new_status: z.string() });

export const UpdateResponse = z
  .object({
    id: z.string(),
    status: z.string(),
    body: z.string(),
    display_at: z.string(),
    created_at: z.string(),
    notify_subscribers: z.boolean(),
    affected_components: z.array(AffectedComponentResponse).nullable(),
  })
  .meta({ id: "IncidentUpdate" });

export const IncidentResponse = z
  .object({
    id: z.string(),
    kind: z.enum(["incident", "maintenance"]),
    name: z.string(),
    status: z.string(),
    impact: z.string(),
    started_at: z.string(),
    monitoring_at: z.string().nullable(),
    resolved_at: z.string().nullable(),
    scheduled_for: z.string().nullable(),
    scheduled_until: z.string().nullable(),
    cancelled_at: z.string().nullable().describe("A maintenance called off before it started (its status is completed)."),
    remind_before_minutes: z.number().int().nullable(),
    version: z.number().int(),
    url: z.string(),
    components: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
    updates: z.array(UpdateResponse).describe("Newest first."),
  })
  .meta({ id: "Incident" });

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(["invalid", "unauthorized", "forbidden", "not_found", "conflict", "rate_limited", "internal"]),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().describe("Field name → what is wrong with it."),
    }),
  })
  .meta({ id: "Error" });

// ── Settings ───────────────────────────────────────────────────────────────
const settings = PageSettingsInput.shape;

export const UpdateSettingsRequest = z
  .strictObject({
    name: settings.name,
    url: settings.url.describe("The page's public URL (https). PUBLIC_URL in the server's environment, when set, wins over it."),
    time_zone: settings.timeZone.describe("IANA time zone, e.g. Europe/London."),
    locale: settings.locale,
    brand_color: settings.brandColor.describe("#rrggbb, or null for the default."),
    support_url: settings.supportUrl.describe("An https URL or an email address; null to remove."),
    footer_links: settings.footerLinks,
    about_markdown: settings.aboutMarkdown,
    meta_description: settings.metaDescription,
  })
  .meta({ id: "UpdateSettingsRequest" });

export const SettingsResponse = z
  .object({
    name: z.string(),
    url: z.string().describe("The URL in effect (PUBLIC_URL when set)."),
    stored_url: z.string(),
    url_from_environment: z.boolean(),
    time_zone: z.string(),
    locale: z.string(),
    brand_color: z.string().nullable(),
    support_url: z.string().nullable(),
    footer_links: z.array(z.object({ label: z.string(), url: z.string() })),
    about_markdown: z.string().nullable(),
    meta_description: z.string().nullable(),
    logo_url: z.string().nullable(),
    favicon_url: z.string().nullable(),
    updated_at: z.string(),
  })
  .meta({ id: "Settings" });

export const UploadAssetRequest = z
  .strictObject({ data: z.base64({ error: "expected the file's bytes as base64" }).describe("The file, base64-encoded (PNG, SVG, WebP; ICO for a favicon).") })
  .meta({ id: "UploadAssetRequest" });
