import { describe, expect, it } from "vitest";
import type { MaintenanceStatus } from "../../status/schemas";
import { coversAt } from "./window";

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);

describe("coversAt: a maintenance covers its components", () => {
  it.each<[MaintenanceStatus, string, boolean]>([
    ["scheduled", "09:59", false],
    ["scheduled", "10:00", true], // the window opened; the job has not moved it yet
    ["scheduled", "10:59", true],
    ["scheduled", "11:00", false],
    ["in_progress", "10:30", true],
    ["in_progress", "11:05", true], // past its end until the job completes it
    ["verifying", "10:30", true],
    ["completed", "10:30", false], // completed early by staff
  ])("%s at %s -> %s", (status, time, expected) => {
    expect(coversAt({ status, scheduledFor: at("10:00"), scheduledUntil: at("11:00") }, at(time))).toBe(expected);
  });
});
