// universal: the visitor's browser runs it too (components/time/).
// Calendar days in the page's IANA time zone. A "day key" is YYYY-MM-DD in that zone.

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

function zonedParts(date: Date, timeZone: string) {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(date)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function zonedDayKey(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** Offset of the zone from UTC at an instant, in milliseconds. */
function offsetMs(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** The instant a zoned calendar day starts (DST-safe: re-checks the offset at the guess). */
export function startOfZonedDay(dayKey: string, timeZone: string): Date {
  const [y, m, d] = dayKey.split("-").map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d);
  let guess = naive - offsetMs(new Date(naive), timeZone);
  guess = naive - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

export function addDays(dayKey: string, days: number): string {
  const [y, m, d] = dayKey.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// Display formatting takes the page's (or visitor's) locale as a BCP 47 tag; "en-US" when none
// is given. Every formatter is made once per locale and zone: each Intl formatter holds some
// 13 kB of ICU memory outside the JS heap until it is collected, and the public page formats
// a date for each of its 90 uptime bars per component (90,000 calls at 1,000 components:
// 1.2 GB and 12 s when made per call).
const DEFAULT_LOCALE = "en-US";
const formatters = new Map<string, Intl.DateTimeFormat>();

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

/** The formatter behind formatDateTime (also for ranges: `formatRange`), one per zone and locale. */
export function dateTimeFormatter(timeZone: string, locale: string = DEFAULT_LOCALE): Intl.DateTimeFormat {
  return cached(
    `dt|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        month: "short",
        day: "numeric",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZoneName: "short",
      }),
  );
}

/** "Nov 27, 2026, 14:05 AEDT": an absolute time in `timeZone` that always names the zone (formatNamedZone). */
export function formatDateTime(date: Date, timeZone: string, locale: string = DEFAULT_LOCALE): string {
  return formatNamedZone(timeZone, date, undefined, locale);
}

// ICU's English short zone names depend on the region: en-US names "EST" but not "CET",
// en-GB "CET"/"BST", en-AU "AEDT"/"NZDT", en-IN "IST"... each writes "GMT+13" for the rest.
// The reader's own locale goes first: German readers see "MEZ", Japanese "JST".
const NAMING_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN", "en-ZA", "en-SG"] as const;
const OFFSET_NAME = /^(GMT|UTC)[+\-\u2212]/;

/**
 * The zone's usual abbreviation at an instant, in the reader's locale where it has one
 * ("MEZ" in German), else in English ("NZDT", "CEST", "EST"), else its offset ("GMT+9").
 */
export function zoneAbbreviation(date: Date, timeZone: string, locale: string = DEFAULT_LOCALE): string {
  let offsetName: string | undefined;
  const locales = locale === DEFAULT_LOCALE ? NAMING_LOCALES : [locale, ...NAMING_LOCALES];
  for (const naming of locales) {
    const f = cached(`zn|${naming}|${timeZone}`, () => new Intl.DateTimeFormat(naming, { timeZone, timeZoneName: "short" }));
    const name = f.formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? "";
    if (name && !OFFSET_NAME.test(name)) return name;
    offsetName ??= name || undefined;
  }
  return offsetName ?? timeZone;
}

/**
 * formatDateTime, or a range of two (the date written once when both fall on one day),
 * with the zone's abbreviation where it has one: "Nov 27, 2026, 14:05 NZDT".
 */
export function formatNamedZone(timeZone: string, from: Date, until?: Date, locale: string = DEFAULT_LOCALE): string {
  const f = dateTimeFormatter(timeZone, locale);
  const zone = zoneAbbreviation(from, timeZone, locale);
  if (!until)
    return f
      .formatToParts(from)
      .map((p) => (p.type === "timeZoneName" ? zone : p.value))
      .join("");
  // ICU shares one zone name between the ends even across a DST change: then write both in full.
  if (zoneAbbreviation(until, timeZone, locale) !== zone)
    return `${formatNamedZone(timeZone, from, undefined, locale)} – ${formatNamedZone(timeZone, until, undefined, locale)}`;
  return (
    f
      .formatRangeToParts(from, until)
      .map((p) => (p.type === "timeZoneName" ? zone : p.value))
      .join("")
      // ICU puts thin spaces around a range's dash; plain spaces read the same in every client.
      .replace(/[\u2009\u202f]/g, " ")
  );
}

/** "Nov 27, 2026" ("27. Nov. 2026") for a day key (no zone needed: the key already is one). */
export function formatDayKey(dayKey: string, locale: string = DEFAULT_LOCALE): string {
  const [y, m, d] = dayKey.split("-").map(Number) as [number, number, number];
  const f = cached(`day|${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" }));
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatMonthKey(monthKey: string, locale: string = DEFAULT_LOCALE): string {
  const [y, m] = monthKey.split("-").map(Number) as [number, number];
  const f = cached(`month|${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "long", year: "numeric" }));
  return f.format(new Date(Date.UTC(y, m - 1, 1)));
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "2 hours ago", "in 3 days", "now" ("vor 2 Stunden"), in `locale`. */
export function relativeTime(date: Date, now: Date, locale: string = DEFAULT_LOCALE): string {
  let f = relativeFormats.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    relativeFormats.set(locale, f);
  }
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["year", 365 * 86400],
    ["month", 30 * 86400],
    ["week", 7 * 86400],
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return f.format(Math.trunc(seconds / size), unit);
  }
  return f.format(0, "second");
}

/** "2026-11-27T14:05" as wall-clock time in `timeZone` → the instant (DST-safe like startOfZonedDay). */
export function zonedLocalToDate(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  let guess = naive - offsetMs(new Date(naive), timeZone);
  guess = naive - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** The instant as "YYYY-MM-DDTHH:MM" wall-clock time in `timeZone`, for datetime-local inputs. */
export function toZonedLocal(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * "2026-11-27T14:05:00+01:00": the instant as ISO 8601 wall-clock time in `timeZone` with its
 * offset written out, so a spreadsheet or a contract reads it unambiguously (CSV exports).
 */
export function toZonedIso(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  const offsetMinutes = Math.round(offsetMs(date, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
