import { COMPONENT_STATUS_LABELS, INCIDENT_STATUS_LABELS } from "../../status/schemas";
import {
  IMPACT_LABELS,
  alertTitle,
  alertMessage,
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

// Chat messages for Slack incoming webhooks (Block Kit) and Discord webhooks (one
// embed). Both platforms reject a message that breaks a limit, and a rejected alert is
// a lost alert, so every piece is cut to its limit here.

// ── Slack ──────────────────────────────────────────────────────────────────

export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  contextText: 3000,
  buttonText: 75,
  buttonUrl: 3000,
  /** Top-level `text`: Slack truncates past 40,000; stay well inside. */
  text: 4000,
} as const;

/** Slack's three control characters; everything else in mrkdwn is literal. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A URL safe inside `<url|text>`: its own `|` and angle brackets would end the link. */
function slackUrl(url: string): string {
  return url.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C");
}

const SAFE_LINK = /^(https?:|mailto:)/i;

// One pass over a line of Markdown (outside code), longest constructs first.
// Link targets may hold one level of balanced parentheses, as CommonMark allows.
const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|(!?)\[([^\]]*)\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))+)>?(?:\s+"[^"]*")?\s*\)|<((?:https?:\/\/|mailto:)[^\s>]+)>|\*\*\*(?=\S)([\s\S]*?\S)\*\*\*|\*\*(?=\S)([\s\S]*?\S)\*\*|__(?=\S)([\s\S]*?\S)__|~~(?=\S)([\s\S]*?\S)~~|\*(?=[^\s*])([^*]*?[^\s*])\*|(?<![\w])_(?=[^\s_])([^_]*?[^\s_])_(?![\w])/g;

function inlineToMrkdwn(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += escapeSlack(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [, ticks, code, bang, linkText, linkUrl, autolink, boldEm, bold1, bold2, strike, em1, em2] = m;
    // A Slack code span cannot hold a backtick: show a look-alike instead.
    if (ticks !== undefined) out += `\`${escapeSlack((code ?? "").replace(/`/g, "ˋ"))}\``;
    else if (linkUrl !== undefined) {
      const label = linkText?.trim() || (bang ? "image" : linkUrl);
      out += SAFE_LINK.test(linkUrl) ? `<${slackUrl(linkUrl)}|${escapeSlack(label)}>` : escapeSlack(label);
    } else if (autolink !== undefined) out += `<${slackUrl(autolink)}>`;
    else if (boldEm !== undefined) out += `*_${inlineToMrkdwn(boldEm)}_*`;
    else if (bold1 !== undefined || bold2 !== undefined) out += `*${inlineToMrkdwn(bold1 ?? bold2 ?? "")}*`;
    else if (strike !== undefined) out += `~${inlineToMrkdwn(strike)}~`;
    else out += `_${inlineToMrkdwn(em1 ?? em2 ?? "")}_`;
  }
  return out + escapeSlack(text.slice(last));
}

/**
 * Staff's Markdown as Slack mrkdwn: **bold** → *bold*, *em* → _em_, ~~x~~ → ~x~,
 * [t](u) → <u|t> (http, https and mailto only), headings → bold lines, list bullets → •,
 * code kept; & < > escaped everywhere else, so no text can become a mention or a link.
 */
export function markdownToMrkdwn(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) {
        out.push("```");
        fence = null;
      } else out.push(escapeSlack(line));
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      out.push("```");
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line))) out.push(`*${inlineToMrkdwn(m[1]!)}*`);
    else if (/^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/.test(line)) out.push("───");
    else if ((m = /^(\s*)[-*+]\s+(.*)$/.exec(line))) out.push(`${m[1]}• ${inlineToMrkdwn(m[2]!)}`);
    else if ((m = /^\s{0,3}>\s?(.*)$/.exec(line))) out.push(`> ${inlineToMrkdwn(m[1]!)}`);
    else out.push(inlineToMrkdwn(line));
  }
  if (fence !== null) out.push("```");
  return out.join("\n");
}

/**
 * truncate() for mrkdwn: also never ends inside a <link|text> or an &entity;, and
 * closes a code block it cut into.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const closing = "\n```";
  // Leave room to close a fence, whether or not it turns out to be needed.
  let cut = truncate(text, max - closing.length, "");
  const lt = cut.lastIndexOf("<");
  if (lt > cut.lastIndexOf(">")) cut = cut.slice(0, lt);
  const amp = cut.lastIndexOf("&");
  if (amp > cut.lastIndexOf(";")) cut = cut.slice(0, amp);
  cut = `${cut.trimEnd()}…`;
  if ((cut.match(/```/g)?.length ?? 0) % 2 === 1) cut += closing;
  return cut;
}

export interface SlackText {
  type: "plain_text" | "mrkdwn";
  text: string;
  emoji?: boolean;
}
export type SlackBlock =
  | { type: "header"; text: SlackText }
  | { type: "section"; text?: SlackText; fields?: SlackText[] }
  | { type: "context"; elements: SlackText[] }
  | { type: "actions"; elements: { type: "button"; text: SlackText; url: string; action_id: string }[] };

export interface SlackMessage {
  /** Shown in notifications and by clients that cannot show blocks. */
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

const mrkdwn = (text: string, max: number): SlackText => ({ type: "mrkdwn", text: truncateMrkdwn(text, max) });

/** `<!date^…>` shows the time in each reader's own zone; the fallback names the page's zone. */
function slackDate(iso: string, timeZone: string): string {
  const seconds = Math.floor(new Date(iso).getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${escapeSlack(formatAlertTime(iso, timeZone))}>`;
}

/** Lists items until `max` would be passed, then "and N more". */
function listWithin(items: string[], max: number, separator = ", "): string {
  const joiner = separator.includes("\n") ? "\n" : " ";
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const next = `${out}${i > 0 ? separator : ""}${items[i]}`;
    const left = items.length - i - 1;
    const reserve = left > 0 ? `${joiner}and ${left} more`.length : 0;
    if (next.length + reserve > max) return out ? `${out}${joiner}and ${items.length - i} more` : truncate(items[i]!, max);
    out = next;
  }
  return out;
}

export function renderSlackMessage(event: AlertEvent, links: { incidentUrl: string }): SlackMessage {
  const incidentUrl = checkedUrl(links.incidentUrl, "incidentUrl");
  const { incident, update, page } = event;
  const maintenance = isMaintenanceEvent(event);
  const fields: SlackText[] = [mrkdwn(`*Status*\n${escapeSlack(INCIDENT_STATUS_LABELS[update.status])}`, SLACK_LIMITS.fieldText)];
  if (maintenance && incident.scheduledFor && incident.scheduledUntil) {
    fields.push(
      mrkdwn(`*Window*\n${slackDate(incident.scheduledFor, page.timeZone)} to ${slackDate(incident.scheduledUntil, page.timeZone)}`, SLACK_LIMITS.fieldText),
    );
  } else if (!maintenance) {
    fields.push(mrkdwn(`*Impact*\n${IMPACT_LABELS[incident.impact]}`, SLACK_LIMITS.fieldText));
  }

  const blocks: SlackBlock[] = [
    { type: "header", text: { type: "plain_text", text: truncate(oneLine(incident.name), SLACK_LIMITS.headerText), emoji: true } },
    { type: "section", fields },
  ];
  const body = markdownToMrkdwn(alertMessage(event).trim());
  if (body) blocks.push({ type: "section", text: mrkdwn(body, SLACK_LIMITS.sectionText) });

  const context: SlackText[] = [];
  const components = componentLines(event).map((c) => `${escapeSlack(oneLine(c.name))}: ${componentStatusText(c)}`);
  if (components.length > 0) {
    context.push({ type: "mrkdwn", text: `*Affected:* ${listWithin(components, SLACK_LIMITS.contextText - 20, "; ")}` });
  }
  context.push({
    type: "mrkdwn",
    text: truncateMrkdwn(`Posted ${slackDate(update.displayAt, page.timeZone)} · ${escapeSlack(oneLine(page.name))} status`, SLACK_LIMITS.contextText),
  });
  blocks.push({ type: "context", elements: context });
  if (incidentUrl.length <= SLACK_LIMITS.buttonUrl) {
    blocks.push({
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: "View incident" }, url: incidentUrl, action_id: "view_incident" }],
    });
  }

  return {
    text: truncateMrkdwn(`${escapeSlack(alertTitle(event))} <${slackUrl(incidentUrl)}|View incident>`, SLACK_LIMITS.text),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}

// ── Discord ────────────────────────────────────────────────────────────────

/** Update text Discord embeds keep before components take their share of the 6,000. */
const DESCRIPTION_SHARE = 2000;
/** Room kept for the "And N more" field. */
const MORE_FIELD_SIZE = 300;

export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer and author together. */
  embedTotal: 6000,
} as const;

const DISCORD_COLORS: Record<AlertTone, number> = {
  resolved: 0x2ea043,
  maintenance: 0x1f6feb,
  critical: 0xda3633,
  major: 0xdb6d28,
  minor: 0xd29922,
  none: 0x8b949e,
};

export interface DiscordField {
  name: string;
  value: string;
  inline: boolean;
}
export interface DiscordEmbed {
  title: string;
  url: string;
  description?: string;
  color: number;
  fields: DiscordField[];
  timestamp: string;
  footer: { text: string };
}
export interface DiscordMessage {
  content: string;
  embeds: [DiscordEmbed];
  /** Never ping anyone, whatever the incident text says (@everyone, <@id>, roles). */
  allowed_mentions: { parse: [] };
}

/** The characters Discord counts towards an embed's 6,000. */
export function discordEmbedSize(embed: DiscordEmbed): number {
  return (
    embed.title.length + (embed.description?.length ?? 0) + embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0) + embed.footer.text.length
  );
}

const field = (name: string, value: string, inline: boolean): DiscordField => ({
  name: truncate(oneLine(name), DISCORD_LIMITS.fieldName),
  value: truncate(value, DISCORD_LIMITS.fieldValue),
  inline,
});

/**
 * Discord reads most Markdown as is, but not headings inside embeds: those become bold
 * lines. Mentions need no escaping: embeds never ping, and allowed_mentions is empty.
 */
export function markdownForDiscord(markdown: string): string {
  let inFence = false;
  return markdown
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => {
      if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) inFence = !inFence;
      const heading = inFence ? null : /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
      return heading ? `**${heading[1]}**` : line;
    })
    .join("\n");
}

/** truncate(), closing a code block it cut into. */
export function truncateDiscordMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const closing = "\n```";
  const cut = truncate(text, max - closing.length);
  return (cut.match(/```/g)?.length ?? 0) % 2 === 1 ? cut + closing : cut;
}

export function renderDiscordMessage(event: AlertEvent, links: { incidentUrl: string }): DiscordMessage {
  const incidentUrl = checkedUrl(links.incidentUrl, "incidentUrl");
  const { incident, update, page } = event;
  const maintenance = isMaintenanceEvent(event);

  const fields: DiscordField[] = [field("Status", INCIDENT_STATUS_LABELS[update.status], true)];
  if (maintenance && incident.scheduledFor && incident.scheduledUntil) {
    fields.push(field("Window", formatAlertWindow(incident.scheduledFor, incident.scheduledUntil, page.timeZone), false));
  } else if (!maintenance) {
    fields.push(field("Impact", IMPACT_LABELS[incident.impact], true));
  }
  const embed: DiscordEmbed = {
    title: truncate(oneLine(incident.name), DISCORD_LIMITS.title),
    url: incidentUrl,
    color: DISCORD_COLORS[alertTone(event)],
    fields,
    timestamp: new Date(update.displayAt).toISOString(),
    footer: { text: truncate(`${oneLine(page.name)} status`, DISCORD_LIMITS.footer) },
  };

  // The 6,000-character total is shared: the update text keeps up to DESCRIPTION_SHARE,
  // one field per component fills what that leaves, a last field lists the components
  // that did not fit, and the description then takes whatever remains.
  const body = markdownForDiscord(alertMessage(event).trim());
  const components = componentLines(event);
  let room = DISCORD_LIMITS.embedTotal - discordEmbedSize(embed) - Math.min(body.length, DESCRIPTION_SHARE) - MORE_FIELD_SIZE;
  let shown = 0;
  for (const c of components) {
    const f = field(c.name, componentStatusText(c), true);
    const size = f.name.length + f.value.length;
    // Keep a field free for "And N more" unless this is the last component.
    const free = DISCORD_LIMITS.fields - fields.length - (shown === components.length - 1 ? 0 : 1);
    if (free <= 0 || size > room) break;
    fields.push(f);
    room -= size;
    shown++;
  }
  if (shown < components.length) {
    const rest = components.slice(shown);
    const names = rest.map((c) => `${oneLine(c.name)}: ${COMPONENT_STATUS_LABELS[c.status]}`);
    const name = `And ${rest.length} more`;
    const valueRoom = Math.min(DISCORD_LIMITS.fieldValue, room + MORE_FIELD_SIZE - name.length);
    fields.push(field(name, listWithin(names, valueRoom, "\n"), false));
  }
  const budget = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - discordEmbedSize(embed));
  if (body && budget > 0) embed.description = truncateDiscordMarkdown(body, budget);

  return {
    content: truncate(alertTitle(event), DISCORD_LIMITS.content),
    embeds: [embed],
    allowed_mentions: { parse: [] },
  };
}
