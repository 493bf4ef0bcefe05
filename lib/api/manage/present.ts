import type { PageSettings } from "../../settings/queries";
import type { z } from "zod";
import type { IncidentRecord } from "../../incidents/read";
import type { ApiComponentRow } from "./queries";
import type { ComponentResponse, IncidentResponse } from "./schemas";

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
