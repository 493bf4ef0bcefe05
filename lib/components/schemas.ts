import { z } from "zod";
import { ComponentStatus } from "../status/schemas";

// What staff send to change components and groups: the console's actions and the
// management API build these, and the staff verbs parse them, once.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);
const name = z.string().trim().min(1, "enter a name").max(100);
/** Empty: the top level. */
const groupId = z
  .string()
  .optional()
  .transform((v) => v || null);

export const SetStatusInput = z.object({ componentId: z.string().min(1), status: ComponentStatus });
export type SetStatusInput = z.input<typeof SetStatusInput>;

/** A component's key in URLs and in a status-as-code file: lowercase words joined by hyphens. */
export const ComponentSlug = z
  .string()
  .trim()
  .max(60, "a key is at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a key is lowercase letters and digits joined by hyphens, e.g. public-api");

export const CreateComponentInput = z.object({
  name,
  description: optionalText(500),
  groupId,
  /** Omitted: made from the name (with -2, -3… when taken). Given: refused when taken. */
  slug: ComponentSlug.optional(),
});
export type CreateComponentInput = z.input<typeof CreateComponentInput>;

/** An SLO's window: a rolling 30 or 90 days, or the calendar month so far (lib/uptime/slo.ts). */
export const SLO_WINDOWS = ["30d", "90d", "month"] as const;
export type SloWindow = (typeof SLO_WINDOWS)[number];

/** A form's "" is no target; omitted (undefined) leaves it as it is. */
const sloTarget = z.preprocess(
  (v) => (v === "" || v === null ? null : typeof v === "string" ? Number(v.trim().replace(",", ".")) : v),
  z
    .number({ error: "enter a percentage such as 99.9, or leave it empty" })
    .min(50, "a target is at least 50 %")
    .max(99.999, "a target is at most 99.999 %")
    .nullable()
    .optional(),
);

export const UpdateComponentInput = z.object({
  componentId: z.string().min(1),
  name,
  description: optionalText(500),
  groupId,
  showUptime: z.boolean(),
  sloTarget,
  sloWindow: z.enum(SLO_WINDOWS, { error: "choose 30 days, 90 days or the calendar month" }).optional(),
  sloPublic: z.boolean().optional(),
});
export type UpdateComponentInput = z.input<typeof UpdateComponentInput>;

export const GroupInput = z.object({
  name,
  description: optionalText(500),
});
export type GroupInput = z.input<typeof GroupInput>;

/** The whole page order: top-level items in order, each group with its components in order. */
export const PageOrderInput = z.object({
  items: z
    .array(
      z.discriminatedUnion("type", [
        z.object({ type: z.literal("component"), id: z.string().min(1).max(64) }),
        z.object({ type: z.literal("group"), id: z.string().min(1).max(64), components: z.array(z.string().min(1).max(64)).max(1000) }),
      ]),
    )
    .max(1000),
});
export type PageOrderInput = z.input<typeof PageOrderInput>;
