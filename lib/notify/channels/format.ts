import { COMPONENT_STATUS_LABELS, INCIDENT_STATUS_LABELS, type ComponentStatus, type Impact } from "../../status/schemas";
import type { Translator } from "../../i18n/translate";
import { formatNamedZone } from "../../time/zoned";
import { alertKindFamily, type AlertAffectedComponent, type AlertEvent } from "../event";

// Wording and text helpers shared by the email, chat and webhook renderers.

export const IMPACT_LABELS: Record<Impact, string> = {
  none: "None",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
};

const withZoneId = (text: string, timeZone: string) => (timeZone === "UTC" || timeZone === "Etc/UTC" ? text : `${text} (${timeZone})`);

/** "Nov 27, 2026, 14:05 NZDT (Pacific/Auckland)": an abbreviation alone can be ambiguous (IST). `locale`: the email's language. */
export function formatAlertTime(iso: string, timeZone: string, locale?: string): string {
  return withZoneId(formatNamedZone(timeZone, new Date(iso), undefined, locale), timeZone);
}

/**
 * A maintenance window, "Nov 29, 2026, 02:00 – 04:00 NZDT (Pacific/Auckland)", with the
 * date written once when both ends fall on the same day in the zone.
 */
export function formatAlertWindow(fromIso: string, untilIso: string, timeZone: string, locale?: string): string {
  return withZoneId(formatNamedZone(timeZone, new Date(fromIso), new Date(untilIso), locale), timeZone);
}

/** Markdown reduced to readable plain text, for previews: no emphasis marks, links as their text. */
export function markdownPreview(markdown: string): string {
  return oneLine(
    markdown
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/^\s{0,3}(#{1,6}|>|[-*+])\s+/gm, "")
      .replace(/(\*\*|__|~~|`+)/g, "")
      .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, "$1$2"),
  );
}

/** The Markdown an alert shows: the update's body, or for a published postmortem the postmortem. */
export function alertMessage(event: AlertEvent): string {
  return (event.kind === "incident.postmortem" ? event.incident.postmortem : null) ?? event.update.body;
}

/** "[Tallyworks] Investigating – Hubdoc imports delayed": the chat messages' fallback text (emails keep one subject per incident). */
export function alertTitle(event: AlertEvent): string {
  return `[${oneLine(event.page.name)}] ${alertHeadline(event)} – ${oneLine(event.incident.name)}`;
}

/** What happened, without the page or incident name; in English (chat, webhooks) or with `tr` (emails). */
export function alertHeadline(event: AlertEvent, tr?: Translator): string {
  switch (event.kind) {
    case "maintenance.scheduled":
      return tr ? tr.t("email.headline.scheduled") : "Scheduled maintenance";
    case "maintenance.started":
      return tr ? tr.t("email.headline.started") : "Maintenance has started";
    case "maintenance.completed":
      return tr ? tr.t("email.headline.completed") : "Maintenance completed";
    case "incident.postmortem":
      return tr ? tr.t("email.headline.postmortem") : "Postmortem";
    case "maintenance.cancelled":
      return tr ? tr.t("email.headline.cancelled") : "Maintenance canceled";
    case "maintenance.reminder":
      return tr ? tr.t("email.headline.reminder") : "Reminder: scheduled maintenance";
    default:
      return tr ? tr.t(`incidentStatus.${event.update.status}`) : INCIDENT_STATUS_LABELS[event.update.status];
  }
}

export const isMaintenanceEvent = (event: AlertEvent) => alertKindFamily(event.kind) === "maintenance";

export interface ComponentLine {
  name: string;
  status: ComponentStatus;
  /** Set when this update changed the status. */
  previous: ComponentStatus | null;
}

/**
 * The components to list: those the update changed (with their old status) when it
 * names any, otherwise every component the incident affects, at its current status.
 */
export function componentLines(event: AlertEvent): ComponentLine[] {
  const affected: AlertAffectedComponent[] | null = event.update.affectedComponents;
  if (affected && affected.length > 0) {
    return affected.map((c) => ({ name: c.name, status: c.newStatus, previous: c.oldStatus === c.newStatus ? null : c.oldStatus }));
  }
  return event.incident.components.map((c) => ({ name: c.name, status: c.status, previous: null }));
}

export function componentStatusText(line: ComponentLine, tr?: Translator): string {
  if (tr) {
    const now = tr.t(`status.${line.status}`);
    return line.previous ? tr.t("email.componentWas", { status: now, previous: tr.t(`status.${line.previous}`) }) : now;
  }
  const now = COMPONENT_STATUS_LABELS[line.status];
  return line.previous ? `${now} (was ${COMPONENT_STATUS_LABELS[line.previous]})` : now;
}

/** Collapses line breaks and control characters: for headers, subjects and titles. */
export function oneLine(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Returns the URL if it is absolute http(s) (or mailto when allowed); throws otherwise: a bad link is a bug upstream. */
export function checkedUrl(url: string, what: string, options: { mailto?: boolean } = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${what} is not an absolute URL: ${JSON.stringify(url)}`);
  }
  const allowed = options.mailto ? ["http:", "https:", "mailto:"] : ["http:", "https:"];
  if (!allowed.includes(parsed.protocol)) throw new TypeError(`${what} must be ${allowed.join(" or ")}, not ${parsed.protocol}`);
  return url;
}

/**
 * Shortens `text` to at most `max` UTF-16 units (platform limits count characters; units
 * never undercount them), ending in "…". Cuts at a word break when one is near, and never
 * inside a surrogate pair.
 */
export function truncate(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return ellipsis.slice(0, max);
  let cut = text.slice(0, max - ellipsis.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const lastBreak = cut.search(/\s\S*$/);
  // Only back up to the break if that keeps most of the text.
  if (lastBreak > 0 && lastBreak >= cut.length - Math.max(20, Math.floor(max / 5))) cut = cut.slice(0, lastBreak);
  return `${cut.trimEnd()}${ellipsis}`;
}

export type AlertTone = "resolved" | "maintenance" | "critical" | "major" | "minor" | "none";

/** The colour family of an alert: green when over, blue for maintenance, else by impact. */
export function alertTone(event: AlertEvent): AlertTone {
  if (event.update.status === "resolved" || event.update.status === "completed") return "resolved";
  if (isMaintenanceEvent(event)) return "maintenance";
  return event.incident.impact;
}
