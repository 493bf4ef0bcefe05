// universal: imported by the console's client forms; no node: imports.
import { z } from "zod";
import { withoutNul } from "../text/nul";

// Inbound alert integrations: what staff configure (the console form and the verbs share
// these) and the statuses an alert may give a component. Universal: no node: imports, so
// the console's client forms read the same lists.

export const INTEGRATION_SOURCES = ["alertmanager", "grafana", "datadog", "generic"] as const;
export const IntegrationSource = z.enum(INTEGRATION_SOURCES, { error: "choose alertmanager, grafana, datadog or generic" });
export type IntegrationSource = z.infer<typeof IntegrationSource>;

export const SOURCE_LABELS: Record<IntegrationSource, string> = {
  alertmanager: "Prometheus Alertmanager",
  grafana: "Grafana alerting",
  datadog: "Datadog",
  generic: "Generic JSON",
};

/** What an alert may do to a component: never Operational (that is resolving) nor Under Maintenance. */
export const ALERT_STATUSES = ["degraded_performance", "partial_outage", "major_outage"] as const;
export const AlertStatus = z.enum(ALERT_STATUSES, { error: "choose degraded_performance, partial_outage or major_outage" });
export type AlertStatus = z.infer<typeof AlertStatus>;

const text = (max: number) => z.string().trim().max(max).refine(withoutNul, "contains a NUL character");
const id = z.string().trim().min(1).max(64);

/**
 * One mapping row: an alert whose label `label` equals `value` (case-insensitive; `*`: any
 * value) goes to `componentId` and/or gets `status`. Rows are tried in order; the first
 * match decides each of the two, so `service=hubdoc → Hubdoc` and `severity=critical →
 * major_outage` can be separate rows.
 */
export const MappingRule = z
  .object({
    label: text(100).pipe(z.string().min(1, "name the label")),
    value: text(200).pipe(z.string().min(1, "give the value (* for any)")),
    componentId: id.nullable().default(null),
    status: AlertStatus.nullable().default(null),
  })
  .refine((r) => r.componentId !== null || r.status !== null, { message: "choose a component, a status or both", path: ["componentId"] });
export type MappingRule = z.output<typeof MappingRule>;

export const MAX_RULES = 50;

/** The statuses an incident template must be written for to open an incident from an alert. */
export const OPENING_STATUSES = ["investigating", "identified", "monitoring"] as const;

export const CreateIntegrationInput = z.object({
  name: text(100).pipe(z.string().min(1, "name the integration")),
  source: IntegrationSource,
});
export type CreateIntegrationInput = z.input<typeof CreateIntegrationInput>;

export const UpdateIntegrationInput = z.object({
  id,
  name: text(100).pipe(z.string().min(1, "name the integration")),
  rules: z.array(MappingRule).max(MAX_RULES, `at most ${MAX_RULES} rules`),
  defaultComponentId: id.nullable(),
  defaultStatus: AlertStatus,
  templateId: id.nullable(),
});
export type UpdateIntegrationInput = z.input<typeof UpdateIntegrationInput>;

/** What the stored `rules` column holds; a row that no longer parses is dropped rather than failing every alert. */
export function parseStoredRules(stored: string): MappingRule[] {
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r) => {
    const parsed = MappingRule.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

export const INBOUND_OUTCOMES = ["opened", "updated", "duplicate", "resolved", "released", "ignored", "unmapped"] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<InboundOutcome, string> = {
  opened: "Opened an incident",
  updated: "Updated the open incident",
  duplicate: "Duplicate: nothing new",
  resolved: "Resolved the incident",
  released: "Cleared (the incident stays open for other alerts, or staff resolved it)",
  ignored: "Ignored: no firing alert to resolve",
  unmapped: "No component matched",
};
