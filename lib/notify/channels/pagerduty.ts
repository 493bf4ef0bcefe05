import type { Impact } from "../../status/schemas";
import { alertTitle, componentLines, componentStatusText, isMaintenanceEvent, oneLine, truncate } from "./format";
import type { AlertEvent } from "../event";

// PagerDuty Events API v2 (POST /v2/enqueue). One PagerDuty alert per Vigil incident:
// dedup_key is the incident id, so the trigger and the resolve meet the same alert, and
// a repeated delivery (an outbox retry) is deduplicated by PagerDuty itself.
//
// Updates in between send nothing. An "acknowledge" would stop the escalation policy:
// in PagerDuty that is the responder's own act ("I have it"), and a status page author
// posting "Identified" is often not the person on call, so acknowledging for them would
// silence the page they still need. Maintenance never pages anyone.

export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

export const PAGERDUTY_SEVERITY: Record<Impact, "critical" | "error" | "warning" | "info"> = {
  critical: "critical",
  major: "error",
  minor: "warning",
  none: "info",
};

export type PagerDutyEvent =
  | {
      routing_key: string;
      event_action: "trigger";
      dedup_key: string;
      payload: {
        summary: string;
        source: string;
        severity: (typeof PAGERDUTY_SEVERITY)[Impact];
        component?: string;
        group: string;
        class: "incident";
        custom_details: Record<string, string>;
      };
      client: string;
      client_url: string;
      links: { href: string; text: string }[];
    }
  | { routing_key: string; event_action: "resolve"; dedup_key: string };

/** The event for this alert, or null when PagerDuty should hear nothing of it. */
export function renderPagerDutyEvent(event: AlertEvent, routingKey: string): PagerDutyEvent | null {
  if (isMaintenanceEvent(event)) return null;
  const { incident, update, page } = event;
  if (event.kind === "incident.resolved") return { routing_key: routingKey, event_action: "resolve", dedup_key: incident.id };
  if (event.kind !== "incident.created") return null;
  const components = componentLines(event);
  const details: Record<string, string> = { status: update.status, impact: incident.impact, update: truncate(update.body.trim(), 4000) };
  for (const c of components.slice(0, 20)) details[`component: ${oneLine(c.name)}`] = componentStatusText(c);
  return {
    routing_key: routingKey,
    event_action: "trigger",
    dedup_key: incident.id,
    payload: {
      // PagerDuty cuts summaries at 1024 characters.
      summary: truncate(alertTitle(event), 1024),
      source: new URL(page.url).host,
      severity: PAGERDUTY_SEVERITY[incident.impact],
      ...(components[0] ? { component: truncate(oneLine(components[0].name), 255) } : {}),
      group: truncate(oneLine(page.name), 255),
      class: "incident",
      custom_details: details,
    },
    client: `${oneLine(page.name)} status`,
    client_url: incident.url,
    links: [{ href: incident.url, text: "Incident on the status page" }],
  };
}
