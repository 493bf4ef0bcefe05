import { z } from "zod";
import { ProbeOutcome } from "../result";

// ComponentStatusChange.evidence for probe-driven changes: the checks that confirmed
// the change (newest first) and what every probe of the component said at that
// moment, so staff can see why a component changed without the raw results, which
// are pruned after PROBE_RAW_RETENTION_DAYS.

export const EvidenceCheck = z.object({
  probe: z.string(),
  region: z.string(),
  startedAt: z.string(),
  outcome: ProbeOutcome,
  errorClass: z.string().nullable(),
  message: z.string(),
  latencyMs: z.number(),
  statusCode: z.number().nullable(),
});
export type EvidenceCheck = z.infer<typeof EvidenceCheck>;

export const EvidenceProbe = z.object({
  name: z.string(),
  /** The probe's status across regions: up | degraded | partial | down, null without data. */
  status: z.string().nullable(),
  /** Each region's confirmed health; regions that stopped reporting are listed in `stale`. */
  regions: z.record(z.string(), z.string().nullable()),
  stale: z.array(z.string()).default([]),
});
export type EvidenceProbe = z.infer<typeof EvidenceProbe>;

export const Evidence = z.object({
  /** Why the status was recomputed, in a few words (e.g. "probe disabled by …"). */
  reason: z.string().optional(),
  checks: z.array(EvidenceCheck).default([]),
  probes: z.array(EvidenceProbe).default([]),
});
export type Evidence = z.infer<typeof Evidence>;

/** The stored evidence, or null when there is none or it cannot be read. */
export function parseEvidence(text: string | null): Evidence | null {
  if (!text) return null;
  try {
    const parsed = Evidence.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function toEvidenceCheck(
  probeName: string,
  r: {
    region: string;
    startedAt: Date;
    outcome: string;
    errorClass: string | null;
    message: string;
    latencyMs: number;
    statusCode: number | null;
  },
): EvidenceCheck {
  return {
    probe: probeName,
    region: r.region,
    startedAt: r.startedAt.toISOString(),
    outcome: ProbeOutcome.parse(r.outcome),
    errorClass: r.errorClass,
    message: r.message,
    latencyMs: r.latencyMs,
    statusCode: r.statusCode,
  };
}
