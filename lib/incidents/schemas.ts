import { z } from "zod";
import { ComponentStatus, Impact, IncidentStatus, MaintenanceStatus } from "../status/schemas";

// What staff (forms, the management API) and internal callers send to the incident
// verbs. Each type is the schema's *input*, what callers send: the staff verb parses it
// once, and the functions below it take `z.output<typeof …>`, already parsed.

export const AffectedComponent = z.object({
  componentId: z.string().min(1, "choose a component"),
  status: ComponentStatus,
});
export type AffectedComponent = z.infer<typeof AffectedComponent>;

const TEN_YEARS_MS = 10 * 365.25 * 86_400_000;
/**
 * A time staff may give: 1970 to ten years ahead. Beyond that a date is a typo (or a probe
 * of the API), and a display time in year 9999 would keep any later update from being the
 * latest, so the incident could never be resolved.
 */
const boundedDate = (what: string) =>
  z.coerce
    .date({ error: `expected a date for ${what}` })
    .refine((d) => d.getTime() >= 0, { message: `${what} must be in 1970 or later` })
    .refine((d) => d.getTime() <= Date.now() + TEN_YEARS_MS, { message: `${what} must be within ten years from now` });

const body = z.string().trim().min(1, "write a message for this update").max(20_000);
const name = z.string().trim().min(3, "give the incident a name of at least 3 characters").max(200);

export const CreateIncidentInput = z.object({
  name,
  status: IncidentStatus,
  impact: Impact,
  body,
  /** Backdating: when the first update should show as posted (defaults to now). */
  displayAt: boundedDate("the posting time").optional(),
  components: z.array(AffectedComponent).default([]),
  backfilled: z.boolean().default(false),
  notifySubscribers: z.boolean().default(true),
  /** A one-time key from the form (or an API client): submitting it twice opens one incident. */
  creationKey: z.string().trim().min(8).max(100).optional(),
});
export type CreateIncidentInput = z.input<typeof CreateIncidentInput>;

/** What the form offers (minutes before the start); the API takes any whole number from 5 minutes to a week. */
export const REMINDER_CHOICES = [60, 1440, 4320] as const;
/** Minutes before the start to remind subscribers; null: no reminder. */
export const RemindBeforeMinutes = z
  .number({ error: "expected a number of minutes, or null for no reminder" })
  .int("expected whole minutes")
  .min(5, "remind at least 5 minutes before the start")
  .max(10_080, "remind at most a week (10080 minutes) before the start")
  .nullable();

export const CreateMaintenanceInput = z
  .object({
    name,
    body,
    scheduledFor: boundedDate("the start"),
    scheduledUntil: boundedDate("the end"),
    components: z.array(z.string().min(1)).default([]),
    displayAt: boundedDate("the posting time").optional(),
    remindBeforeMinutes: RemindBeforeMinutes.default(null),
  })
  .refine((m) => m.scheduledUntil > m.scheduledFor, {
    message: "the window must end after it starts",
    path: ["scheduledUntil"],
  });
export type CreateMaintenanceInput = z.input<typeof CreateMaintenanceInput>;

/** Rename, reschedule or change the components of a maintenance that has not completed. */
export const EditMaintenanceInput = z
  .object({
    incidentId: z.string().min(1),
    name,
    scheduledFor: boundedDate("the start"),
    scheduledUntil: boundedDate("the end"),
    components: z.array(z.string().min(1)).default([]),
    expectedVersion: z.coerce.number().int().min(0).optional(),
    /** Omitted: keep the reminder as it is. */
    remindBeforeMinutes: RemindBeforeMinutes.optional(),
  })
  .refine((m) => m.scheduledUntil > m.scheduledFor, { message: "the window must end after it starts", path: ["scheduledUntil"] });
export type EditMaintenanceInput = z.input<typeof EditMaintenanceInput>;

/** Call a maintenance off before it starts; subscribers are told unless staff say not to. */
export const CancelMaintenanceInput = z.object({
  incidentId: z.string().min(1),
  body: z.string().trim().min(1, "say why it was canceled (subscribers read this)").max(20_000),
  notifySubscribers: z.boolean().default(true),
  expectedVersion: z.coerce.number().int().min(0).optional(),
});
export type CancelMaintenanceInput = z.input<typeof CancelMaintenanceInput>;

export const AddIncidentUpdateInput = z.object({
  incidentId: z.string().min(1),
  status: z.union([IncidentStatus, MaintenanceStatus]),
  body,
  displayAt: boundedDate("the posting time").optional(),
  /** Component statuses to set with this update (omitted: leave them as they are). */
  components: z.array(AffectedComponent).optional(),
  /** The incident version the author saw; a newer one means someone else posted meanwhile. */
  expectedVersion: z.coerce.number().int().min(0).optional(),
  /** Set every component this incident affects back to Operational (usually with Resolved). */
  restoreComponents: z.boolean().default(false),
  notifySubscribers: z.boolean().default(true),
});
export type AddIncidentUpdateInput = z.input<typeof AddIncidentUpdateInput>;

export const EditUpdateInput = z.object({
  updateId: z.string().min(1),
  body,
});
export type EditUpdateInput = z.input<typeof EditUpdateInput>;

export const PostmortemInput = z.object({
  incidentId: z.string().min(1),
  postmortem: z
    .string()
    .trim()
    .max(50_000)
    .transform((v) => (v === "" ? null : v)),
  /** Send it to subscribers (in the incident's thread) as it is saved; only for a resolved incident with a postmortem. */
  notifySubscribers: z.boolean().default(false),
});
export type PostmortemInput = z.input<typeof PostmortemInput>;

export const EditIncidentInput = z.object({
  incidentId: z.string().min(1),
  name: name.optional(),
  impact: Impact.optional(),
  /** The version the author saw: a newer one means someone else changed it meanwhile. */
  expectedVersion: z.coerce.number().int().min(0).optional(),
});
export type EditIncidentInput = z.input<typeof EditIncidentInput>;

export const IncidentTemplateInput = z.object({
  name: z.string().trim().min(1, "name the template").max(100),
  /** The incident name the template fills in. */
  title: name,
  /** The step it is written for: an incident's status, or a maintenance's. */
  status: z.union([IncidentStatus, MaintenanceStatus]),
  body: z.string().trim().min(1, "write the message").max(20_000),
});
export type IncidentTemplateInput = z.input<typeof IncidentTemplateInput>;
