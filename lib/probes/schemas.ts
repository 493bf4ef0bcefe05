import { z } from "zod";
import { CheckConfig, probeRules, Schedule, Thresholds } from "./checks/config";

// What staff send to save a probe: the console form (via form.ts), the API route and
// the staff verbs share these. The check, schedule and thresholds are config.ts's
// schemas, whose messages name their field; probeRules adds the timeout that fits the
// schedule (filled in when left out, refused when not below the interval).

export const MAX_PROBES_PER_COMPONENT = 20;

const id = (what: string) => z.string({ error: `${what} is required` }).min(1, `${what} is required`);

const probeFields = {
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
};

// Each type is its object's input (what callers send): the preprocessing step's own input is `unknown`.
const ProbeFieldsObject = z.object(probeFields);
export const ProbeFields = probeRules(ProbeFieldsObject);
export type ProbeFields = z.input<typeof ProbeFieldsObject>;

const CreateProbeObject = z.object({ ...probeFields, componentId: id("componentId") });
export const CreateProbeInput = probeRules(CreateProbeObject);
export type CreateProbeInput = z.input<typeof CreateProbeObject>;

const UpdateProbeObject = z.object({ ...probeFields, probeId: id("probeId") });
export const UpdateProbeInput = probeRules(UpdateProbeObject);
export type UpdateProbeInput = z.input<typeof UpdateProbeObject>;

export const SetProbeEnabledInput = z.object({ probeId: id("probeId"), enabled: z.boolean() });
export type SetProbeEnabledInput = z.input<typeof SetProbeEnabledInput>;

export const SetAutoIncidentInput = z.object({ componentId: id("componentId"), enabled: z.boolean() });
export type SetAutoIncidentInput = z.input<typeof SetAutoIncidentInput>;
