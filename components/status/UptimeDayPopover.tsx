"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { formatDayKey } from "@/lib/time/zoned";

// The one popover of the page's uptime bars, and the bars' keyboard and pointer behaviour,
// by event delegation: the day buttons are plain server-rendered HTML (components/status/
// UptimeBars.tsx) carrying their details in data attributes, so 90 days × every component
// cost no client component and no popover markup each.
//
// - One Tab stop per bar (roving tabindex): the arrow keys, Home and End move across its days.
// - Enter or Space (a button's click), a click or a tap opens the day's popover and keeps it
//   open; Escape closes it and focus stays on, or returns to, the day; Tab from an open day
//   goes into the popover's links. Hovering with a mouse previews a day until the pointer leaves.

export interface UptimeDayPopoverText {
  /** The popover's heading over the day's incidents. */
  incidents: string;
  noDowntime: string;
  noData: string;
}

const DAY_SELECTOR = ".uptime-bars > button[data-day]";
const POPOVER_ID = "uptime-day-popover";
const HOVER_CLOSE_MS = 200;
const GAP_PX = 8;

interface ShownDay {
  button: HTMLButtonElement;
  day: string;
  noData: boolean;
  lines: string[];
  incidents: { id: string; name: string }[];
  /** Opened by a click, tap or key (stays until closed), not by hovering. */
  pinned: boolean;
}

function dayButton(target: EventTarget | null): HTMLButtonElement | null {
  return target instanceof Element ? target.closest<HTMLButtonElement>(DAY_SELECTOR) : null;
}

function parseIncidents(raw: string | undefined): { id: string; name: string }[] {
  if (!raw) return [];
  try {
    const pairs: unknown = JSON.parse(raw);
    if (!Array.isArray(pairs)) return [];
    return pairs.flatMap((p) => (Array.isArray(p) && typeof p[0] === "string" && typeof p[1] === "string" ? [{ id: p[0], name: p[1] }] : []));
  } catch {
    return [];
  }
}

function readDay(button: HTMLButtonElement, pinned: boolean): ShownDay {
  const { day = "", details, incidents, status } = button.dataset;
  return { button, day, noData: status === "no_data", lines: details ? details.split("\n") : [], incidents: parseIncidents(incidents), pinned };
}

/** Makes `target` its bar's one Tab stop. */
function moveTabStop(target: HTMLButtonElement): void {
  for (const b of target.parentElement?.querySelectorAll<HTMLButtonElement>('button[tabindex="0"]') ?? []) if (b !== target) b.tabIndex = -1;
  target.tabIndex = 0;
}

/** The day an arrow key, Home or End moves to from `from`, or null for another key. */
function dayForKey(from: HTMLButtonElement, key: string): HTMLButtonElement | null {
  const days = Array.from(from.parentElement?.querySelectorAll<HTMLButtonElement>("button[data-day]") ?? []);
  const at = days.indexOf(from);
  const index = key === "ArrowLeft" ? at - 1 : key === "ArrowRight" ? at + 1 : key === "Home" ? 0 : key === "End" ? days.length - 1 : null;
  if (index === null) return null;
  return days[Math.min(Math.max(index, 0), days.length - 1)] ?? null;
}

export function UptimeDayPopover({ text, locale }: { text: UptimeDayPopoverText; locale: string }) {
  const popover = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<ShownDay | null>(null);
  const shownRef = useRef<ShownDay | null>(null);
  const closeTimer = useRef<number | undefined>(undefined);

  const show = useCallback((next: ShownDay | null) => {
    const previous = shownRef.current;
    if (previous && previous.button !== next?.button) {
      previous.button.removeAttribute("aria-expanded");
      previous.button.removeAttribute("aria-controls");
    }
    if (next) {
      next.button.setAttribute("aria-expanded", "true");
      next.button.setAttribute("aria-controls", POPOVER_ID);
    }
    shownRef.current = next;
    setShown(next);
  }, []);

  const close = useCallback(
    (returnFocus: boolean) => {
      const current = shownRef.current;
      if (!current) return;
      const focusInside = popover.current?.contains(document.activeElement) ?? false;
      show(null);
      if (returnFocus && focusInside) current.button.focus();
    },
    [show],
  );

  useEffect(() => {
    const cancelHoverClose = () => window.clearTimeout(closeTimer.current);
    const inPopover = (target: EventTarget | null) => target instanceof Node && (popover.current?.contains(target) ?? false);

    const onClick = (event: MouseEvent) => {
      const button = dayButton(event.target);
      if (!button) return;
      cancelHoverClose();
      moveTabStop(button);
      const current = shownRef.current;
      if (current?.button === button && current.pinned) show(null);
      else show(readDay(button, true));
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const current = shownRef.current;
      if (event.key === "Escape" && current) {
        event.preventDefault();
        close(true);
        return;
      }
      const button = dayButton(event.target);
      if (!button) return;
      if (event.key === "Tab" && !event.shiftKey && current?.button === button) {
        const first = popover.current?.querySelector<HTMLElement>("a[href]");
        if (first) {
          event.preventDefault();
          first.focus();
        }
        return;
      }
      const target = dayForKey(button, event.key);
      if (!target) return;
      event.preventDefault();
      moveTabStop(target);
      target.focus();
      if (current) show(readDay(target, true)); // an open popover follows the focus
    };
    const onPointerOver = (event: PointerEvent) => {
      if (event.pointerType !== "mouse") return;
      if (inPopover(event.target)) return cancelHoverClose();
      const button = dayButton(event.target);
      if (!button) return;
      cancelHoverClose();
      if (!shownRef.current?.pinned) show(readDay(button, false));
    };
    const onPointerOut = (event: PointerEvent) => {
      if (event.pointerType !== "mouse" || shownRef.current?.pinned) return;
      if (!dayButton(event.target) && !inPopover(event.target)) return;
      cancelHoverClose();
      closeTimer.current = window.setTimeout(() => {
        if (!shownRef.current?.pinned) show(null);
      }, HOVER_CLOSE_MS);
    };
    // Light dismiss: a press anywhere but a day or the popover closes it.
    const onPointerDown = (event: PointerEvent) => {
      if (shownRef.current && !dayButton(event.target) && !inPopover(event.target)) show(null);
    };
    // Focus leaving both the popover and its day (Tab past the last link) closes it.
    const onFocusIn = (event: FocusEvent) => {
      const current = shownRef.current;
      if (current?.pinned && event.target !== current.button && !dayButton(event.target) && !inPopover(event.target)) show(null);
    };
    const listening = new AbortController();
    const options = { signal: listening.signal };
    document.addEventListener("click", onClick, options);
    document.addEventListener("keydown", onKeyDown, options);
    document.addEventListener("pointerover", onPointerOver, options);
    document.addEventListener("pointerout", onPointerOut, options);
    document.addEventListener("pointerdown", onPointerDown, options);
    document.addEventListener("focusin", onFocusIn, options);
    return () => {
      cancelHoverClose();
      listening.abort();
    };
  }, [show, close]);

  // Open, place below the day (above it when there is no room) inside the viewport, and follow scrolling.
  useLayoutEffect(() => {
    const el = popover.current;
    if (!el) return;
    if (!shown) {
      if (el.matches(":popover-open")) el.hidePopover();
      return;
    }
    if (!el.matches(":popover-open")) el.showPopover();
    const place = () => {
      const day = shown.button.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const left = Math.min(Math.max(day.left + day.width / 2 - box.width / 2, GAP_PX), window.innerWidth - box.width - GAP_PX);
      const below = day.bottom + GAP_PX;
      const top = below + box.height <= window.innerHeight || day.top - box.height - GAP_PX < 0 ? below : day.top - box.height - GAP_PX;
      el.style.left = `${Math.max(left, GAP_PX)}px`;
      el.style.top = `${top}px`;
    };
    place();
    window.addEventListener("scroll", place, { passive: true, capture: true });
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, { capture: true });
      window.removeEventListener("resize", place);
    };
  }, [shown]);

  const titleId = `${POPOVER_ID}-title`;
  return (
    <div
      ref={popover}
      id={POPOVER_ID}
      popover="manual"
      role="dialog"
      aria-labelledby={titleId}
      className="uptime-popover fixed m-0 w-max max-w-[min(20rem,calc(100vw-1rem))] rounded-md border border-zinc-200 bg-white p-3 text-sm text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {shown && (
        <>
          <p id={titleId} className="font-semibold">
            {formatDayKey(shown.day, locale)}
          </p>
          {shown.noData ? (
            <p className="mt-1 text-zinc-600 dark:text-zinc-400">{text.noData}</p>
          ) : shown.lines.length ? (
            <ul className="mt-1 space-y-0.5">
              {shown.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-zinc-600 dark:text-zinc-400">{text.noDowntime}</p>
          )}
          {shown.incidents.length > 0 && (
            <>
              <p className="mt-2 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{text.incidents}</p>
              <ul className="mt-1 space-y-1">
                {shown.incidents.map((incident) => (
                  <li key={incident.id}>
                    <a href={`/incidents/${incident.id}`} className="underline">
                      {incident.name}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
