import { cache } from "react";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";

// The zone and language a public page's times are written in, for this render. PublicShell sets
// it before its children render (React renders parents first), so a time deep in a card needs
// no props threaded through every component. The server always writes the page's zone: every
// visitor gets the same cached bytes, and the page script (lib/public/client/) rewrites the
// times in the visitor's own zone when they ask.
export interface PageZone {
  timeZone: string;
  locale: string;
}

const current = cache((): PageZone => ({ timeZone: "UTC", locale: DEFAULT_LOCALE }));

export function setPageZone(zone: PageZone): void {
  Object.assign(current(), zone);
}

export function pageZone(): PageZone {
  return current();
}
