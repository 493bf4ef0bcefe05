import { describe, expect, it } from "vitest";
import { remindedAtFor, reminderAt, reminderDue } from "./reminder";

const start = new Date("2026-12-10T10:00:00Z");
const at = (iso: string) => new Date(iso);

describe("maintenance reminders", () => {
  it.each([
    [60, "2026-12-10T09:00:00.000Z"],
    [1440, "2026-12-09T10:00:00.000Z"],
    [null, null],
  ])("remind %s minutes before → %s", (minutes, expected) => {
    expect(reminderAt({ scheduledFor: start, remindBeforeMinutes: minutes })?.toISOString() ?? null).toBe(expected);
  });

  const base = { scheduledFor: start, remindBeforeMinutes: 60, status: "scheduled", remindedAt: null, cancelledAt: null };
  it.each([
    ["before the reminder time", base, "2026-12-10T08:59:59Z", false],
    ["at the reminder time", base, "2026-12-10T09:00:00Z", true],
    ["inside the window", base, "2026-12-10T09:30:00Z", true],
    ["once started", base, "2026-12-10T10:00:00Z", false],
    ["when already sent", { ...base, remindedAt: at("2026-12-10T09:00:05Z") }, "2026-12-10T09:30:00Z", false],
    ["when canceled", { ...base, cancelledAt: at("2026-12-09T00:00:00Z") }, "2026-12-10T09:30:00Z", false],
    ["when in progress early", { ...base, status: "in_progress" }, "2026-12-10T09:30:00Z", false],
    ["without a reminder", { ...base, remindBeforeMinutes: null }, "2026-12-10T09:30:00Z", false],
  ])("is due %s: %s", (_label, m, now, due) => {
    expect(reminderDue(m, at(now))).toBe(due);
  });

  it.each([
    ["a reminder still ahead is pending", "2026-12-10T08:00:00Z", null, null],
    ["one already passed counts as sent now (never sent late)", "2026-12-10T09:30:00Z", null, "2026-12-10T09:30:00.000Z"],
    ["one already sent stays sent", "2026-12-10T09:30:00Z", "2026-12-10T09:00:00Z", "2026-12-10T09:00:00.000Z"],
    ["moved later: pending again", "2026-12-10T08:00:00Z", "2026-12-09T09:00:00Z", null],
  ])("remindedAt when set: %s", (_label, now, previous, expected) => {
    const stored = remindedAtFor({ scheduledFor: start, remindBeforeMinutes: 60 }, at(now), previous === null ? null : at(previous));
    expect(stored?.toISOString() ?? null).toBe(expected);
  });

  it("no reminder: nothing stored", () => {
    expect(remindedAtFor({ scheduledFor: start, remindBeforeMinutes: null }, at("2026-12-10T09:30:00Z"), null)).toBeNull();
  });
});
