import { z } from "zod";
import { PageQuery } from "./cursor";
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
  state: z.enum(["all", "open", "resolved", "unresolved"]).default("all").describe("open (unresolved is the same) or resolved; default all."),
  since: timestamp.optional().describe("Started (a maintenance: scheduled to start) at or after this time."),
  until: timestamp.optional().describe("Started (a maintenance: scheduled to start) before this time."),
  component: id.optional().describe("Only those affecting this component id."),
  ...PageQuery,
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
      code: z.enum(["invalid", "unauthorized", "forbidden", "not_found", "conflict", "precondition_failed", "rate_limited", "internal"]),
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

// ── Pagination ─────────────────────────────────────────────────────────────
export const NextCursor = z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last page.");
export const ListQuery = z.strictObject({ ...PageQuery });

// ── Components and groups ──────────────────────────────────────────────────
const componentName = z.string().trim().min(1, "enter a name").max(100);
const description = z.string().trim().max(500).nullable();

export const CreateComponentRequest = z
  .strictObject({
    name: componentName,
    description: description.optional(),
    group_id: id.nullable().optional().describe("The group to put it in (at its end); null or absent: the top level."),
  })
  .meta({ id: "CreateComponentRequest" });

export const UpdateComponentRequest = z
  .strictObject({
    name: componentName.optional(),
    description: description.optional(),
    group_id: id.nullable().optional().describe("Moving to another group puts it at that group's end."),
    show_uptime: z.boolean().optional(),
  })
  .meta({ id: "UpdateComponentRequest" });

export const ReorderRequest = z
  .strictObject({
    items: z
      .array(
        z.discriminatedUnion("type", [
          z.strictObject({ type: z.literal("component"), id }),
          z.strictObject({ type: z.literal("group"), id, components: z.array(id).max(1000).describe("The group's components, in order.") }),
        ]),
      )
      .max(1000)
      .describe("The whole page, top to bottom: every component and group exactly once."),
  })
  .meta({ id: "ReorderRequest" });

export const GroupRequest = z.strictObject({ name: componentName, description: description.optional() }).meta({ id: "GroupRequest" });
export const UpdateGroupRequest = z.strictObject({ name: componentName.optional(), description: description.optional() }).meta({ id: "UpdateGroupRequest" });

export const GroupResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    position: z.number().int(),
    component_ids: z.array(z.string()).describe("In page order."),
    updated_at: z.string(),
  })
  .meta({ id: "Group" });

// ── Probes ─────────────────────────────────────────────────────────────────
// A check, schedule and thresholds are the probe config's own shapes (camelCase, the
// same as the console's test endpoint and `vigil export`); the probe verbs validate
// them and name the field (e.g. check.url).
const checkConfig = z.record(z.string(), z.unknown()).describe("A check: { kind: http|tcp|dns|tls, … } as in docs/probes.md.");
const schedule = z.record(z.string(), z.unknown()).describe("{ intervalSeconds } or { cron }, with optional jitterSeconds.");
const thresholds = z.record(z.string(), z.unknown()).describe("{ failuresToDown, successesToUp, slowToDegraded, recheckSeconds }; defaults when absent.");

export const CreateProbeRequest = z
  .strictObject({
    name: z.string().max(100).optional().describe("Default: named after its target."),
    check: checkConfig,
    schedule,
    thresholds: thresholds.optional(),
    enabled: z.boolean().default(true),
  })
  .meta({ id: "CreateProbeRequest" });

export const UpdateProbeRequest = z
  .strictObject({
    name: z.string().max(100).optional(),
    check: checkConfig.optional().describe("The whole check (header values and body included: hidden ones are not sent back, so resend them)."),
    schedule: schedule.optional(),
    thresholds: thresholds.optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: "UpdateProbeRequest" });

export const ProbeResponse = z
  .object({
    id: z.string(),
    component_id: z.string(),
    name: z.string(),
    kind: z.string(),
    enabled: z.boolean(),
    check: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("Header values and a request body show as (hidden); the URL's credentials are removed. null when unreadable."),
    schedule: z.unknown(),
    thresholds: z.unknown(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Probe" });

export const ProbeTestResponse = z
  .object({
    outcome: z.string(),
    error_class: z.string().nullable(),
    message: z.string().nullable(),
    latency_ms: z.number().nullable(),
    status_code: z.number().int().nullable(),
    started_at: z.string(),
    region: z.string(),
  })
  .meta({ id: "ProbeTestResult" });

// ── Subscribers ────────────────────────────────────────────────────────────
export const ListSubscribersQuery = z.strictObject({
  channel: z.enum(["email", "webhook", "slack", "discord"]).optional(),
  component: id.optional().describe("A component id, or `page` for whole-page subscribers."),
  confirmed: z.enum(["true", "false"]).optional(),
  q: z.string().trim().max(200).optional().describe("Part of the address (URLs too, with settings:write)."),
  ...PageQuery,
});

export const CreateSubscriberRequest = z
  .strictObject({
    channel: z.enum(["email", "webhook", "slack", "discord"]),
    target: z.string().max(2000).describe("An email address, or the webhook / Slack / Discord URL."),
    components: z.array(id).max(500).default([]).describe("Component ids; none: the whole page."),
  })
  .meta({ id: "CreateSubscriberRequest" });

export const ImportSubscribersRequest = z
  .strictObject({
    csv: z.string().min(1, "send the CSV text").describe("CSV with the header channel,target,components,confirmed (the console's import format)."),
  })
  .meta({ id: "ImportSubscribersRequest" });

export const SubscriberResponse = z
  .object({
    id: z.string(),
    channel: z.string(),
    target: z.string().describe("An email address; for a URL, only its host."),
    confirmed_at: z.string().nullable(),
    source: z.string(),
    created_at: z.string(),
    components: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: "Subscriber" });

// ── Templates ──────────────────────────────────────────────────────────────
const templateFields = {
  name: z.string().trim().min(1, "name the template").max(100),
  title: CreateIncidentInput.shape.name.describe("The incident name it fills in."),
  status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]),
  body: z.string().trim().min(1, "write the message").max(20_000),
};
export const TemplateRequest = z.strictObject(templateFields).meta({ id: "TemplateRequest" });
export const UpdateTemplateRequest = z.strictObject(templateFields).partial().meta({ id: "UpdateTemplateRequest" });

export const TemplateResponse = z
  .object({ id: z.string(), name: z.string(), title: z.string(), status: z.string(), body: z.string(), created_at: z.string(), updated_at: z.string() })
  .meta({ id: "Template" });
