import { describe, expect, it } from "vitest";
import {
  addDays,
  formatDateTime,
  formatDayKey,
  formatMonthKey,
  formatNamedZone,
  isValidTimeZone,
  relativeTime,
  startOfZonedDay,
  toZonedIso,
  zoneAbbreviation,
  zonedDayKey,
} from "./zoned";

describe("zoned days", () => {
  it("keys a UTC instant by the zone's calendar day", () => {
    const instant = new Date("2026-03-01T14:30:00Z"); // 01:30 on Mar 2 in Sydney (AEDT, +11)
    expect(zonedDayKey(instant, "Australia/Sydney")).toBe("2026-03-02");
    expect(zonedDayKey(instant, "America/Los_Angeles")).toBe("2026-03-01");
    expect(zonedDayKey(instant, "UTC")).toBe("2026-03-01");
  });

  it.each([
    ["2026-03-02", "Australia/Sydney", "2026-03-01T13:00:00.000Z"],
    ["2026-07-01", "Australia/Sydney", "2026-06-30T14:00:00.000Z"],
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z"], // DST starts at 02:00 that day
    ["2026-03-09", "America/New_York", "2026-03-09T04:00:00.000Z"],
    ["2026-11-27", "UTC", "2026-11-27T00:00:00.000Z"],
  ])("day %s in %s starts at %s", (day, tz, iso) => {
    expect(startOfZonedDay(day, tz).toISOString()).toBe(iso);
  });

  it("adds calendar days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it.each([
    ["Pacific/Auckland", "2026-11-27T01:05:00Z", "NZDT"],
    ["Pacific/Auckland", "2026-07-01T01:05:00Z", "NZST"],
    ["Europe/Berlin", "2026-07-01T00:00:00Z", "CEST"],
    ["Europe/London", "2026-07-01T00:00:00Z", "BST"],
    ["America/New_York", "2026-01-01T00:00:00Z", "EST"],
    ["Asia/Kolkata", "2026-01-01T00:00:00Z", "IST"],
    ["UTC", "2026-01-01T00:00:00Z", "UTC"],
    // No English abbreviation in ICU: the offset.
    ["Asia/Tokyo", "2026-01-01T00:00:00Z", "GMT+9"],
  ])("abbreviates %s at %s as %s", (tz, iso, name) => {
    expect(zoneAbbreviation(new Date(iso), tz)).toBe(name);
  });

  it("writes times and ranges with the zone's abbreviation, both ends in full across a DST change", () => {
    expect(formatNamedZone("Pacific/Auckland", new Date("2026-11-27T01:05:00Z"))).toBe("Nov 27, 2026, 14:05 NZDT");
    expect(formatNamedZone("Pacific/Auckland", new Date("2026-11-27T01:05:00Z"), new Date("2026-11-27T03:05:00Z"))).toBe("Nov 27, 2026, 14:05 – 16:05 NZDT");
    expect(formatNamedZone("America/New_York", new Date("2026-03-08T05:00:00Z"), new Date("2026-03-08T08:00:00Z"))).toBe(
      "Mar 8, 2026, 00:00 EST – Mar 8, 2026, 04:00 EDT",
    );
  });

  it("always names the zone in absolute times, by its abbreviation", () => {
    expect(formatDateTime(new Date("2026-11-27T03:05:00Z"), "Pacific/Auckland")).toBe("Nov 27, 2026, 16:05 NZDT");
    expect(formatDateTime(new Date("2026-11-27T03:05:00Z"), "UTC")).toBe("Nov 27, 2026, 03:05 UTC");
  });

  it("validates zones", () => {
    expect(isValidTimeZone("Australia/Sydney")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });

  it("says relative times", () => {
    const now = new Date("2026-11-27T12:00:00Z");
    expect(relativeTime(new Date("2026-11-27T10:00:00Z"), now)).toBe("2 hours ago");
    expect(relativeTime(new Date("2026-11-27T11:59:30Z"), now)).toBe("now");
    expect(relativeTime(new Date("2026-11-26T12:00:00Z"), now)).toBe("yesterday");
    expect(relativeTime(new Date("2026-11-27T09:00:00Z"), now, "de-DE")).toBe("vor 3 Stunden");
    expect(relativeTime(new Date("2026-11-26T12:00:00Z"), now, "fr-FR")).toBe("hier");
    expect(relativeTime(new Date("2026-11-27T09:00:00Z"), now, "ja-JP")).toBe("3 時間前");
  });

  it.each([
    ["en-US", "Europe/Berlin", "Jan 15, 2026, 13:05 CET"],
    ["en-GB", "Europe/Berlin", "15 Jan 2026, 13:05 CET"],
    ["de-DE", "Europe/Berlin", "15. Jan. 2026, 13:05 MEZ"],
    // No German name for New York's zone: the English abbreviation, not "GMT-5".
    ["de-DE", "America/New_York", "15. Jan. 2026, 07:05 EST"],
    ["fr-FR", "Europe/Paris", "15 janv. 2026, 13:05 CET"],
    ["ja-JP", "Asia/Tokyo", "2026年1月15日 21:05 JST"],
    ["pt-BR", "America/Sao_Paulo", "15 de jan. de 2026, 09:05 BRT"],
  ])("formats in %s (%s): %s", (locale, tz, text) => {
    expect(formatDateTime(new Date("2026-01-15T12:05:00Z"), tz, locale)).toBe(text);
  });

  it("formats day and month headings in the locale", () => {
    expect(formatDayKey("2026-11-27", "de-DE")).toBe("27. Nov. 2026");
    expect(formatDayKey("2026-11-27", "en-GB")).toBe("27 Nov 2026");
    expect(formatDayKey("2026-11-27", "ja-JP")).toBe("2026年11月27日");
    expect(formatMonthKey("2026-03", "fr-FR")).toBe("mars 2026");
    expect(formatMonthKey("2026-03", "es-ES")).toBe("marzo de 2026");
  });

  it.each([
    ["2026-11-27", "Nov 27, 2026"],
    ["2026-01-01", "Jan 1, 2026"],
    ["2024-02-29", "Feb 29, 2024"],
  ])("formats the day key %s as %s, whatever the runtime's zone", (key, text) => {
    expect(formatDayKey(key)).toBe(text);
  });

  it("formats a month key", () => {
    expect(formatMonthKey("2026-11")).toBe("November 2026");
  });
});

describe("zoned wall-clock input", () => {
  it.each([
    ["2026-11-27T14:05", "Pacific/Auckland", "2026-11-27T01:05:00.000Z"],
    ["2026-07-01T09:00", "Europe/London", "2026-07-01T08:00:00.000Z"],
    ["2026-01-15T09:00", "Europe/London", "2026-01-15T09:00:00.000Z"],
  ])("%s in %s is %s, and back", async (local, tz, iso) => {
    const { zonedLocalToDate, toZonedLocal } = await import("./zoned");
    expect(zonedLocalToDate(local, tz)?.toISOString()).toBe(iso);
    expect(toZonedLocal(new Date(iso), tz)).toBe(local);
  });

  it("rejects malformed input", async () => {
    const { zonedLocalToDate } = await import("./zoned");
    expect(zonedLocalToDate("27/11/2026 14:05", "UTC")).toBeNull();
  });
});

describe("toZonedIso", () => {
  it.each([
    ["2026-01-10T09:00:00Z", "Europe/Berlin", "2026-01-10T10:00:00+01:00"],
    ["2026-07-10T09:00:00Z", "Europe/Berlin", "2026-07-10T11:00:00+02:00"],
    ["2026-11-27T14:05:09Z", "UTC", "2026-11-27T14:05:09+00:00"],
    ["2026-03-08T12:00:00Z", "America/New_York", "2026-03-08T08:00:00-04:00"],
    ["2026-06-01T00:00:00Z", "Asia/Kolkata", "2026-06-01T05:30:00+05:30"],
    ["2026-12-31T23:30:00Z", "Pacific/Auckland", "2027-01-01T12:30:00+13:00"],
  ])("%s in %s is %s", (iso, zone, expected) => {
    expect(toZonedIso(new Date(iso), zone)).toBe(expected);
    expect(new Date(expected).toISOString()).toBe(new Date(iso).toISOString());
  });
});
