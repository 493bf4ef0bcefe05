import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { StatuspageComponent, StatuspageIncident, StatuspageScheduledMaintenance, type StatuspageAffectedComponent } from "../../status/statuspage-schemas";
import { PAGE_INDICATORS } from "../../status/schemas";
import { checkedUrl } from "./format";
import { alertKindFamily, type AlertComponent, type AlertEvent, type AlertPage, type AlertUpdate, type ComponentAlertEvent } from "../event";

// Webhook bodies in Statuspage's shape (meta / page / incident, or meta / page /
// component_update / component), so receivers written for Statuspage read Vigil's.
// The incident reuses the /api/v2 shapes from lib/statuspage; Statuspage's webhook adds
// scheduled_for/scheduled_until to incidents too (null), and its components carry fewer
// fields than the API's. Vigil additions travel in headers, never in the body.

const Timestamp = z.iso.datetime({ offset: true });

export const WebhookMeta = z.strictObject({
  unsubscribe: z.string(),
  documentation: z.string(),
  generated_at: Timestamp,
});
export type WebhookMeta = z.infer<typeof WebhookMeta>;

export const WebhookPage = z.strictObject({
  id: z.string(),
  status_indicator: z.enum(PAGE_INDICATORS),
  status_description: z.string(),
});
export type WebhookPage = z.infer<typeof WebhookPage>;

/** The component fields Statuspage's webhooks send. */
export const WebhookComponent = StatuspageComponent.pick({
  id: true,
  name: true,
  status: true,
  created_at: true,
  updated_at: true,
  position: true,
  description: true,
  showcase: true,
  group_id: true,
  page_id: true,
});
export type WebhookComponent = z.infer<typeof WebhookComponent>;

export const WebhookIncident = StatuspageIncident.extend({
  components: z.array(WebhookComponent),
  scheduled_for: z.null(),
  scheduled_until: z.null(),
});
export type WebhookIncident = z.infer<typeof WebhookIncident>;

export const WebhookMaintenance = StatuspageScheduledMaintenance.extend({ components: z.array(WebhookComponent) });
export type WebhookMaintenance = z.infer<typeof WebhookMaintenance>;

export const WebhookIncidentPayload = z.strictObject({
  meta: WebhookMeta,
  page: WebhookPage,
  /** Statuspage sends maintenance under "incident" too. */
  incident: z.union([WebhookIncident, WebhookMaintenance]),
});
export type WebhookIncidentPayload = z.infer<typeof WebhookIncidentPayload>;

export const WebhookComponentPayload = z.strictObject({
  meta: WebhookMeta,
  page: WebhookPage,
  component_update: z.strictObject({
    created_at: Timestamp,
    new_status: StatuspageComponent.shape.status,
    old_status: StatuspageComponent.shape.status,
    id: z.string(),
    component_id: z.string(),
    component_type: z.literal("Component"),
  }),
  component: WebhookComponent,
});
export type WebhookComponentPayload = z.infer<typeof WebhookComponentPayload>;

export interface WebhookMetaInput {
  /** Where the receiver can unsubscribe this endpoint. */
  unsubscribeUrl: string;
  /** Vigil's webhook documentation (signature scheme included). */
  documentationUrl: string;
  /** When this body was rendered (ISO); a parameter so rendering stays pure. */
  generatedAt: string;
}

function meta(input: WebhookMetaInput): WebhookMeta {
  return {
    unsubscribe: checkedUrl(input.unsubscribeUrl, "unsubscribeUrl"),
    documentation: checkedUrl(input.documentationUrl, "documentationUrl"),
    generated_at: new Date(input.generatedAt).toISOString(),
  };
}

function page(p: AlertPage): WebhookPage {
  return { id: p.id, status_indicator: p.statusIndicator, status_description: p.statusDescription };
}

function component(c: AlertComponent, pageId: string): WebhookComponent {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    position: c.position,
    description: c.description,
    showcase: c.showcase,
    group_id: c.groupId,
    page_id: pageId,
  };
}

function update(u: AlertUpdate, incidentId: string) {
  const affected: StatuspageAffectedComponent[] | null =
    u.affectedComponents?.map((c) => ({ code: c.id, name: c.name, old_status: c.oldStatus, new_status: c.newStatus })) ?? null;
  return {
    id: u.id,
    status: u.status,
    body: u.body,
    incident_id: incidentId,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
    display_at: u.displayAt,
    affected_components: affected,
  };
}

/** The Statuspage-compatible body for an incident or maintenance event. */
export function renderWebhookPayload(event: AlertEvent, metaInput: WebhookMetaInput): WebhookIncidentPayload {
  const { incident: i } = event;
  const common = {
    id: i.id,
    name: i.name,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    monitoring_at: i.monitoringAt,
    resolved_at: i.resolvedAt,
    shortlink: i.url,
    started_at: i.startedAt,
    page_id: event.page.id,
    components: i.components.map((c) => component(c, event.page.id)),
  };
  const updates = i.updates.map((u) => update(u, i.id));
  let incident: WebhookIncident | WebhookMaintenance;
  // AlertEvent's refinement guarantees the statuses match the kind and that a
  // maintenance has its window; the casts only narrow what the schema checked.
  if (alertKindFamily(event.kind) === "maintenance") {
    incident = {
      ...common,
      status: i.status as WebhookMaintenance["status"],
      impact: "maintenance",
      incident_updates: updates as WebhookMaintenance["incident_updates"],
      scheduled_for: i.scheduledFor ?? i.startedAt,
      scheduled_until: i.scheduledUntil ?? i.scheduledFor ?? i.startedAt,
    };
  } else {
    incident = {
      ...common,
      // Statuspage announces a published postmortem as the incident's "postmortem" status.
      status: event.kind === "incident.postmortem" ? "postmortem" : (i.status as WebhookIncident["status"]),
      impact: i.impact,
      incident_updates: updates as WebhookIncident["incident_updates"],
      scheduled_for: null,
      scheduled_until: null,
    };
  }
  return { meta: meta(metaInput), page: page(event.page), incident };
}

/** The Statuspage-compatible body for a component status change. */
export function renderComponentWebhookPayload(event: ComponentAlertEvent, metaInput: WebhookMetaInput): WebhookComponentPayload {
  return {
    meta: meta(metaInput),
    page: page(event.page),
    component_update: {
      created_at: event.change.createdAt,
      new_status: event.change.newStatus,
      old_status: event.change.oldStatus,
      id: event.change.id,
      component_id: event.component.id,
      component_type: "Component",
    },
    component: component(event.component, event.page.id),
  };
}

// ── Signing ─────────────────────────────────────────────────────────────────
// Stripe's scheme: HMAC-SHA256 over "<unix seconds>.<raw body>", sent as
// "t=<seconds>,v1=<hex>". The timestamp is signed, so a captured request cannot be
// replayed outside the tolerance window; receivers dedupe inside it by X-Vigil-Delivery.

export const SIGNATURE_HEADER = "X-Vigil-Signature";
export const DELIVERY_HEADER = "X-Vigil-Delivery";
export const EVENT_HEADER = "X-Vigil-Event";

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The X-Vigil-Signature value for `body` (the exact bytes sent) at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  if (!secret) throw new TypeError("a webhook secret is required");
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new TypeError("timestamp must be whole unix seconds");
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

// ── Standard Webhooks (https://www.standardwebhooks.com) ───────────────────
// Sent beside X-Vigil-Signature so receivers can use any Standard Webhooks library:
// HMAC-SHA256 keyed with the secret's bytes (base64 after "whsec_") over
// "<webhook-id>.<webhook-timestamp>.<body>", sent as "v1,<base64>".

export const STANDARD_ID_HEADER = "webhook-id";
export const STANDARD_TIMESTAMP_HEADER = "webhook-timestamp";
export const STANDARD_SIGNATURE_HEADER = "webhook-signature";

/** The key a `whsec_` secret stands for. Older secrets were base64url; Node reads both alphabets. */
export function standardWebhookKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/** The webhook-signature value for `body` sent as message `id` at `timestamp` (unix seconds). */
export function signStandardWebhook(secret: string, id: string, timestamp: number, body: string): string {
  if (!secret) throw new TypeError("a webhook secret is required");
  const mac = createHmac("sha256", standardWebhookKey(secret)).update(`${id}.${timestamp}.${body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

/** Every header of one delivery attempt; the body must be sent exactly as signed. */
export function webhookHeaders(input: {
  body: string;
  /** Null: the subscription has no secret, so the request is unsigned. */
  secret: string | null;
  timestamp: number;
  /** Same on every retry of one delivery: receivers dedupe by it. */
  deliveryId: string;
  event: AlertEvent["kind"] | ComponentAlertEvent["kind"];
}): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "Vigil-Webhooks/1",
    [DELIVERY_HEADER]: input.deliveryId,
    [EVENT_HEADER]: input.event,
  };
  if (input.secret) {
    headers[SIGNATURE_HEADER] = signWebhook(input.secret, input.body, input.timestamp);
    // The delivery id is the message id: the same on every retry, as the spec asks.
    headers[STANDARD_ID_HEADER] = input.deliveryId;
    headers[STANDARD_TIMESTAMP_HEADER] = String(input.timestamp);
    headers[STANDARD_SIGNATURE_HEADER] = signStandardWebhook(input.secret, input.deliveryId, input.timestamp, input.body);
  }
  return headers;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "expired" | "mismatch" };

/**
 * Checks an X-Vigil-Signature header against the raw body. `nowSeconds` is unix seconds;
 * a timestamp further than `toleranceSeconds` from it either way is refused. Several v1
 * entries are allowed (secret rotation): one match is enough.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): SignatureCheck {
  if (!secret || !header) return { ok: false, reason: "malformed" };
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return { ok: false, reason: "malformed" };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (timestamp !== null || !/^\d{1,15}$/.test(value)) return { ok: false, reason: "malformed" };
      timestamp = Number(value);
    } else if (key === "v1") {
      if (!/^[0-9a-f]{64}$/i.test(value)) return { ok: false, reason: "malformed" };
      signatures.push(Buffer.from(value, "hex"));
    }
    // Other schemes (v0, future versions) are ignored, as Stripe's receivers do.
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: "malformed" };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: "expired" };
  const expected = Buffer.from(hmacHex(secret, timestamp, body), "hex");
  // Compare against every entry (no early exit), in constant time for equal lengths.
  let matched = false;
  for (const sig of signatures) if (timingSafeEqual(sig, expected)) matched = true;
  return matched ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}
