// universal: runs in the visitor's browser (bundled by lib/public/page-script.ts).
import { dayStatusOf } from "../day-codes";
import { addDays, formatDayKey } from "../../time/zoned";

// The uptime bars' days. The HTML has one element per bar (components/status/UptimeBars.tsx:
// the days' letters, and words only for the days with something to say); a bar about to be
// seen becomes one button per day here, and one shared popover serves them all:
//
// - One Tab stop per bar (roving tabindex): the arrow keys, Home and End move across its days.
// - Enter or Space (a button's click), a click or a tap opens the day's popover and keeps it
//   open; Escape closes it and focus stays on, or returns to, the day; Tab from an open day
//   goes into the popover's links. Hovering with a mouse previews a day until the pointer leaves.

const BAR_SELECTOR = ".uptime-bars[data-days]";
const DAY_SELECTOR = ".uptime-bars > button[data-day]";
const HOVER_CLOSE_MS = 200;
const GAP_PX = 8;
/** Bars past this many are made interactive as they scroll near the viewport, not all at load. */
const EAGER_BARS = 40;

type DayNote = [label: string, lines: string[], incidents: [id: string, name: string][]];

interface Words {
  incidents: string;
  noDowntime: string;
  noData: string;
  quietDay: string;
  noDataDay: string;
}

function readNotes(bar: HTMLElement): Record<string, DayNote> {
  try {
    const notes: unknown = JSON.parse(bar.dataset.notes ?? "{}");
    return notes !== null && typeof notes === "object" ? (notes as Record<string, DayNote>) : {};
  } catch {
    return {};
  }
}

/** Makes one bar's day buttons. */
function makeInteractive(bar: HTMLElement, words: Words, locale: string): void {
  if (bar.hasAttribute("data-interactive")) return;
  const codes = bar.dataset.days ?? "";
  const from = bar.dataset.from ?? "";
  const notes = readNotes(bar);
  const buttons: HTMLButtonElement[] = [];
  for (let i = 0; i < codes.length; i++) {
    const day = addDays(from, i);
    const status = dayStatusOf(codes[i]!);
    const note = notes[i];
    const button = document.createElement("button");
    button.type = "button";
    button.tabIndex = i === codes.length - 1 ? 0 : -1;
    button.dataset.day = day;
    button.dataset.status = status;
    button.setAttribute("aria-label", note?.[0] ?? (status === "no_data" ? words.noDataDay : words.quietDay).replace("{date}", formatDayKey(day, locale)));
    if (note?.[1].length) button.dataset.details = note[1].join("\n");
    if (note?.[2].length) button.dataset.incidents = JSON.stringify(note[2]);
    buttons.push(button);
  }
  bar.replaceChildren(...buttons);
  bar.style.backgroundImage = "";
  bar.setAttribute("role", "group");
  bar.setAttribute("data-interactive", "");
}

/** Makes every bar under `root` interactive: at once for a few, else as each nears the viewport. */
export function enhanceBars(root: ParentNode, popover: DayPopover): void {
  const bars = Array.from(root.querySelectorAll<HTMLElement>(BAR_SELECTOR));
  if (bars.length <= EAGER_BARS || typeof IntersectionObserver === "undefined") {
    for (const bar of bars) popover.enhance(bar);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        popover.enhance(entry.target as HTMLElement);
      }
    },
    { rootMargin: "400px 0px" },
  );
  for (const bar of bars) observer.observe(bar);
}

function dayButton(target: EventTarget | null): HTMLButtonElement | null {
  return target instanceof Element ? target.closest<HTMLButtonElement>(DAY_SELECTOR) : null;
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

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

interface Shown {
  button: HTMLButtonElement;
  /** Opened by a click, tap or key (stays until closed), not by hovering. */
  pinned: boolean;
}

/**
 * The page's one day popover, found by id each time: a live refresh swaps in a new copy of it
 * (with the bars), and the listeners here stay.
 */
export class DayPopover {
  private shown: Shown | null = null;
  private closeTimer: number | undefined;

  constructor(
    private readonly id: string,
    private readonly locale: string,
  ) {
    this.listen();
  }

  private get el(): HTMLElement {
    return document.getElementById(this.id) ?? document.createElement("div");
  }

  private get words(): Words {
    const d = this.el.dataset;
    return {
      incidents: d.textIncidents ?? "",
      noDowntime: d.textNoDowntime ?? "",
      noData: d.textNoData ?? "",
      quietDay: d.textQuietDay ?? "{date}",
      noDataDay: d.textNoDataDay ?? "{date}",
    };
  }

  enhance(bar: HTMLElement): void {
    makeInteractive(bar, this.words, this.locale);
  }

  private show(next: Shown | null): void {
    const previous = this.shown;
    if (previous && previous.button !== next?.button) {
      previous.button.removeAttribute("aria-expanded");
      previous.button.removeAttribute("aria-controls");
    }
    this.shown = next;
    const el = this.el;
    if (!next) {
      if (el.isConnected && el.matches(":popover-open")) el.hidePopover();
      return;
    }
    next.button.setAttribute("aria-expanded", "true");
    next.button.setAttribute("aria-controls", this.id);
    this.fill(el, next.button);
    if (!el.matches(":popover-open")) el.showPopover();
    this.place();
  }

  private fill(popover: HTMLElement, button: HTMLButtonElement): void {
    const { day = "", details, incidents, status } = button.dataset;
    const parts: HTMLElement[] = [];
    const words = this.words;
    const title = element("p", "day-title", formatDayKey(day, this.locale));
    title.id = `${this.id}-title`;
    parts.push(title);
    const lines = details ? details.split("\n") : [];
    if (status === "no_data") parts.push(element("p", "day-quiet", words.noData));
    else if (lines.length === 0) parts.push(element("p", "day-quiet", words.noDowntime));
    else {
      const list = element("ul", "day-lines");
      for (const line of lines) list.append(element("li", "", line));
      parts.push(list);
    }
    let pairs: unknown = [];
    try {
      pairs = JSON.parse(incidents ?? "[]");
    } catch {
      // no incidents then
    }
    if (Array.isArray(pairs) && pairs.length > 0) {
      parts.push(element("p", "day-incidents-heading", words.incidents));
      const list = element("ul", "day-incidents");
      for (const pair of pairs) {
        if (!Array.isArray(pair) || typeof pair[0] !== "string" || typeof pair[1] !== "string") continue;
        const link = element("a", "", pair[1]);
        link.href = `/incidents/${encodeURIComponent(pair[0])}`;
        const item = element("li", "");
        item.append(link);
        list.append(item);
      }
      parts.push(list);
    }
    popover.replaceChildren(...parts);
  }

  /** Below the day (above it when there is no room), inside the viewport. */
  private readonly place = () => {
    if (!this.shown) return;
    const day = this.shown.button.getBoundingClientRect();
    const box = this.el.getBoundingClientRect();
    const left = Math.min(Math.max(day.left + day.width / 2 - box.width / 2, GAP_PX), window.innerWidth - box.width - GAP_PX);
    const below = day.bottom + GAP_PX;
    const top = below + box.height <= window.innerHeight || day.top - box.height - GAP_PX < 0 ? below : day.top - box.height - GAP_PX;
    this.el.style.left = `${Math.max(left, GAP_PX)}px`;
    this.el.style.top = `${top}px`;
  };

  private close(returnFocus: boolean): void {
    const current = this.shown;
    if (!current) return;
    const focusInside = this.el.contains(document.activeElement);
    this.show(null);
    if (returnFocus && focusInside) current.button.focus();
  }

  private listen(): void {
    const cancelHoverClose = () => window.clearTimeout(this.closeTimer);
    const inPopover = (target: EventTarget | null) => target instanceof Node && this.el.contains(target);

    document.addEventListener("click", (event) => {
      const button = dayButton(event.target);
      if (!button) return;
      cancelHoverClose();
      moveTabStop(button);
      if (this.shown?.button === button && this.shown.pinned) this.show(null);
      else this.show({ button, pinned: true });
    });
    document.addEventListener("keydown", (event) => {
      const current = this.shown;
      if (event.key === "Escape" && current) {
        event.preventDefault();
        this.close(true);
        return;
      }
      const button = dayButton(event.target);
      if (!button) return;
      if (event.key === "Tab" && !event.shiftKey && current?.button === button) {
        const first = this.el.querySelector<HTMLElement>("a[href]");
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
      if (current) this.show({ button: target, pinned: true }); // an open popover follows the focus
    });
    document.addEventListener("pointerover", (event) => {
      if (event.pointerType !== "mouse") return;
      if (inPopover(event.target)) return cancelHoverClose();
      const button = dayButton(event.target);
      if (!button) return;
      cancelHoverClose();
      if (!this.shown?.pinned) this.show({ button, pinned: false });
    });
    document.addEventListener("pointerout", (event) => {
      if (event.pointerType !== "mouse" || this.shown?.pinned) return;
      if (!dayButton(event.target) && !inPopover(event.target)) return;
      cancelHoverClose();
      this.closeTimer = window.setTimeout(() => {
        if (!this.shown?.pinned) this.show(null);
      }, HOVER_CLOSE_MS);
    });
    // Light dismiss: a press anywhere but a day or the popover closes it.
    document.addEventListener("pointerdown", (event) => {
      if (this.shown && !dayButton(event.target) && !inPopover(event.target)) this.show(null);
    });
    // Focus leaving both the popover and its day (Tab past the last link) closes it.
    document.addEventListener("focusin", (event) => {
      const current = this.shown;
      if (current?.pinned && event.target !== current.button && !dayButton(event.target) && !inPopover(event.target)) this.show(null);
    });
    window.addEventListener("scroll", this.place, { passive: true, capture: true });
    window.addEventListener("resize", this.place);
  }

  /** A live refresh replaced the bars: the day shown is gone. */
  reset(): void {
    this.shown = null;
  }
}
