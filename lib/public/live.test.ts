import { describe, expect, it } from "vitest";
import { CLOCK_REFRESH_MS, delayOnVisible, homeIsLive, isOngoing, nextPollDelay, POLL_BACKOFF_MAX_MS, POLL_MAX_MS, POLL_MIN_MS, shouldRefresh } from "./live";

const incident = (resolvedAt: string | null) => ({
  kind: "incident" as const,
  status: resolvedAt ? ("resolved" as const) : ("investigating" as const),
  resolvedAt,
});
const maintenance = (status: "scheduled" | "in_progress" | "verifying" | "completed") => ({ kind: "maintenance" as const, status, resolvedAt: null });

describe("isOngoing", () => {
  it.each([
    ["an open incident", incident(null), true],
    ["a resolved incident", incident("2026-11-12T10:00:00.000Z"), false],
    ["an upcoming maintenance", maintenance("scheduled"), false],
    ["a maintenance in progress", maintenance("in_progress"), true],
    ["a maintenance being verified", maintenance("verifying"), true],
    ["a completed maintenance", maintenance("completed"), false],
  ])("%s: %s", (_name, record, expected) => {
    expect(isOngoing(record)).toBe(expected);
  });
});

describe("homeIsLive", () => {
  it.each([
    ["nothing at all", [], [], false],
    ["only an upcoming maintenance", [], [maintenance("scheduled")], false],
    ["an open incident", [incident(null)], [maintenance("scheduled")], true],
    ["a maintenance in progress", [], [maintenance("scheduled"), maintenance("in_progress")], true],
  ])("%s → %s", (_name, openIncidents, maintenances, expected) => {
    expect(homeIsLive({ openIncidents, maintenances })).toBe(expected);
  });
});

describe("nextPollDelay", () => {
  it.each([
    [0, 0, POLL_MIN_MS],
    [0.5, 0, 45_000],
    [0.999999, 0, POLL_MAX_MS - 1], // floored: never the window's end
    [0, 1, 60_000],
    [0.5, 1, 90_000],
    [0, 2, 120_000],
    [0.5, 3, 360_000],
    [0, 50, POLL_BACKOFF_MAX_MS / 2],
    [1, 50, POLL_BACKOFF_MAX_MS],
    // Out-of-range inputs are clamped, never a zero or negative wait.
    [-1, -3, POLL_MIN_MS],
    [2, 0, POLL_MAX_MS],
  ])("random %s after %s failures → %s ms", (random, failures, expected) => {
    expect(nextPollDelay(random, failures)).toBe(expected);
  });

  it("spreads a crowd over the whole window, never outside it", () => {
    const delays = Array.from({ length: 1000 }, (_, i) => nextPollDelay(i / 1000));
    expect(Math.min(...delays)).toBe(POLL_MIN_MS);
    expect(Math.max(...delays)).toBeLessThan(POLL_MAX_MS);
    expect(new Set(delays.map((d) => Math.floor(d / 5000))).size).toBe(6); // every 5-s slice of 30–60 s is used
  });
});

describe("delayOnVisible", () => {
  it.each([
    ["a poll was due while hidden", 0, 45_000, 100_000, 0],
    ["back before the poll was due", 0, 45_000, 30_000, 15_000],
    ["exactly at the planned time", 1000, 45_000, 46_000, 0],
  ])("%s", (_name, lastPollAt, planned, now, expected) => {
    expect(delayOnVisible(lastPollAt, planned, now)).toBe(expected);
  });
});

describe("shouldRefresh", () => {
  it.each([
    ["nothing changed (a 304)", false, false, CLOCK_REFRESH_MS * 10, false],
    ["a write, just after the last refresh", true, true, 1000, true],
    ["only the clock moved, page fresh", true, false, CLOCK_REFRESH_MS - 1, false],
    ["only the clock moved, page five minutes old", true, false, CLOCK_REFRESH_MS, true],
  ])("%s", (_name, etagChanged, revisionChanged, age, expected) => {
    expect(shouldRefresh({ etagChanged, revisionChanged }, age)).toBe(expected);
  });
});
