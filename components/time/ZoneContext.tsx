"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";

// Which zone the public page's dates and times are read in. The server always renders the
// page's zone (so every cached copy is the same); "Show in my time zone" switches every
// time and every day heading on the page together, and is remembered in this browser.

const STORAGE_KEY = "vigil-time-zone";

export interface ZoneState {
  /** The zone times are shown in now. */
  timeZone: string;
  pageTimeZone: string;
  /** The browser's zone, once known (null before hydration, and without JavaScript). */
  viewerTimeZone: string | null;
  /** True when showing the viewer's zone. */
  viewer: boolean;
  locale: string;
  setViewer: (on: boolean) => void;
}

const ZoneContext = createContext<ZoneState | null>(null);

export function ZoneProvider({ pageTimeZone, locale, children }: { pageTimeZone: string; locale: string; children: React.ReactNode }) {
  const [viewerTimeZone, setViewerTimeZone] = useState<string | null>(null);
  const [viewer, setViewerState] = useState(false);
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setViewerTimeZone(zone);
    if (zone !== pageTimeZone && readChoice()) setViewerState(true);
  }, [pageTimeZone]);
  const setViewer = useCallback((on: boolean) => {
    setViewerState(on);
    try {
      if (on) localStorage.setItem(STORAGE_KEY, "viewer");
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // storage refused (private mode): the choice lasts for this page only
    }
  }, []);
  const value = useMemo<ZoneState>(
    () => ({
      timeZone: viewer && viewerTimeZone ? viewerTimeZone : pageTimeZone,
      pageTimeZone,
      viewerTimeZone,
      viewer: viewer && viewerTimeZone !== null,
      locale,
      setViewer,
    }),
    [viewer, viewerTimeZone, pageTimeZone, locale, setViewer],
  );
  return <ZoneContext.Provider value={value}>{children}</ZoneContext.Provider>;
}

function readChoice(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === "viewer";
  } catch {
    return false;
  }
}

export function useZone(): ZoneState {
  const zone = useContext(ZoneContext);
  if (!zone) throw new Error("a zoned time needs a ZoneProvider above it (PublicShell has one)");
  return zone;
}
