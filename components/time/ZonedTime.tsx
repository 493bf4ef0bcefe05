import { formatDateTime, formatNamedZone, relativeTime } from "@/lib/time/zoned";
import { pageZone } from "./page-zone";

// Dates and times that follow the page's one rule: written in the page's zone with its
// abbreviation. `data-zoned` lets the page script (lib/public/client/zone.ts) rewrite them in
// the visitor's zone on request, and keep relative times current. Plain HTML without it.

/** "Nov 27, 2026, 14:05 NZDT". */
export function ZonedTime({ iso }: { iso: string }) {
  const { timeZone, locale } = pageZone();
  return (
    <time dateTime={iso} data-zoned="time">
      {formatDateTime(new Date(iso), timeZone, locale)}
    </time>
  );
}

/** A window, "Nov 29, 2026, 02:00 – 04:00 NZDT", the date once when both ends share a day. */
export function ZonedRange({ from, until }: { from: string; until: string }) {
  const { timeZone, locale } = pageZone();
  return (
    <time dateTime={`${from}/${until}`} data-zoned="range">
      {formatNamedZone(timeZone, new Date(from), new Date(until), locale)}
    </time>
  );
}

/** "3 hours ago" ("vor 3 Stunden") as of the render (`renderedAt`), with the absolute time in the tooltip; the script keeps it current. */
export function RelativeTime({ iso, renderedAt }: { iso: string; renderedAt: string }) {
  const { timeZone, locale } = pageZone();
  return (
    <time dateTime={iso} title={formatDateTime(new Date(iso), timeZone, locale)} data-zoned="relative">
      {relativeTime(new Date(iso), new Date(renderedAt), locale)}
    </time>
  );
}
