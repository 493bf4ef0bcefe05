import type { PageSettings } from "../../settings/queries";
import type { z } from "zod";
import type { IncidentRecord } from "../../incidents/read";
import type { ApiComponentRow } from "./queries";
import type { IncidentTemplateRow } from "../../incidents/templates";
import type { ProbeResult } from "../../probes/result";
import { parseProbeRow, type ProbeRow, redactedCheck } from "../../probes/stored";
import type { SubscriberRow } from "../../subscribers/queries";
import type { ComponentResponse, IncidentResponse, ProbeResponse, ProbeTestResponse, SubscriberResponse, TemplateResponse } from "./schemas";

// Rows → the management API's JSON (snake_case, ISO timestamps), pure.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentComponent(c: ApiComponentRow): z.infer<typeof ComponentResponse> {
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    description: c.description,
    group_id: c.groupId,
    group_name: c.groupName,
    position: c.position,
    status: c.status,
    manual_status: c.manualStatus,
    show_uptime: c.showUptime,
    updated_at: c.updatedAt.toISOString(),
  };
}

export function presentIncident(i: IncidentRecord, pageUrl: string): z.infer<typeof IncidentResponse> {
  return {
    id: i.id,
    kind: i.kind,
    name: i.name,
    status: i.status,
    impact: i.impact,
    started_at: i.startedAt.toISOString(),
    monitoring_at: iso(i.monitoringAt),
    resolved_at: iso(i.resolvedAt),
    scheduled_for: iso(i.scheduledFor),
    scheduled_until: iso(i.scheduledUntil),
    cancelled_at: iso(i.cancelledAt),
    remind_before_minutes: i.remindBeforeMinutes,
    version: i.version,
    url: `${pageUrl.replace(/\/$/, "")}/incidents/${i.id}`,
    components: i.components.map((c) => ({ id: c.componentId, name: c.name, status: c.status })),
    updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      display_at: u.displayAt.toISOString(),
      created_at: u.createdAt.toISOString(),
      notify_subscribers: u.notifySubscribers,
      affected_components: u.affectedComponents,
    })),
  };
}

export function presentSettings(settings: PageSettings) {
  const absolute = (path: string | null) => (path ? `${settings.url}${path}` : null);
  return {
    name: settings.name,
    url: settings.url,
    stored_url: settings.storedUrl,
    url_from_environment: settings.urlFromEnvironment,
    time_zone: settings.timeZone,
    locale: settings.locale,
    brand_color: settings.brandColor,
    support_url: settings.supportUrl,
    footer_links: settings.footerLinks,
    about_markdown: settings.aboutMarkdown,
    meta_description: settings.metaDescription,
    logo_url: absolute(settings.logoPath),
    favicon_url: absolute(settings.faviconPath),
    updated_at: settings.updatedAt.toISOString(),
  };
}

export function presentGroup(g: { id: string; name: string; description: string | null; position: number; updatedAt: Date }, componentIds: string[]) {
  return { id: g.id, name: g.name, description: g.description, position: g.position, component_ids: componentIds, updated_at: g.updatedAt.toISOString() };
}

/** Never the probe's secrets: header values and a request body are hidden (lib/probes/stored.ts). */
export function presentProbe(p: ProbeRow & { kind: string; createdAt: Date; updatedAt: Date }): z.infer<typeof ProbeResponse> {
  let check: Record<string, unknown> | null = null;
  let schedule: unknown = null;
  let thresholds: unknown = null;
  try {
    const parsed = parseProbeRow(p);
    check = redactedCheck(parsed.check);
    schedule = parsed.schedule;
    thresholds = parsed.thresholds;
  } catch {
    // Unreadable (another instance's secret key, or a hand-written row): shown as null, still editable.
  }
  return {
    id: p.id,
    component_id: p.componentId,
    name: p.name,
    kind: p.kind,
    enabled: p.enabled,
    check,
    schedule,
    thresholds,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export function presentProbeTest(r: ProbeResult): z.infer<typeof ProbeTestResponse> {
  return {
    outcome: r.outcome,
    error_class: r.errorClass ?? null,
    message: r.message ?? null,
    latency_ms: r.latencyMs ?? null,
    status_code: r.statusCode ?? null,
    started_at: r.startedAt.toISOString(),
    region: r.region,
  };
}

export function presentSubscriber(s: SubscriberRow): z.infer<typeof SubscriberResponse> {
  return {
    id: s.id,
    channel: s.channel,
    target: s.target,
    confirmed_at: iso(s.confirmedAt),
    source: s.source,
    created_at: s.createdAt.toISOString(),
    components: s.components,
  };
}

export function presentTemplate(t: IncidentTemplateRow): z.infer<typeof TemplateResponse> {
  return {
    id: t.id,
    name: t.name,
    title: t.title,
    status: t.status,
    body: t.body,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}

/** A weak ETag: the record's version when it has one, else its last change (ms, base 36). */
export const etagOf = (r: { version: number } | { updatedAt: Date } | { updated_at: string }) =>
  `W/"${"version" in r ? `v${r.version}` : ("updatedAt" in r ? r.updatedAt : new Date(r.updated_at)).getTime().toString(36)}"`;
