import type { IncidentRecord } from "../incidents/read";
import { renderMarkdown } from "../markdown/render";
import type { FeedEntry } from "./render";

/** A stored incident as a feed entry: Markdown bodies rendered and sanitised, components by position. */
export function toFeedEntry(row: IncidentRecord): FeedEntry {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    impact: row.impact,
    scheduledFor: row.scheduledFor,
    scheduledUntil: row.scheduledUntil,
    // By position alone (groups ignored), as the public incident page lists them.
    components: [...row.components].sort((a, b) => a.position - b.position).map(({ componentId, name, slug }) => ({ id: componentId, name, slug })),
    updates: row.updates.map((u) => ({ status: u.status, bodyHtml: renderMarkdown(u.body), displayAt: u.displayAt })),
  };
}
