// "Last updated N minutes ago": an open incident nobody has updated for a while leaves
// customers wondering whether anyone is on it (Statuspage and incident.io both nudge
// responders the same way). Pure, so the console's list and incident page agree.

/** Minutes without an update after which the console nudges staff to post one. */
export const STALE_AFTER_MINUTES = 30;

interface OpenRecord {
  kind: string;
  status: string;
  updates: readonly { displayAt: Date }[];
}

/** Statuses in which customers wait for news: an open incident, a maintenance under way. */
const WAITING = new Set(["investigating", "identified", "monitoring", "in_progress", "verifying"]);

/** Whole minutes since the latest update when that is STALE_AFTER_MINUTES or more and customers wait for news; else null. */
export function minutesSinceStaleUpdate(record: OpenRecord, now: Date, threshold = STALE_AFTER_MINUTES): number | null {
  if (!WAITING.has(record.status)) return null;
  const latest = Math.max(...record.updates.map((u) => u.displayAt.getTime()));
  if (!Number.isFinite(latest)) return null;
  const minutes = Math.floor((now.getTime() - latest) / 60_000);
  return minutes >= threshold ? minutes : null;
}

/** "42 minutes", "3 hours 5 minutes", "2 days": how long, for the nudge. */
export function durationText(minutes: number): string {
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes < 60) return part(minutes, "minute");
  if (minutes < 1440) return minutes % 60 === 0 ? part(minutes / 60, "hour") : `${part(Math.floor(minutes / 60), "hour")} ${part(minutes % 60, "minute")}`;
  return part(Math.floor(minutes / 1440), "day");
}
