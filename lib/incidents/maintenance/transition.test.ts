import { describe, expect, it } from "vitest";
import type { MaintenanceStatus } from "../../status/schemas";
import { maintenanceTransition } from "./transition";

const window = { scheduledFor: new Date("2026-12-01T10:00:00Z"), scheduledUntil: new Date("2026-12-01T12:00:00Z") };
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);

describe("maintenanceTransition", () => {
  it.each<[MaintenanceStatus, string, string | null]>([
    ["scheduled", "09:59", null],
    ["scheduled", "10:00", "in_progress"],
    ["scheduled", "12:00", "completed"], // missed the whole window (server was down): straight to completed
    ["in_progress", "11:00", null],
    ["in_progress", "12:00", "completed"],
    ["verifying", "11:59", null],
    ["verifying", "12:30", "completed"],
    ["completed", "13:00", null],
  ])("%s at %s -> %s", (status, time, expected) => {
    expect(maintenanceTransition({ ...window, status }, at(time))).toBe(expected);
  });
});
