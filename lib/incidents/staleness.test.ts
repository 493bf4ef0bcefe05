import { describe, expect, it } from "vitest";
import { durationText, minutesSinceStaleUpdate } from "./staleness";

const now = new Date("2026-12-02T12:00:00Z");
const ago = (minutes: number) => ({ displayAt: new Date(now.getTime() - minutes * 60_000) });

describe("minutesSinceStaleUpdate", () => {
  it.each([
    ["investigating, 29 minutes", "incident", "investigating", [ago(29)], null],
    ["investigating, 30 minutes", "incident", "investigating", [ago(30)], 30],
    ["monitoring, the newest of several counts", "incident", "monitoring", [ago(90), ago(45), ago(120)], 45],
    ["resolved: nobody waits", "incident", "resolved", [ago(600)], null],
    ["maintenance in progress", "maintenance", "in_progress", [ago(61)], 61],
    ["maintenance scheduled: nothing to report yet", "maintenance", "scheduled", [ago(600)], null],
    ["maintenance completed", "maintenance", "completed", [ago(600)], null],
    ["no updates at all", "incident", "investigating", [], null],
    ["an update dated in the future", "incident", "identified", [ago(-10)], null],
  ])("%s", (_label, kind, status, updates, expected) => {
    expect(minutesSinceStaleUpdate({ kind, status, updates }, now)).toBe(expected);
  });
});

describe("durationText", () => {
  it.each([
    [1, "1 minute"],
    [42, "42 minutes"],
    [60, "1 hour"],
    [61, "1 hour 1 minute"],
    [185, "3 hours 5 minutes"],
    [1440, "1 day"],
    [4000, "2 days"],
  ])("%i → %s", (minutes, text) => {
    expect(durationText(minutes)).toBe(text);
  });
});
