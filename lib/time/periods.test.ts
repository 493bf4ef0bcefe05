import { describe, expect, it } from "vitest";
import { addMonths, groupByPeriod, headingKeys, periodKey, recentDays } from "./periods";
import { formatDateTime, formatNamedZone, zoneAbbreviation } from "./zoned";

type Item = { id: string; at: string };
const at = (i: Item) => i.at;
const ids = (groups: { key: string; items: Item[] }[]) => groups.map((g) => [g.key, g.items.map((i) => i.id)]);

describe("grouping incidents by day in a zone", () => {
  // The example: a page in UTC, a visitor in New York. An incident started at
  // 01:30 UTC on Dec 2 is Dec 1, 20:30 EST for the visitor.
  const items: Item[] = [
    { id: "late", at: "2026-12-02T01:30:00Z" },
    { id: "noon", at: "2026-12-01T12:00:00Z" },
  ];
  const now = new Date("2026-12-02T03:00:00Z"); // Dec 2 in UTC, still Dec 1 (22:00) in New York

  it("groups by the page's zone on the server", () => {
    const keys = recentDays(now, "UTC", 3);
    expect(keys).toEqual(["2026-12-02", "2026-12-01", "2026-11-30"]);
    expect(ids(groupByPeriod(items, at, { timeZone: "UTC", unit: "day", keys, outside: "drop" }))).toEqual([
      ["2026-12-02", ["late"]],
      ["2026-12-01", ["noon"]],
      ["2026-11-30", []],
    ]);
  });

  it("moves the heading with the times for a visitor in New York (the toggle)", () => {
    const tz = "America/New_York";
    const keys = headingKeys("day", ["2026-12-02", "2026-12-01", "2026-11-30"], now, tz);
    expect(keys).toEqual(["2026-12-01", "2026-11-30", "2026-11-29"]); // their today is Dec 1
    expect(ids(groupByPeriod(items, at, { timeZone: tz, unit: "day", keys, outside: "add" }))).toEqual([
      ["2026-12-01", ["late", "noon"]],
      ["2026-11-30", []],
      ["2026-11-29", []],
    ]);
    // ...and the time under that heading says Dec 1 too.
    expect(formatDateTime(new Date("2026-12-02T01:30:00Z"), tz)).toBe("Dec 1, 2026, 20:30 EST");
  });

  it("adds a heading rather than lose an incident that moves out of the listed days", () => {
    const keys = headingKeys("day", ["2026-12-02"], now, "Asia/Tokyo"); // Dec 2, 12:00 in Tokyo
    const groups = groupByPeriod([{ id: "early", at: "2026-12-01T12:00:00Z" }], at, { timeZone: "Asia/Tokyo", unit: "day", keys, outside: "add" });
    expect(ids(groups)).toEqual([
      ["2026-12-02", []],
      ["2026-12-01", ["early"]],
    ]);
  });
});

describe("a DST change day (Europe/London)", () => {
  const tz = "Europe/London";

  it("spring forward, 2026-03-29: 00:30 GMT and 01:30 BST are an hour apart and the same day", () => {
    const before = "2026-03-29T00:30:00Z"; // 00:30 GMT
    const after = "2026-03-29T01:30:00Z"; // 02:30 BST (01:00–02:00 never happens)
    const lateSaturday = "2026-03-28T23:59:00Z";
    expect(periodKey(new Date(before), tz, "day")).toBe("2026-03-29");
    expect(periodKey(new Date(after), tz, "day")).toBe("2026-03-29");
    expect(periodKey(new Date(lateSaturday), tz, "day")).toBe("2026-03-28");
    expect(formatDateTime(new Date(before), tz, "en-GB")).toBe("29 Mar 2026, 00:30 GMT");
    expect(formatDateTime(new Date(after), tz, "en-GB")).toBe("29 Mar 2026, 02:30 BST");
    expect(zoneAbbreviation(new Date(before), tz)).toBe("GMT");
    expect(zoneAbbreviation(new Date(after), tz)).toBe("BST");
    const groups = groupByPeriod(
      [
        { id: "after", at: after },
        { id: "before", at: before },
        { id: "sat", at: lateSaturday },
      ],
      at,
      { timeZone: tz, unit: "day", keys: recentDays(new Date("2026-03-29T22:00:00Z"), tz, 2), outside: "drop" },
    );
    expect(ids(groups)).toEqual([
      ["2026-03-29", ["after", "before"]],
      ["2026-03-28", ["sat"]],
    ]);
  });

  it("fall back, 2026-10-25: 23:30 UTC the day before is already Sunday in BST, 23:30 UTC that day is Sunday in GMT", () => {
    expect(periodKey(new Date("2026-10-24T23:30:00Z"), tz, "day")).toBe("2026-10-25"); // 00:30 BST
    expect(periodKey(new Date("2026-10-25T23:30:00Z"), tz, "day")).toBe("2026-10-25"); // 23:30 GMT
    expect(periodKey(new Date("2026-10-26T00:30:00Z"), tz, "day")).toBe("2026-10-26");
    // The repeated hour 01:00–02:00 happens twice: once in BST, once in GMT.
    expect(formatDateTime(new Date("2026-10-25T00:30:00Z"), tz, "en-GB")).toBe("25 Oct 2026, 01:30 BST");
    expect(formatDateTime(new Date("2026-10-25T01:30:00Z"), tz, "en-GB")).toBe("25 Oct 2026, 01:30 GMT");
    // A window across the change names both abbreviations.
    expect(formatNamedZone(tz, new Date("2026-10-25T00:00:00Z"), new Date("2026-10-25T03:00:00Z"), "en-GB")).toBe(
      "25 Oct 2026, 01:00 BST – 25 Oct 2026, 03:00 GMT",
    );
    // The 25-hour day still lists as one day.
    expect(recentDays(new Date("2026-10-26T12:00:00Z"), tz, 3)).toEqual(["2026-10-26", "2026-10-25", "2026-10-24"]);
  });
});

describe("months", () => {
  it("keys months and steps across years", () => {
    expect(periodKey(new Date("2026-12-31T23:30:00Z"), "Asia/Tokyo", "month")).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-11", 2)).toBe("2027-01");
  });

  it("keeps the page's months when regrouping, adding one an incident moves into", () => {
    const groups = groupByPeriod([{ id: "nye", at: "2026-12-01T02:00:00Z" }], at, {
      timeZone: "America/Los_Angeles",
      unit: "month",
      keys: headingKeys("month", ["2026-12"], new Date(), "America/Los_Angeles"),
      outside: "add",
    });
    expect(ids(groups)).toEqual([
      ["2026-12", []],
      ["2026-11", ["nye"]],
    ]);
  });
});
