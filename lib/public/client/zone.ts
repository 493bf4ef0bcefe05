// universal: runs in the visitor's browser (bundled by lib/public/page-script.ts).
import { groupByPeriod, headingKeys, type PeriodUnit } from "../../time/periods";
import { formatDateTime, formatDayKey, formatMonthKey, formatNamedZone, relativeTime, zoneAbbreviation } from "../../time/zoned";

// "Show in my time zone": the server writes every time in the page's zone (one cached copy for
// everyone); this rewrites every `time[data-zoned]`, the zone note and the incident lists'
// day or month headings (lib/time/periods.ts, the server's own rule) in the visitor's zone,
// all at once, and remembers the choice in this browser. Relative times ("3 hours ago") are
// kept current either way.

const STORAGE_KEY = "vigil-time-zone";

export interface PageFacts {
  pageZone: string;
  locale: string;
  renderedAt: Date;
}

function readChoice(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === "viewer";
  } catch {
    return false; // storage refused (private mode)
  }
}

function storeChoice(viewer: boolean): void {
  try {
    if (viewer) localStorage.setItem(STORAGE_KEY, "viewer");
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // the choice lasts for this page only
  }
}

const fill = (template: string, zone: string, abbreviation: string) => template.replace("{zone}", zone).replace("{abbreviation}", abbreviation);

function rewriteTimes(root: ParentNode, zone: string, locale: string, now: Date): void {
  for (const el of root.querySelectorAll<HTMLTimeElement>("time[data-zoned]")) {
    const [from = "", until] = el.dateTime.split("/");
    const kind = el.dataset.zoned;
    if (kind === "range" && until) el.textContent = formatNamedZone(zone, new Date(from), new Date(until), locale);
    else if (kind === "relative") {
      el.title = formatDateTime(new Date(from), zone, locale);
      el.textContent = relativeTime(new Date(from), now, locale);
    } else el.textContent = formatDateTime(new Date(from), zone, locale);
  }
}

function periodLabel(unit: PeriodUnit, key: string, locale: string): string {
  return unit === "day" ? formatDayKey(key, locale) : formatMonthKey(key, locale);
}

/** One heading for `key`, from the list's template (what the server renders for a period). */
function periodSection(list: HTMLElement, unit: PeriodUnit, key: string, locale: string): HTMLElement {
  const template = list.querySelector<HTMLTemplateElement>(":scope > template[data-period-template]");
  const section = (template?.content.firstElementChild?.cloneNode(true) as HTMLElement | undefined) ?? document.createElement("section");
  const label = periodLabel(unit, key, locale);
  const heading = section.querySelector("h2, h3");
  if (heading) heading.textContent = label;
  if (unit === "day") {
    section.dataset.day = key;
    section.setAttribute("aria-label", label);
  } else {
    section.dataset.month = key;
    section.setAttribute("aria-labelledby", `m-${key}`);
    if (heading) heading.id = `m-${key}`;
  }
  return section;
}

/** Regroups one incident list's items under the periods of `zone`. */
function regroup(list: HTMLElement, zone: string, locale: string, now: Date): void {
  const unit = list.dataset.periods === "month" ? "month" : "day";
  const pageKeys = (list.dataset.keys ?? "").split(" ").filter(Boolean);
  const items = Array.from(list.querySelectorAll<HTMLElement>(":scope > section > [data-at]"));
  const keys = headingKeys(unit, pageKeys, now, zone);
  const groups = groupByPeriod(items, (el) => el.dataset.at ?? "", { timeZone: zone, unit, keys, outside: "add" });
  const emptyTemplate = list.querySelector<HTMLTemplateElement>(":scope > template[data-period-empty-template]");
  for (const section of list.querySelectorAll(":scope > section")) section.remove();
  for (const { key, items: members } of groups) {
    const section = periodSection(list, unit, key, locale);
    if (members.length > 0) section.append(...members);
    else if (emptyTemplate) section.append(emptyTemplate.content.cloneNode(true));
    list.append(section);
  }
}

export class ZoneView {
  readonly viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  private viewer = false;

  constructor(private readonly facts: PageFacts) {
    this.viewer = this.viewerZone !== facts.pageZone && readChoice();
    document.addEventListener("click", (event) => {
      if (event.target instanceof Element && event.target.closest("[data-zone-toggle]")) this.choose(!this.viewer);
    });
    window.setInterval(() => this.refreshRelative(), 60_000);
  }

  get zone(): string {
    return this.viewer ? this.viewerZone : this.facts.pageZone;
  }

  private choose(viewer: boolean): void {
    this.viewer = viewer;
    storeChoice(viewer);
    this.apply(document, true);
  }

  private refreshRelative(root: ParentNode = document): void {
    for (const el of root.querySelectorAll<HTMLTimeElement>('time[data-zoned="relative"]'))
      el.textContent = relativeTime(new Date(el.dateTime), new Date(), this.facts.locale);
  }

  /**
   * Writes `root`'s times, headings and zone note in the chosen zone: at load, after a live
   * refresh swapped in the server's HTML (which is in the page's zone), and on the toggle
   * (`switched`: back to the page's zone, everything is rewritten too).
   */
  apply(root: ParentNode, switched = false): void {
    const { locale } = this.facts;
    const zone = this.zone;
    if (this.viewer || switched) {
      const now = new Date();
      rewriteTimes(root, zone, locale, now);
      for (const list of root.querySelectorAll<HTMLElement>("[data-periods]")) regroup(list, zone, locale, now);
    } else this.refreshRelative(root);
    for (const note of root.querySelectorAll<HTMLElement>("[data-zone-note]")) {
      const template = this.viewer ? note.dataset.viewerNote : note.dataset.pageNote;
      const text = note.querySelector("span");
      if (text && template) text.textContent = fill(template, zone, zoneAbbreviation(this.facts.renderedAt, zone, locale));
      note.dataset.timeZone = zone;
      const button = note.querySelector<HTMLButtonElement>("[data-zone-toggle]");
      if (!button) continue;
      button.hidden = this.viewerZone === this.facts.pageZone;
      button.setAttribute("aria-pressed", String(this.viewer));
      button.textContent = (this.viewer ? button.dataset.showPage : button.dataset.showMine) ?? "";
    }
  }
}
