import { statuspagePageId } from "../../page/ids";
import type { StatuspageIncident, StatuspageScheduledMaintenance } from "../../status/statuspage-schemas";
import type { IncidentRow } from "../map";
import { recipientLabel } from "../../notify/recipient";

// The v1 Manage API's response shapes. Incidents and components are the v2 presenter's
// (lib/statuspage/map.ts: the shapes coincide); v1 adds the fields below to an incident.

export interface V1PageRow {
  name: string;
  url: string;
  timeZone: string;
  supportUrl: string | null;
  metaDescription: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function presentPage(page: V1PageRow, emailEnabled: boolean) {
  const url = page.url.replace(/\/+$/, "");
  return {
    id: statuspagePageId(page.createdAt),
    created_at: page.createdAt.toISOString(),
    updated_at: page.updatedAt.toISOString(),
    name: page.name,
    page_description: page.metaDescription,
    headline: null,
    branding: "premium",
    subdomain: null,
    domain: new URL(url).host,
    url,
    support_url: page.supportUrl,
    hidden_from_search: false,
    allow_page_subscribers: true,
    allow_incident_subscribers: false,
    allow_email_subscribers: emailEnabled,
    allow_sms_subscribers: false,
    allow_rss_atom_feeds: true,
    allow_webhook_subscribers: true,
    time_zone: page.timeZone,
  };
}

export function presentIncident(record: StatuspageIncident | StatuspageScheduledMaintenance, row: Pick<IncidentRow, "postmortem"> & { backfilled: boolean }) {
  return {
    ...record,
    scheduled_for: "scheduled_for" in record ? record.scheduled_for : null,
    scheduled_until: "scheduled_until" in record ? record.scheduled_until : null,
    scheduled_remind_prior: false,
    scheduled_auto_in_progress: "scheduled_for" in record,
    scheduled_auto_completed: "scheduled_for" in record,
    impact_override: null,
    postmortem_body: row.postmortem,
    postmortem_published_at: null,
    backfilled: row.backfilled,
    metadata: {},
  };
}

export interface V1SubscriberRow {
  id: string;
  channel: string;
  target: string;
  confirmedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
  components: { componentId: string }[];
}

/** Statuspage's subscriber; its `mode` is Vigil's channel, `endpoint` a webhook's URL. */
export function presentSubscriber(s: V1SubscriberRow) {
  return {
    id: s.id,
    skip_confirmation_notification: false,
    mode: s.channel,
    email: s.channel === "email" ? s.target : null,
    // A webhook's path or query is often its credential (Slack, Teams, Discord): its host only, as the console shows it.
    endpoint: s.channel === "email" ? null : recipientLabel(s.channel, s.target),
    phone_country: null,
    phone_number: null,
    display_phone_number: null,
    obfuscated_channel_name: null,
    workspace_name: null,
    quarantined_at: null,
    // An unconfirmed sign-up is deleted when its link expires.
    purge_at: s.confirmedAt ? null : (s.expiresAt?.toISOString() ?? null),
    components: s.components.map((c) => c.componentId),
    page_access_user_id: null,
    created_at: s.createdAt.toISOString(),
  };
}
