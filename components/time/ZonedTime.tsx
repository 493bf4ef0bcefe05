"use client";

import { useEffect, useState } from "react";
import { formatDateTime, formatNamedZone, relativeTime } from "@/lib/time/zoned";
import { useZone } from "./ZoneContext";

// Dates and times that follow the page's one rule: in the page's zone with its abbreviation,
// or the visitor's when they asked (ZoneContext). The server's HTML is the page's zone.

/** "Nov 27, 2026, 14:05 NZDT". */
export function ZonedTime({ iso }: { iso: string }) {
  const { timeZone, locale } = useZone();
  return <time dateTime={iso}>{formatDateTime(new Date(iso), timeZone, locale)}</time>;
}

/** A window, "Nov 29, 2026, 02:00 – 04:00 NZDT", the date once when both ends share a day. */
export function ZonedRange({ from, until }: { from: string; until: string }) {
  const { timeZone, locale } = useZone();
  return <time dateTime={`${from}/${until}`}>{formatNamedZone(timeZone, new Date(from), new Date(until), locale)}</time>;
}

/**
 * "3 hours ago" ("vor 3 Stunden"), with the absolute time in the tooltip. The server says it
 * relative to when the page was rendered (`renderedAt`); the browser keeps it current.
 */
export function RelativeTime({ iso, renderedAt }: { iso: string; renderedAt: string }) {
  const { timeZone, locale } = useZone();
  const [now, setNow] = useState(() => new Date(renderedAt));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={iso} title={formatDateTime(new Date(iso), timeZone, locale)} suppressHydrationWarning>
      {relativeTime(new Date(iso), now, locale)}
    </time>
  );
}
