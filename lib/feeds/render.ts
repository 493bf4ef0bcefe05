import { INCIDENT_STATUS_LABELS, type AnyIncidentStatus, type Impact, type IncidentKind } from "../status/schemas";
import { escapeXml, stripInvalidXmlChars } from "../text/xml";
import { formatDateTime } from "../time/zoned";

// RSS 2.0 and Atom 1.0 documents of incidents and maintenance, as pure functions of
// plain data: no database, no clock. One item per incident (not per update), newest
// first by its latest update; its guid/id is the incident's page URL, so a reader
// shows an incident once and refreshes it as updates arrive.

export const FEED_FORMATS = ["rss", "atom"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_ITEM_LIMIT = 50;

export interface FeedUpdate {
  status: AnyIncidentStatus;
  /** Already sanitised (lib/markdown/render.ts). */
  bodyHtml: string;
  displayAt: Date;
}

export interface FeedEntry {
  id: string;
  kind: IncidentKind;
  name: string;
  status: AnyIncidentStatus;
  impact: Impact;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  /** In page order. */
  components: { id: string; name: string; slug: string }[];
  /** Newest first; never empty (every incident is created with its first update). */
  updates: FeedUpdate[];
}

export interface FeedChannel {
  pageName: string;
  /** The page's public URL, without a trailing slash. */
  pageUrl: string;
  timeZone: string;
  /** The component the feed is limited to, or null for the whole page. */
  component: { name: string; slug: string } | null;
  /** When nothing is listed: a fixed time (not "now"), so the bytes and their ETag stay put between writes. */
  emptyUpdated: Date;
}

// ── XML text ────────────────────────────────────────────────────────────────

// Re-exported so existing importers (this module's tests) keep their path; the one implementation is lib/text/xml.ts.

/** A CDATA section; "]]>" in the text is split across two sections, the only sequence CDATA cannot hold. */
export function cdata(text: string): string {
  return `<![CDATA[${stripInvalidXmlChars(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** RFC 822 (with a four-digit year, as RSS 2.0 expects): "Wed, 14 Jan 2026 09:30:00 GMT". */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** RFC 3339 in UTC, to the second: "2026-01-14T09:30:00Z". */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// ── What a feed lists ───────────────────────────────────────────────────────

/** The time of an entry's latest update (the first: updates are newest first). */
export function entryUpdatedAt(entry: FeedEntry): Date {
  return entry.updates[0]!.displayAt;
}

function entryPublishedAt(entry: FeedEntry): Date {
  return entry.updates.at(-1)!.displayAt;
}

/**
 * The entries a feed lists: those touching the component (when given), newest first by
 * latest update (ties by id, so the order is stable), at most `limit`. The query already
 * narrows rows the same way; this is the rule, and what the unit tests pin down.
 */
export function selectFeedEntries(entries: readonly FeedEntry[], options: { componentId: string | null; limit?: number }): FeedEntry[] {
  const { componentId, limit = FEED_ITEM_LIMIT } = options;
  return entries
    .filter((e) => e.updates.length > 0)
    .filter((e) => componentId === null || e.components.some((c) => c.id === componentId))
    .sort((a, b) => entryUpdatedAt(b).getTime() - entryUpdatedAt(a).getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit);
}

// ── Shared wording ──────────────────────────────────────────────────────────

export function feedPath(format: FeedFormat, componentSlug: string | null): string {
  return `/feed.${format}${componentSlug === null ? "" : `?component=${encodeURIComponent(componentSlug)}`}`;
}

export function entryUrl(channel: FeedChannel, entry: Pick<FeedEntry, "id">): string {
  return `${channel.pageUrl}/incidents/${encodeURIComponent(entry.id)}`;
}

/** A maintenance says so in its title: the two kinds share one feed. */
export function entryTitle(entry: Pick<FeedEntry, "kind" | "name">): string {
  return entry.kind === "maintenance" ? `Maintenance: ${entry.name}` : entry.name;
}

function channelTitle(channel: FeedChannel): string {
  return channel.component ? `${channel.pageName} Status: ${channel.component.name}` : `${channel.pageName} Status`;
}

function channelDescription(channel: FeedChannel): string {
  return channel.component
    ? `Incidents and scheduled maintenance affecting ${channel.component.name} on ${channel.pageName}`
    : `Incidents and scheduled maintenance for ${channel.pageName}`;
}

const IMPACT_LABELS: Record<Impact, string> = { none: "None", minor: "Minor", major: "Major", critical: "Critical" };

/**
 * An entry as HTML: its current status (and impact or window), the components it
 * touches, then every update newest first, as the incident page shows them. Text is
 * escaped here; update bodies are already sanitised HTML.
 */
export function entryHtml(entry: FeedEntry, timeZone: string): string {
  const when = (d: Date) => escapeXml(formatDateTime(d, timeZone));
  const summary =
    entry.kind === "maintenance" && entry.scheduledFor && entry.scheduledUntil
      ? `<p><strong>${escapeXml(INCIDENT_STATUS_LABELS[entry.status])}</strong>: ${when(entry.scheduledFor)} – ${when(entry.scheduledUntil)}</p>`
      : `<p><strong>${escapeXml(INCIDENT_STATUS_LABELS[entry.status])}</strong>` +
        (entry.kind === "incident" ? ` · Impact: ${IMPACT_LABELS[entry.impact]}` : "") +
        `</p>`;
  const components =
    entry.components.length > 0
      ? `<p>${entry.kind === "maintenance" ? "Components" : "Affected"}: ${entry.components.map((c) => escapeXml(c.name)).join(", ")}</p>`
      : "";
  const updates = entry.updates
    .map((u) => `<p><strong>${escapeXml(INCIDENT_STATUS_LABELS[u.status])}</strong> – ${when(u.displayAt)}</p>\n${u.bodyHtml}`)
    .join("\n");
  return `${summary}\n${components}${components ? "\n" : ""}<hr>\n${updates}`;
}

function feedUpdated(channel: FeedChannel, entries: readonly FeedEntry[]): Date {
  return entries.length > 0 ? entryUpdatedAt(entries[0]!) : channel.emptyUpdated;
}

// ── Documents ───────────────────────────────────────────────────────────────

/** RSS 2.0, with atom:link rel="self" as the RSS Advisory Board recommends. `entries` come from selectFeedEntries. */
export function renderRss(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const self = `${channel.pageUrl}${feedPath("rss", channel.component?.slug ?? null)}`;
  const items = entries.map((entry) => {
    const url = escapeXml(entryUrl(channel, entry));
    return [
      "    <item>",
      `      <title>${escapeXml(entryTitle(entry))}</title>`,
      `      <link>${url}</link>`,
      `      <guid isPermaLink="true">${url}</guid>`,
      `      <pubDate>${rfc822(entryUpdatedAt(entry))}</pubDate>`,
      ...entry.components.map((c) => `      <category>${escapeXml(c.name)}</category>`),
      `      <description>${cdata(entryHtml(entry, channel.timeZone))}</description>`,
      "    </item>",
    ].join("\n");
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">`,
    "  <channel>",
    `    <title>${escapeXml(channelTitle(channel))}</title>`,
    `    <link>${escapeXml(channel.pageUrl)}</link>`,
    `    <description>${escapeXml(channelDescription(channel))}</description>`,
    "    <language>en</language>",
    `    <lastBuildDate>${rfc822(feedUpdated(channel, entries))}</lastBuildDate>`,
    "    <generator>Vigil</generator>",
    `    <atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}

/** Atom 1.0 (RFC 4287): the feed's id is its own URL; content is entity-escaped HTML. `entries` come from selectFeedEntries. */
export function renderAtom(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const self = escapeXml(`${channel.pageUrl}${feedPath("atom", channel.component?.slug ?? null)}`);
  const items = entries.map((entry) => {
    const url = escapeXml(entryUrl(channel, entry));
    return [
      "  <entry>",
      `    <id>${url}</id>`,
      `    <title type="text">${escapeXml(entryTitle(entry))}</title>`,
      `    <updated>${rfc3339(entryUpdatedAt(entry))}</updated>`,
      `    <published>${rfc3339(entryPublishedAt(entry))}</published>`,
      `    <link rel="alternate" type="text/html" href="${url}"/>`,
      ...entry.components.map((c) => `    <category term="${escapeXml(c.slug)}" label="${escapeXml(c.name)}"/>`),
      `    <content type="html">${escapeXml(entryHtml(entry, channel.timeZone))}</content>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`,
    `  <id>${self}</id>`,
    `  <title type="text">${escapeXml(channelTitle(channel))}</title>`,
    `  <subtitle type="text">${escapeXml(channelDescription(channel))}</subtitle>`,
    `  <updated>${rfc3339(feedUpdated(channel, entries))}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${self}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(channel.pageUrl)}"/>`,
    `  <author>`,
    `    <name>${escapeXml(channel.pageName)}</name>`,
    `    <uri>${escapeXml(channel.pageUrl)}</uri>`,
    `  </author>`,
    "  <generator>Vigil</generator>",
    ...items,
    "</feed>",
    "",
  ].join("\n");
}

export function renderFeed(format: FeedFormat, channel: FeedChannel, entries: readonly FeedEntry[]): string {
  return format === "rss" ? renderRss(channel, entries) : renderAtom(channel, entries);
}
