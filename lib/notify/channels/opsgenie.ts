import type { Impact } from "../../status/schemas";
import { INCIDENT_STATUS_LABELS } from "../../status/schemas";
import { alertMessage, alertTitle, componentLines, componentStatusText, isMaintenanceEvent, markdownPreview, oneLine, truncate } from "./format";
import type { AlertEvent } from "../event";

// Opsgenie's Alert API: create on an incident's first update (alias = incident id, so a
// retried create is deduplicated by Opsgenie), a note for each update in between, close on
// resolution. Requests go to the configured API base (US, EU or a proxy). Maintenance
// does not raise alerts.

export const OPSGENIE_API_BASES = { us: "https://api.opsgenie.com", eu: "https://api.eu.opsgenie.com" } as const;

export const OPSGENIE_PRIORITY: Record<Impact, "P1" | "P2" | "P3" | "P4" | "P5"> = { critical: "P1", major: "P2", minor: "P3", none: "P4" };

export const OPSGENIE_LIMITS = { message: 130, alias: 512, description: 15000, note: 25000, source: 100 } as const;

export interface OpsgenieRequest {
  /** Path and query under the API base. */
  path: string;
  body: Record<string, unknown>;
}

/** The request for this alert, or null when Opsgenie should hear nothing of it. */
export function renderOpsgenieRequest(event: AlertEvent): OpsgenieRequest | null {
  if (isMaintenanceEvent(event)) return null;
  const { incident, update, page } = event;
  const source = truncate(`${oneLine(page.name)} status`, OPSGENIE_LIMITS.source);
  const alias = encodeURIComponent(incident.id);
  const note = truncate(`${INCIDENT_STATUS_LABELS[update.status]}: ${markdownPreview(alertMessage(event))}\n${incident.url}`, OPSGENIE_LIMITS.note);
  if (event.kind === "incident.created") {
    const components = componentLines(event);
    const lines = components.map((c) => `- ${oneLine(c.name)}: ${componentStatusText(c)}`);
    return {
      path: "/v2/alerts",
      body: {
        message: truncate(oneLine(incident.name), OPSGENIE_LIMITS.message),
        alias: truncate(incident.id, OPSGENIE_LIMITS.alias),
        description: truncate([alertTitle(event), "", update.body.trim(), "", ...lines, "", incident.url].join("\n"), OPSGENIE_LIMITS.description),
        priority: OPSGENIE_PRIORITY[incident.impact],
        source,
        tags: ["vigil", `impact:${incident.impact}`],
        entity: truncate(components.map((c) => oneLine(c.name)).join(", "), 512),
        details: { status: update.status, impact: incident.impact, url: incident.url },
      },
    };
  }
  if (event.kind === "incident.resolved") return { path: `/v2/alerts/${alias}/close?identifierType=alias`, body: { source, note } };
  return { path: `/v2/alerts/${alias}/notes?identifierType=alias`, body: { source, note } };
}
