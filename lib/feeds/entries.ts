import { renderMarkdown } from "../markdown/render";
import type { AnyIncidentStatus, Impact, IncidentKind } from "../status/schemas";
import type { FeedIncidentRow } from "./queries";
import type { FeedEntry } from "./render";

/** A stored incident as a feed entry: Markdown bodies rendered and sanitised, components in page order. */
export function toFeedEntry(row: FeedIncidentRow): FeedEntry {
  return {
    id: row.id,
    kind: row.kind as IncidentKind,
    name: row.name,
    status: row.status as AnyIncidentStatus,
    impact: row.impact as Impact,
    scheduledFor: row.scheduledFor,
    scheduledUntil: row.scheduledUntil,
    components: row.components
      .map((c) => c.component)
      .sort((a, b) => a.position - b.position)
      .map(({ id, name, slug }) => ({ id, name, slug })),
    updates: row.updates.map((u) => ({ status: u.status as AnyIncidentStatus, bodyHtml: renderMarkdown(u.body), displayAt: u.displayAt })),
  };
}
