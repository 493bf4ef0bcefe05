import { zoneAbbreviation } from "@/lib/time/zoned";
import { pageZone } from "./page-zone";

export interface ZoneToggleText {
  /** "Times are shown in {zone} ({abbreviation}), the page’s time zone.", the placeholders left in for the script to fill. */
  pageNote: string;
  viewerNote: string;
  showMine: string;
  showPage: string;
}

const fill = (template: string, zone: string, abbreviation: string) => template.replace("{zone}", zone).replace("{abbreviation}", abbreviation);

/**
 * Says which zone the page's times are in. The button is hidden in the HTML: the page script
 * (lib/public/client/zone.ts) shows it when the visitor's zone is another, and then every time
 * and day heading changes at once. The templates ride along for the script to fill.
 */
export function ZoneToggle({ text, renderedAt }: { text: ZoneToggleText; renderedAt: string }) {
  const { timeZone, locale } = pageZone();
  return (
    <p
      className="flex min-h-6 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400"
      data-zone-note
      data-time-zone={timeZone}
      data-page-note={text.pageNote}
      data-viewer-note={text.viewerNote}
    >
      <span>{fill(text.pageNote, timeZone, zoneAbbreviation(new Date(renderedAt), timeZone, locale))}</span>
      <button
        type="button"
        hidden
        aria-pressed="false"
        data-zone-toggle
        data-show-mine={text.showMine}
        data-show-page={text.showPage}
        className="rounded border border-zinc-300 px-2 py-0.5 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
      >
        {text.showMine}
      </button>
    </p>
  );
}
