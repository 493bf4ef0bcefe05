import { describe, expect, it } from "vitest";
import { dueAfterMiss, dueAfterPing } from "./due";

const at = (iso: string) => new Date(`2026-12-01T${iso}Z`);

describe("heartbeat due times", () => {
  it.each([
    ["interval 300 s, grace 60 s", { intervalSeconds: 300 }, 60, "10:00:00", "10:06:00", "10:11:00"],
    ["interval 60 s, no grace", { intervalSeconds: 60 }, 0, "10:00:30", "10:01:30", "10:02:30"],
    ["cron at :00 every hour, grace 10 min", { cron: "0 0 * * * *" }, 600, "10:05:00", "11:10:00", "12:10:00"],
    ["cron at :00, a ping just early", { cron: "0 0 * * * *" }, 600, "10:59:58", "11:10:00", "12:10:00"],
  ])("%s", (_name, schedule, graceSeconds, pingAt, due, afterMiss) => {
    const h = { id: "p1", schedule, graceSeconds };
    const first = dueAfterPing(h, at(pingAt));
    expect(first).toEqual(at(due));
    expect(dueAfterMiss(h, first!)).toEqual(at(afterMiss));
  });
});
