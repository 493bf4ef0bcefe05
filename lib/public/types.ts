import type { Locale } from "../i18n/locales";
import type { FooterLink } from "../settings/schemas";
import type { PageStatus } from "../status/rules";
import type { AnyIncidentStatus, ComponentStatus, Impact, IncidentKind } from "../status/schemas";
import type { UptimeDay } from "../status/uptime";
import type { ComponentLatency } from "./latency";

// What the public pages render: plain JSON (ISO strings), built once per write.

export interface PageInfo {
  name: string;
  url: string;
  timeZone: string;
  locale: Locale;
  /** Paths of the uploaded logo and favicon (content-hashed), or null. */
  logoPath: string | null;
  faviconPath: string | null;
  /** The brand colour as chosen, and the shades of it the page uses for text (AA on each background). */
  brandColor: string | null;
  accentLight: string | null;
  accentDark: string | null;
  supportUrl: string | null;
  footerLinks: FooterLink[];
  aboutHtml: string | null;
  metaDescription: string | null;
}

export interface IncidentUpdateView {
  id: string;
  status: AnyIncidentStatus;
  bodyHtml: string;
  displayAt: string;
}

export interface IncidentView {
  id: string;
  kind: IncidentKind;
  name: string;
  status: AnyIncidentStatus;
  impact: Impact;
  startedAt: string;
  resolvedAt: string | null;
  scheduledFor: string | null;
  scheduledUntil: string | null;
  postmortemHtml: string | null;
  /** A maintenance called off before it started; its completing update is the cancellation. */
  cancelledAt: string | null;
  components: { id: string; name: string }[];
  /** Newest first. */
  updates: IncidentUpdateView[];
}

export interface UptimeDayView extends UptimeDay {
  incidents: { id: string; name: string }[];
}

export interface ComponentView {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  status: ComponentStatus;
  showUptime: boolean;
  uptimePercent: number | null;
  days: UptimeDayView[];
  /** Response times from the component's probes (lib/public/latency.ts); absent without probe data. */
  latency?: ComponentLatency | null;
  /** The vendor whose status page this component mirrors (lib/vendors/), by the name they give it. */
  vendor?: string | null;
}

export interface GroupView {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  components: ComponentView[];
}

export type ComponentListItem = { type: "component"; component: ComponentView } | { type: "group"; group: GroupView };

export interface PublicSnapshot {
  revision: number;
  generatedAt: string;
  page: PageInfo;
  status: PageStatus;
  items: ComponentListItem[];
  openIncidents: IncidentView[];
  /** In progress first, then upcoming by start. */
  maintenances: IncidentView[];
  /** The last 15 days in the page zone, newest first, each with the incidents that started that day. */
  pastDays: { day: string; incidents: IncidentView[] }[];
}
