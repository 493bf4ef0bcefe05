import { INCIDENT_STATUS_LABELS } from "../../status/schemas";
import { markdownForDiscord, truncateDiscordMarkdown } from "./chat";
import {
  IMPACT_LABELS,
  alertMessage,
  alertTitle,
  alertTone,
  checkedUrl,
  componentLines,
  componentStatusText,
  formatAlertTime,
  formatAlertWindow,
  isMaintenanceEvent,
  oneLine,
  truncate,
  type AlertTone,
} from "./format";
import type { AlertEvent } from "../event";

// Microsoft Teams through a Workflows "When a Teams webhook request is received" flow:
// a message whose one attachment is an Adaptive Card 1.4 (what Teams renders today).
// Teams refuses a message over ~28 KB, so the update text and the component list are cut.

export const TEAMS_LIMITS = {
  title: 200,
  body: 8000,
  facts: 20,
  factValue: 500,
} as const;

type TextBlock = {
  type: "TextBlock";
  text: string;
  wrap: true;
  size?: "Large" | "Medium" | "Small";
  weight?: "Bolder";
  color?: "Good" | "Attention" | "Warning" | "Accent" | "Default";
  isSubtle?: true;
  spacing?: "Small" | "Medium";
};
type FactSet = { type: "FactSet"; facts: { title: string; value: string }[] };

export interface TeamsCard {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
  type: "AdaptiveCard";
  version: "1.4";
  body: (TextBlock | FactSet)[];
  actions: { type: "Action.OpenUrl"; title: string; url: string }[];
  msteams: { width: "Full" };
}

export interface TeamsMessage {
  type: "message";
  /** Shown in notifications and activity feeds. */
  summary: string;
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive"; contentUrl: null; content: TeamsCard }];
}

const COLORS: Record<AlertTone, TextBlock["color"]> = {
  resolved: "Good",
  maintenance: "Accent",
  critical: "Attention",
  major: "Attention",
  minor: "Warning",
  none: "Default",
};

/** Adaptive Cards render a Markdown subset (bold, italic, lists, links) but no headings: those become bold lines, as for Discord. */
const cardMarkdown = (markdown: string) => truncateDiscordMarkdown(markdownForDiscord(markdown.trim()), TEAMS_LIMITS.body);

export function renderTeamsMessage(event: AlertEvent, links: { incidentUrl: string }): TeamsMessage {
  const incidentUrl = checkedUrl(links.incidentUrl, "incidentUrl");
  const { incident, update, page } = event;
  const maintenance = isMaintenanceEvent(event);

  const facts = [{ title: "Status", value: INCIDENT_STATUS_LABELS[update.status] }];
  if (maintenance && incident.scheduledFor && incident.scheduledUntil) {
    facts.push({ title: "Window", value: formatAlertWindow(incident.scheduledFor, incident.scheduledUntil, page.timeZone) });
  } else if (!maintenance) {
    facts.push({ title: "Impact", value: IMPACT_LABELS[incident.impact] });
  }
  const lines = componentLines(event);
  const shown = lines.slice(0, TEAMS_LIMITS.facts);
  for (const c of shown) facts.push({ title: truncate(oneLine(c.name), 100), value: truncate(componentStatusText(c), TEAMS_LIMITS.factValue) });
  if (lines.length > shown.length) facts.push({ title: "And more", value: `${lines.length - shown.length} more components` });

  const body: TeamsCard["body"] = [
    {
      type: "TextBlock",
      text: truncate(oneLine(incident.name), TEAMS_LIMITS.title),
      wrap: true,
      size: "Large",
      weight: "Bolder",
      color: COLORS[alertTone(event)],
    },
    { type: "FactSet", facts },
  ];
  const text = cardMarkdown(alertMessage(event));
  if (text) body.push({ type: "TextBlock", text, wrap: true, spacing: "Medium" });
  body.push({
    type: "TextBlock",
    text: `Posted ${formatAlertTime(update.displayAt, page.timeZone)} · ${oneLine(page.name)} status`,
    wrap: true,
    isSubtle: true,
    spacing: "Small",
  });

  return {
    type: "message",
    summary: truncate(alertTitle(event), 250),
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          actions: [{ type: "Action.OpenUrl", title: "View incident", url: incidentUrl }],
          msteams: { width: "Full" },
        },
      },
    ],
  };
}
