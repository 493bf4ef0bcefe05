import { z } from "zod";
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../../status/schemas";

// Statuspage's v1 Manage API request shapes (https://developer.statuspage.io), as its
// clients send them: one object wrapped in its kind's name. Only the fields docs/api.md
// lists are honoured; other keys Statuspage knows (twitter, reminders, metadata…) are
// accepted and ignored, so a client written for Statuspage needs no change.

const Timestamp = z.iso.datetime({ offset: true, error: "expected an ISO 8601 time, e.g. 2026-12-01T10:00:00Z" });
const ComponentStatus = z.enum(COMPONENT_STATUSES);
const Id = z.string().min(1).max(64);

export const V1_INCIDENT_STATUSES = [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES] as const;

const incidentFields = {
  name: z.string().trim().min(1).max(200),
  status: z.enum(V1_INCIDENT_STATUSES),
  body: z.string().max(20_000),
  impact_override: z.enum(IMPACTS).nullable(),
  component_ids: z.array(Id).max(500),
  /** component id → the status this incident gives it. */
  components: z.record(Id, ComponentStatus),
  deliver_notifications: z.boolean(),
  scheduled_for: Timestamp,
  scheduled_until: Timestamp,
  /** An incident entered after the fact: nobody is notified; `backfill_date` is when it happened. */
  backfilled: z.boolean(),
  backfill_date: Timestamp,
};

export const CreateIncidentBody = z.object({ incident: z.object(incidentFields).partial().required({ name: true }) });
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

export const UpdateIncidentBody = z.object({ incident: z.object(incidentFields).partial() });
export type UpdateIncidentBody = z.infer<typeof UpdateIncidentBody>;

/** Statuspage's edit of one posted update: its text (the time and status stay as posted). */
export const UpdateIncidentUpdateBody = z.object({ incident_update: z.object({ body: z.string().max(20_000) }) });
export type UpdateIncidentUpdateBody = z.infer<typeof UpdateIncidentUpdateBody>;

export const UpdateComponentBody = z.object({
  component: z
    .object({
      status: ComponentStatus,
      name: z.string().trim().min(1).max(100),
      description: z.string().max(500).nullable(),
      showcase: z.boolean(),
    })
    .partial(),
});
export type UpdateComponentBody = z.infer<typeof UpdateComponentBody>;

export const CreateSubscriberBody = z.object({
  subscriber: z
    .object({
      email: z.email().max(254).toLowerCase(),
      /** A webhook subscriber's URL (Statuspage's "endpoint"). */
      endpoint: z.url({ protocol: /^https?$/ }).max(2000),
      component_ids: z.array(Id).max(500).default([]),
      skip_confirmation_notification: z.boolean().default(false),
    })
    .partial({ email: true, endpoint: true })
    .refine((s) => Boolean(s.email) !== Boolean(s.endpoint), { message: "give either an email or an endpoint", path: ["email"] }),
});
export type CreateSubscriberBody = z.infer<typeof CreateSubscriberBody>;

/** Statuspage's list paging: `page` from 1, `per_page` up to 100. */
export const ListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(100),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const SubscriberListQuery = ListQuery.extend({
  state: z.enum(["active", "unconfirmed", "all"]).default("active"),
  type: z.enum(["email", "webhook", "slack", "discord"]).optional(),
});
export type SubscriberListQuery = z.infer<typeof SubscriberListQuery>;
