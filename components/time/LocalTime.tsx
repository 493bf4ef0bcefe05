"use client";

import { useEffect, useState } from "react";
import { formatDateTime, relativeTime } from "@/lib/time/zoned";

/**
 * An absolute time that always names its zone. The server renders it in the page's
 * zone; in the browser it switches to the viewer's own zone. Both strings have the
 * same shape and the element is inline, so the switch does not shift the layout.
 */
export function LocalTime({ iso, pageTimeZone }: { iso: string; pageTimeZone: string }) {
  const [text, setText] = useState(() => formatDateTime(new Date(iso), pageTimeZone));
  useEffect(() => setText(formatDateTime(new Date(iso), undefined)), [iso]);
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}

/** "2 hours ago", with the absolute time and its zone in the tooltip. */
export function RelativeTime({ iso, pageTimeZone }: { iso: string; pageTimeZone: string }) {
  const absolute = formatDateTime(new Date(iso), pageTimeZone);
  const [state, setState] = useState({ label: absolute, title: absolute });
  useEffect(() => {
    const update = () => setState({ label: relativeTime(new Date(iso), new Date()), title: formatDateTime(new Date(iso), undefined) });
    update();
    const timer = setInterval(update, 60_000);
    return () => clearInterval(timer);
  }, [iso]);
  return (
    <time dateTime={iso} title={state.title} suppressHydrationWarning>
      {state.label}
    </time>
  );
}
