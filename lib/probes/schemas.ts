import { z } from "zod";
import { CheckConfig, Schedule, Thresholds } from "./checks/config";

// What staff send to save a probe: the console form (via form.ts), the API route and
// the staff verbs share these. The check, schedule and thresholds are config.ts's
// schemas, whose messages name their field.

export const MAX_PROBES_PER_COMPONENT = 20;

const id = (what: string) => z.string({ error: `${what} is required` }).min(1, `${what} is required`);

export const ProbeFields = z.object({
  /** Empty: named after its target ("GET https://…"). */
  name: z
    .string({ error: "name must be text" })
    .trim()
    .max(100, "name must be at most 100 characters")
    .optional()
    .transform((v) => v || undefined),
  check: CheckConfig,
  schedule: Schedule,
  thresholds: Thresholds.prefault({}),
  enabled: z.boolean({ error: "enabled must be true or false" }).default(true),
});
export type ProbeFields = z.input<typeof ProbeFields>;

export const CreateProbeInput = ProbeFields.extend({ componentId: id("componentId") });
export type CreateProbeInput = z.input<typeof CreateProbeInput>;

export const UpdateProbeInput = ProbeFields.extend({ probeId: id("probeId") });
export type UpdateProbeInput = z.input<typeof UpdateProbeInput>;

export const SetProbeEnabledInput = z.object({ probeId: id("probeId"), enabled: z.boolean() });
export type SetProbeEnabledInput = z.input<typeof SetProbeEnabledInput>;

export const SetAutoIncidentInput = z.object({ componentId: id("componentId"), enabled: z.boolean() });
export type SetAutoIncidentInput = z.input<typeof SetAutoIncidentInput>;
