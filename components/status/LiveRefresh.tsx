"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { delayOnVisible, nextPollDelay, REVISION_HEADER, SNAPSHOT_PATH, shouldRefresh } from "@/lib/public/live";
import { useZone } from "@/components/time/ZoneContext";

// Keeps a public page current while an incident or maintenance is going on (the server renders
// this only then: lib/public/live.ts). Every 30–60 s, drawn again each time, it asks for the
// snapshot's headers with the ETag of what the page shows: a 304 while nothing changed, and
// HEAD, so a change costs no JSON either. A write (a new revision) is fetched at once; a change
// the clock alone made (today's uptime minutes) at most every 5 minutes. Paused while hidden.
//
// On a change it calls router.refresh() rather than fetching the cached HTML and swapping
// <main>: React then reconciles the new server render into the page, so the client components
// keep their state and their listeners (the "Show in my time zone" choice, relative times,
// the uptime popover, open groups), focus and scroll stay where they were, and nothing is
// reloaded. Swapped-in HTML would be dead markup React no longer owns. The price is one
// server render per visitor per change, which the poll's jitter spreads over half a minute.

export interface LiveRefreshText {
  /** The visible line saying the page keeps itself current. */
  note: string;
  /** "Updated {time}", the placeholder left in for the browser to fill. */
  updated: string;
}

/** How long a changed element keeps its highlight (the animation in app/globals.css is shorter). */
const HIGHLIGHT_MS = 3000;

/** Each `[data-live-key]` element's version: what LiveRefresh compares after a refresh to highlight what changed. */
function liveVersions(): Map<string, string> {
  const versions = new Map<string, string>();
  for (const el of document.querySelectorAll<HTMLElement>("[data-live-key]")) versions.set(el.dataset.liveKey!, el.dataset.liveVersion ?? "");
  return versions;
}

function highlightChanges(before: Map<string, string>): void {
  for (const el of document.querySelectorAll<HTMLElement>("[data-live-key]")) {
    if (before.get(el.dataset.liveKey!) === (el.dataset.liveVersion ?? "")) continue;
    el.setAttribute("data-live-changed", "");
    window.setTimeout(() => el.removeAttribute("data-live-changed"), HIGHLIGHT_MS);
  }
}

/** `etag` and `revision`: the snapshot's, as this render shows it. */
export function LiveRefresh({ etag, revision, text }: { etag: string; revision: number; text: LiveRefreshText }) {
  const router = useRouter();
  const { timeZone, locale } = useZone();
  const [refreshing, startTransition] = useTransition();
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  /** The ETag of what the page shows: the render's, or the newer one a poll just saw. */
  const shown = useRef({ etag, revision, at: Date.now() });
  const before = useRef<Map<string, string> | null>(null);

  useEffect(() => {
    shown.current = { etag, revision, at: Date.now() };
  }, [etag, revision]);

  // A refresh has landed (the transition ended, or the new render's ETag arrived, whichever
  // React lets this see): say so, politely, and mark what changed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: etag is a signal here (the new render arrived), not a value the effect reads
  useEffect(() => {
    if (refreshing || !before.current) return;
    highlightChanges(before.current);
    before.current = null;
    setUpdatedAt(new Date());
  }, [refreshing, etag]);

  useEffect(() => {
    let timer: number | undefined;
    let failures = 0;
    let plannedAt = Date.now();
    let planned = nextPollDelay(Math.random());
    let inFlight: AbortController | null = null;

    const arm = (delay: number) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void poll(), delay);
    };
    const plan = (delay: number) => {
      plannedAt = Date.now();
      planned = delay;
      arm(delay);
    };
    const poll = async () => {
      if (document.visibilityState === "hidden") return; // visibilitychange resumes it
      inFlight = new AbortController();
      try {
        const response = await fetch(SNAPSHOT_PATH, {
          method: "HEAD",
          cache: "no-store",
          headers: { "If-None-Match": shown.current.etag },
          signal: inFlight.signal,
        });
        failures = response.status === 304 || response.ok ? 0 : failures + 1;
        const next = response.ok ? response.headers.get("etag") : null;
        const answer = {
          etagChanged: next !== null && next !== shown.current.etag,
          revisionChanged: response.headers.get(REVISION_HEADER) !== String(shown.current.revision),
        };
        if (next && shouldRefresh(answer, Date.now() - shown.current.at)) {
          shown.current = { ...shown.current, etag: next };
          before.current = liveVersions();
          startTransition(() => router.refresh());
        }
      } catch {
        if (inFlight?.signal.aborted) return; // unmounted
        failures++;
      } finally {
        inFlight = null;
      }
      plan(nextPollDelay(Math.random(), failures));
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") window.clearTimeout(timer);
      else arm(delayOnVisible(plannedAt, planned, Date.now()));
    };

    plan(planned);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.clearTimeout(timer);
      inFlight?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [router]);

  const time = updatedAt ? new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(updatedAt) : null;
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-400" data-live-refresh>
      {text.note}
      {/* Announced when a refresh lands; out of sight, so its text never moves the page. */}
      {/* A polite live region, not role="status": the page banner is the page's one status. */}
      <span aria-live="polite" aria-atomic="true" className="sr-only">
        {time ? text.updated.replace("{time}", time) : ""}
      </span>
    </p>
  );
}
