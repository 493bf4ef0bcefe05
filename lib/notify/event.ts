import { z } from "zod";
import {
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  PAGE_INDICATORS,
  type AnyIncidentStatus,
  type IncidentKind,
} from "../status/schemas";
import { Locale } from "../i18n/locales";
import { isValidTimeZone } from "../time/zoned";

// What happened, as the outbox stores it (AlertEvent.payload) and every channel renders
// it. Plain JSON only: times are ISO strings, never Dates, so JSON.parse(JSON.stringify(e))
// parses back to the same value. A change that old rows cannot satisfy bumps `version`.

export const ALERT_EVENT_VERSION = 1;

/** ISO 8601 with an offset, as Statuspage writes times ("2026-11-27T10:00:00.000Z"). */
const Timestamp = z.iso.datetime({ offset: true });
const Id = z.string().min(1).max(200);
const HttpUrl = z.url({ protocol: /^https?$/ });

export const ALERT_EVENT_KINDS = [
  "incident.created",
  "incident.updated",
  "incident.resolved",
  /** Its postmortem was published with "notify subscribers": announces the latest update, shows the postmortem. */
  "incident.postmortem",
  "maintenance.scheduled",
  "maintenance.started",
  "maintenance.completed",
  /** Called off before it started: announces its last update, which completes it. */
  "maintenance.cancelled",
  /** Starts soon: announces the latest update again; no update of its own (AlertEvent.updateId is null). */
  "maintenance.reminder",
] as const;
export const AlertEventKind = z.enum(ALERT_EVENT_KINDS);
export type AlertEventKind = z.infer<typeof AlertEventKind>;

export const ANY_INCIDENT_STATUSES = [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES] as const;
const AnyStatus = z.enum(ANY_INCIDENT_STATUSES);

export const AlertPage = z.strictObject({
  /** The Statuspage-style page id (`statuspagePageId`), so webhooks match /api/v2. */
  id: Id,
  name: z.string().min(1).max(200),
  /** The public page, without a trailing slash. */
  url: HttpUrl,
  /** IANA zone in which emails show times. */
  timeZone: z.string().refine(isValidTimeZone, "not an IANA time zone"),
  /** The page's language, which emails are written in. Absent in older events: English, as they were. */
  locale: Locale.default("en-US"),
  /** The page banner after this event (`pageStatus()`). */
  statusIndicator: z.enum(PAGE_INDICATORS),
  statusDescription: z.string(),
  /** The uploaded PNG logo, absolute (emails show only PNG: SVG and WebP fail in many clients). Absent in older events. */
  logoUrl: HttpUrl.nullable().default(null),
  /** The brand colour's shade that passes AA on white (lib/settings/contrast.ts), for buttons and links. */
  accentColor: z
    .string()
    .regex(/^#[0-9a-f]{6}$/)
    .nullable()
    .default(null),
});
export type AlertPage = z.infer<typeof AlertPage>;

/** A component as Statuspage's webhooks describe it; position is 1-based within its parent. */
export const AlertComponent = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  status: z.enum(COMPONENT_STATUSES),
  description: z.string().nullable(),
  position: z.number().int().min(1),
  groupId: Id.nullable(),
  showcase: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AlertComponent = z.infer<typeof AlertComponent>;

/** One entry of an update's affected_components (Statuspage calls `id` "code"). */
export const AlertAffectedComponent = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  oldStatus: z.enum(COMPONENT_STATUSES),
  newStatus: z.enum(COMPONENT_STATUSES),
});
export type AlertAffectedComponent = z.infer<typeof AlertAffectedComponent>;

export const AlertUpdate = z.strictObject({
  id: Id,
  status: AnyStatus,
  /** Markdown source as staff wrote it. Channels render it; no pre-rendered HTML is stored. */
  body: z.string().max(20_000),
  displayAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  affectedComponents: z.array(AlertAffectedComponent).nullable(),
});
export type AlertUpdate = z.infer<typeof AlertUpdate>;

export const AlertIncident = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  status: AnyStatus,
  /** Maintenance is stored with impact "none"; webhooks report it as "maintenance". */
  impact: z.enum(IMPACTS),
  /** The incident's public page (Statuspage's shortlink). */
  url: HttpUrl,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  startedAt: Timestamp,
  monitoringAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  /** Maintenance window; null for incidents, required for maintenance. */
  scheduledFor: Timestamp.nullable(),
  scheduledUntil: Timestamp.nullable(),
  /** Components the incident affects, with their status after this event. */
  components: z.array(AlertComponent),
  /** Every published update, newest first; includes the event's `update`. */
  updates: z.array(AlertUpdate),
  /** The postmortem (Markdown) as published. Absent in older events. */
  postmortem: z.string().max(100_000).nullable().default(null),
});
export type AlertIncident = z.infer<typeof AlertIncident>;

/** The update status each kind announces, where the kind implies one. */
const KIND_STATUS: Partial<Record<AlertEventKind, AnyIncidentStatus>> = {
  "incident.resolved": "resolved",
  "maintenance.scheduled": "scheduled",
  "maintenance.started": "in_progress",
  "maintenance.completed": "completed",
  "maintenance.cancelled": "completed",
  "maintenance.reminder": "scheduled",
};

export function alertKindFamily(kind: AlertEventKind): IncidentKind {
  return kind.startsWith("maintenance.") ? "maintenance" : "incident";
}

const isMaintenanceStatus = (s: string) => (MAINTENANCE_STATUSES as readonly string[]).includes(s);

export const AlertEvent = z
  .strictObject({
    version: z.literal(ALERT_EVENT_VERSION),
    kind: AlertEventKind,
    /** When the announced update was saved. */
    occurredAt: Timestamp,
    page: AlertPage,
    incident: AlertIncident,
    /** The update this alert announces. */
    update: AlertUpdate,
  })
  .superRefine((e, ctx) => {
    // Renderers pick wording from the kind; a mismatch would put the wrong words on an email.
    const maintenance = alertKindFamily(e.kind) === "maintenance";
    for (const [path, status] of [
      [["incident", "status"], e.incident.status],
      [["update", "status"], e.update.status],
    ] as const) {
      if (isMaintenanceStatus(status) !== maintenance) {
        ctx.addIssue({ code: "custom", path: [...path], message: `status "${status}" does not belong to ${e.kind}` });
      }
    }
    const expected = KIND_STATUS[e.kind];
    if (expected && e.update.status !== expected) {
      ctx.addIssue({ code: "custom", path: ["update", "status"], message: `${e.kind} must announce an update with status "${expected}"` });
    }
    if (maintenance && (e.incident.scheduledFor === null || e.incident.scheduledUntil === null)) {
      ctx.addIssue({ code: "custom", path: ["incident", "scheduledFor"], message: "a maintenance event needs its window" });
    }
    if (e.kind === "incident.postmortem" && !e.incident.postmortem) {
      ctx.addIssue({ code: "custom", path: ["incident", "postmortem"], message: "incident.postmortem needs the postmortem" });
    }
    if (!e.incident.updates.some((u) => u.id === e.update.id)) {
      ctx.addIssue({ code: "custom", path: ["incident", "updates"], message: "must include the announced update" });
    }
  });
export type AlertEvent = z.infer<typeof AlertEvent>;

/** A component's status change, for webhooks only (email and chat are per incident). */
export const ComponentAlertEvent = z.strictObject({
  version: z.literal(ALERT_EVENT_VERSION),
  kind: z.literal("component.updated"),
  occurredAt: Timestamp,
  page: AlertPage,
  /** The component after the change. */
  component: AlertComponent,
  change: z.strictObject({
    /** The status change's own id (a history row id). */
    id: Id,
    createdAt: Timestamp,
    oldStatus: z.enum(COMPONENT_STATUSES),
    newStatus: z.enum(COMPONENT_STATUSES),
  }),
});
export type ComponentAlertEvent = z.infer<typeof ComponentAlertEvent>;

/** Whatever an outbox row may hold; `kind` tells them apart. */
export const AnyAlertEvent = z.union([AlertEvent, ComponentAlertEvent]);
export type AnyAlertEvent = z.infer<typeof AnyAlertEvent>;

/**
 * Which alert, if any, an update announces. `previousStatus` is the incident's status
 * before the update (null for its first). Maintenance notes that change nothing
 * (a second "in progress", "verifying") send no alert: there is no kind for them.
 */
export function alertKindForUpdate(input: {
  incidentKind: IncidentKind;
  previousStatus: AnyIncidentStatus | null;
  status: AnyIncidentStatus;
  /** The maintenance was called off (Incident.cancelledAt): its completion is a cancellation. */
  cancelled?: boolean;
}): AlertEventKind | null {
  const { previousStatus: before, status } = input;
  if (input.incidentKind === "incident") {
    if (before === null) return "incident.created";
    if (status === "resolved" && before !== "resolved") return "incident.resolved";
    return "incident.updated";
  }
  if (status === "in_progress" && before !== "in_progress") return "maintenance.started";
  if (status === "completed" && before !== "completed") return input.cancelled ? "maintenance.cancelled" : "maintenance.completed";
  if (status === "scheduled" && before === null) return "maintenance.scheduled";
  return null;
}
