// universal: the server decides whether a page refreshes itself, the browser when it next looks.
import type { IncidentView } from "./types";

// The public page re-checks itself only while something is going on: an open incident or a
// maintenance in progress. Each visitor polls the snapshot's ETag (a 304 while nothing
// changed) at a random moment in [POLL_MIN_MS, POLL_MAX_MS), drawn again for every poll, so
// a crowd that arrived with the same news does not come back in step.

/** The snapshot's address (served from memory with an ETag: lib/public/html.ts). */
export const SNAPSHOT_PATH = "/api/public/snapshot";
/** The snapshot's page revision, on its 200s and 304s: bumped by every write the page shows. */
export const REVISION_HEADER = "X-Vigil-Revision";
/**
 * The snapshot's bytes also change with the clock alone (its time, today's uptime minutes, the
 * response-time charts: rebuilt at least once a minute). Such a change is fetched at most this
 * often; a write (a new revision) at the next poll.
 */
export const CLOCK_REFRESH_MS = 5 * 60_000;

export const POLL_MIN_MS = 30_000;
export const POLL_MAX_MS = 60_000;
/** After failed polls (the server away, a proxy's 5xx) the wait doubles up to this. */
export const POLL_BACKOFF_MAX_MS = 10 * 60_000;

type LiveIncident = Pick<IncidentView, "kind" | "status" | "resolvedAt">;

/** Whether this incident or maintenance is going on now (an upcoming maintenance is not). */
export function isOngoing(incident: LiveIncident): boolean {
  if (incident.kind === "maintenance") return incident.status === "in_progress" || incident.status === "verifying";
  return incident.resolvedAt === null;
}

/** Whether the home page should refresh itself: something on it is going on. */
export function homeIsLive(snapshot: { openIncidents: readonly LiveIncident[]; maintenances: readonly LiveIncident[] }): boolean {
  return snapshot.openIncidents.some(isOngoing) || snapshot.maintenances.some(isOngoing);
}

/**
 * Milliseconds until the next poll. `random` in [0, 1) spreads visitors over the window;
 * after `failures` failed polls in a row the window doubles each time (30–60 s, 60–120 s, …)
 * up to POLL_BACKOFF_MAX_MS, so a server coming back is not met by everyone at once.
 */
export function nextPollDelay(random: number, failures = 0): number {
  const r = Math.min(Math.max(random, 0), 1);
  const scale = 2 ** Math.min(Math.max(failures, 0), 10);
  const min = Math.min(POLL_MIN_MS * scale, POLL_BACKOFF_MAX_MS / 2);
  const max = Math.min(POLL_MAX_MS * scale, POLL_BACKOFF_MAX_MS);
  return Math.floor(min + r * (max - min));
}

/**
 * When the tab becomes visible again: poll now if a poll is due (one was skipped while it
 * was hidden), else wait out the rest of the planned delay.
 */
export function delayOnVisible(lastPollAt: number, plannedDelay: number, now: number): number {
  return Math.max(0, lastPollAt + plannedDelay - now);
}

/**
 * Whether a poll's answer calls for fetching the page again: the snapshot changed (another
 * ETag) through a write (another revision, or none said, to be safe), or only with the clock
 * and the page is CLOCK_REFRESH_MS old.
 */
export function shouldRefresh(answer: { etagChanged: boolean; revisionChanged: boolean }, pageAgeMs: number): boolean {
  if (!answer.etagChanged) return false;
  return answer.revisionChanged || pageAgeMs >= CLOCK_REFRESH_MS;
}
