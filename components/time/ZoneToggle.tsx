"use client";

import { zoneAbbreviation } from "@/lib/time/zoned";
import { useZone } from "./ZoneContext";

export interface ZoneToggleText {
  /** "Times are shown in {zone} ({abbreviation}), the page’s time zone.", the placeholders left in for the browser to fill. */
  pageNote: string;
  viewerNote: string;
  showMine: string;
  showPage: string;
}

const fill = (template: string, zone: string, abbreviation: string) => template.replace("{zone}", zone).replace("{abbreviation}", abbreviation);

/**
 * Says which zone the page's times are in and, with JavaScript and when the visitor's zone is
 * another, offers to show them in the visitor's own: every time and day heading changes at once.
 */
export function ZoneToggle({ text, renderedAt }: { text: ZoneToggleText; renderedAt: string }) {
  const { timeZone, pageTimeZone, viewerTimeZone, viewer, locale, setViewer } = useZone();
  const note = fill(viewer ? text.viewerNote : text.pageNote, timeZone, zoneAbbreviation(new Date(renderedAt), timeZone, locale));
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" data-time-zone={timeZone}>
      <span>{note}</span>
      {viewerTimeZone && viewerTimeZone !== pageTimeZone && (
        <button
          type="button"
          aria-pressed={viewer}
          onClick={() => setViewer(!viewer)}
          className="rounded border border-zinc-300 px-2 py-0.5 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          {viewer ? text.showPage : text.showMine}
        </button>
      )}
    </p>
  );
}
