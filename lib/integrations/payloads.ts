import { createHash } from "node:crypto";
import { z } from "zod";
import { AlertStatus, type IntegrationSource } from "./schemas";

// Each source's webhook body, parsed once with zod and turned into the same alerts:
// a fingerprint (the source's own identity for the alert), firing or resolved, labels for
// the mapping rules, and the words to show. Unknown fields are ignored (the tools add
// fields over time); a missing or malformed known one fails naming its path.

export interface InboundAlertInput {
  fingerprint: string;
  status: "firing" | "resolved";
  labels: Record<string, string>;
  title: string;
  message: string;
  /** A component slug the payload names itself (generic format). */
  component: string | null;
  /** A status the payload asks for itself (generic `severity`). */
  severity: AlertStatus | null;
  /** A status the source implies when no rule gives one (Datadog's Warn: degraded). */
  impliedStatus: AlertStatus | null;
}

const MAX_ALERTS = 500;
const Fingerprint = z.string().trim().min(1).max(200);
const Labels = z.record(z.string().max(200), z.string().max(2000)).default({});

/** Alertmanager's and Grafana's fingerprint is a hash of the labels; older senders omit it, so compute the same idea. */
export function labelsFingerprint(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
}

// ── Prometheus Alertmanager (webhook_config, payload version 4) and Grafana ──

const PromAlert = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: Labels,
  annotations: Labels,
  startsAt: z.string().max(64).optional(),
  endsAt: z.string().max(64).optional(),
  fingerprint: Fingerprint.optional(),
});

export const AlertmanagerPayload = z.object({
  version: z.string().max(10).optional(),
  status: z.enum(["firing", "resolved"]).optional(),
  alerts: z.array(PromAlert).min(1, "no alerts in the payload").max(MAX_ALERTS),
  commonLabels: Labels,
});

/** Grafana's contact point posts Alertmanager's shape plus title, state and message (the group's). */
export const GrafanaPayload = AlertmanagerPayload.extend({
  title: z.string().max(2000).optional(),
  state: z.string().max(50).optional(),
  message: z.string().max(50_000).optional(),
});

function fromProm(payload: z.infer<typeof GrafanaPayload>): InboundAlertInput[] {
  return payload.alerts.map((a) => {
    const labels = { ...payload.commonLabels, ...a.labels };
    return {
      fingerprint: a.fingerprint ?? labelsFingerprint(labels),
      status: a.status,
      labels,
      title: a.annotations.summary ?? labels.alertname ?? payload.title ?? "Alert",
      message: a.annotations.description ?? a.annotations.message ?? "",
      component: null,
      severity: null,
      impliedStatus: null,
    };
  });
}

// ── Datadog (a webhook whose JSON body the user writes: docs/api.md has the template) ──

const FIRING_TRANSITIONS = ["triggered", "re-triggered", "renotify", "no data", "re-no data"];
const WARN_TRANSITIONS = ["warn", "re-warn"];
const RESOLVED_TRANSITIONS = ["recovered"];
const KNOWN_TRANSITIONS = [...FIRING_TRANSITIONS, ...WARN_TRANSITIONS, ...RESOLVED_TRANSITIONS];

/** The names Vigil's template uses, with the names of Datadog's own sample payload accepted too. */
const DATADOG_ALIASES: Record<string, string> = { alert_id: "id", alert_transition: "transition", alert_title: "title", body: "message" };

export const DatadogPayload = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
    const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const [alias, name] of Object.entries(DATADOG_ALIASES)) if (out[name] === undefined && out[alias] !== undefined) out[name] = out[alias];
    return out;
  },
  z.object({
    /** $ALERT_ID: the monitor. */
    id: z.union([z.string(), z.number()]).transform(String).pipe(Fingerprint),
    /** $AGGREG_KEY: the monitor and group, so a multi-alert monitor's groups are separate alerts. */
    aggregate: z.string().trim().max(200).optional(),
    /** $ALERT_TRANSITION. */
    transition: z
      .string()
      .trim()
      .toLowerCase()
      .refine((t) => KNOWN_TRANSITIONS.includes(t), "expected Triggered, Re-Triggered, Warn, Re-Warn, No Data, Renotify or Recovered"),
    title: z.string().max(2000).default(""),
    message: z.string().max(50_000).default(""),
    /** $TAGS: "key:value, flag, …". */
    tags: z.string().max(10_000).default(""),
  }),
);

/** "env:prod, service:hubdoc, monitor" → { env: "prod", service: "hubdoc", monitor: "" }. */
export function datadogTags(tags: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of tags.split(",")) {
    const t = tag.trim();
    if (!t) continue;
    const colon = t.indexOf(":");
    if (colon < 0) labels[t] = "";
    else labels[t.slice(0, colon)] = t.slice(colon + 1);
  }
  return labels;
}

/** "[Triggered on {host:x}] Host is Down" → "Host is Down": the prefix is the transition, which has its own field. */
export function datadogTitle(title: string): string {
  return title.replace(/^\s*\[[^\]]*\]\s*/, "").trim() || title.trim();
}

function fromDatadog(p: z.infer<typeof DatadogPayload>): InboundAlertInput[] {
  return [
    {
      fingerprint: p.aggregate || p.id,
      status: RESOLVED_TRANSITIONS.includes(p.transition) ? "resolved" : "firing",
      labels: datadogTags(p.tags),
      title: datadogTitle(p.title) || `Datadog monitor ${p.id}`,
      message: p.message,
      component: null,
      severity: null,
      impliedStatus: WARN_TRANSITIONS.includes(p.transition) ? "degraded_performance" : null,
    },
  ];
}

// ── Generic JSON ─────────────────────────────────────────────────────────────

export const GenericPayload = z.object({
  id: Fingerprint,
  status: z.enum(["firing", "resolved"]),
  component: z.string().trim().min(1).max(64).optional(),
  severity: AlertStatus.optional(),
  title: z.string().trim().max(200).default(""),
  message: z.string().max(20_000).default(""),
  labels: z.record(z.string().max(200), z.string().max(2000)).default({}),
});

function fromGeneric(p: z.infer<typeof GenericPayload>): InboundAlertInput[] {
  return [
    {
      fingerprint: p.id,
      status: p.status,
      labels: p.labels,
      title: p.title || p.id,
      message: p.message,
      component: p.component ?? null,
      severity: p.severity ?? null,
      impliedStatus: null,
    },
  ];
}

/** The alerts in a source's body; throws a ZodError naming the bad field. */
export function parseInboundPayload(source: IntegrationSource, body: unknown): InboundAlertInput[] {
  switch (source) {
    case "alertmanager":
      return fromProm(AlertmanagerPayload.parse(body));
    case "grafana":
      return fromProm(GrafanaPayload.parse(body));
    case "datadog":
      return fromDatadog(DatadogPayload.parse(body));
    case "generic":
      return fromGeneric(GenericPayload.parse(body));
  }
}
