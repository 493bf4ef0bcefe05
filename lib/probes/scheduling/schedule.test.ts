import { describe, expect, it } from "vitest";
import { nextRunAt, nextSlotAt, offsetMs, shortestGapMs, slotsBetween } from "./schedule";

describe("offsetMs", () => {
  it("is the same in every process (a fixed hash, not a seeded one)", () => {
    expect(offsetMs("probe-1", 60_000)).toBe(35_198);
    expect(offsetMs("cm1abc", 60_000)).toBe(40_618);
  });

  it("stays inside the interval", () => {
    for (let i = 0; i < 200; i++) {
      const offset = offsetMs(`p${i}`, 10_000);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(10_000);
    }
  });

  it("spreads 1,000 probes evenly over a 60 s interval", () => {
    // Sequential ids: the worst case for a weak hash.
    const buckets = new Array<number>(60).fill(0);
    for (let i = 0; i < 1000; i++) {
      const second = Math.floor(offsetMs(`probe-${i}`, 60_000) / 1000);
      buckets[second] = (buckets[second] ?? 0) + 1;
    }
    const mean = 1000 / 60;
    expect(Math.max(...buckets)).toBeLessThanOrEqual(3 * mean);
    expect(Math.min(...buckets)).toBeGreaterThan(0);
  });

  it("rejects a non-positive interval", () => {
    expect(() => offsetMs("p", 0)).toThrow(RangeError);
  });
});

describe("nextRunAt for interval schedules", () => {
  const probe = { id: "probe-1", schedule: { intervalSeconds: 60 } }; // offset 35.198 s

  it("aligns slots to epoch + offset", () => {
    expect(nextRunAt(probe, new Date("2026-03-10T12:00:00.000Z"))?.toISOString()).toBe("2026-03-10T12:00:35.198Z");
    expect(nextRunAt(probe, new Date("2026-03-10T12:00:35.197Z"))?.toISOString()).toBe("2026-03-10T12:00:35.198Z");
  });

  it("is strictly after `after`, one interval apart", () => {
    const first = nextRunAt(probe, new Date("2026-03-10T12:00:35.198Z"));
    expect(first?.toISOString()).toBe("2026-03-10T12:01:35.198Z");
    expect(nextRunAt(probe, first as Date)?.toISOString()).toBe("2026-03-10T12:02:35.198Z");
  });

  it("skips slots a long run overran instead of queueing them", () => {
    expect(nextRunAt(probe, new Date("2026-03-10T12:05:00.000Z"))?.toISOString()).toBe("2026-03-10T12:05:35.198Z");
  });

  it("adds jitter after choosing the slot, so it does not accumulate", () => {
    const jittery = { id: "probe-1", schedule: { intervalSeconds: 60, jitterSeconds: 10 } };
    const after = new Date("2026-03-10T12:00:00.000Z");
    expect(nextRunAt(jittery, after, () => 0)?.toISOString()).toBe("2026-03-10T12:00:35.198Z");
    expect(nextRunAt(jittery, after, () => 0.5)?.toISOString()).toBe("2026-03-10T12:00:40.198Z");
    const late = nextRunAt(jittery, after, () => 0.999) as Date;
    expect(late.toISOString()).toBe("2026-03-10T12:00:45.188Z");
    // Feeding the jittered time back gives the next slot, not slot + jitter + interval.
    expect(nextRunAt(jittery, late, () => 0)?.toISOString()).toBe("2026-03-10T12:01:35.198Z");
  });
});

describe("nextRunAt for cron schedules", () => {
  it("fires at the expression's next time, plus jitter", () => {
    const probe = { id: "p", schedule: { cron: "*/30 * * * * *", jitterSeconds: 4 } };
    const after = new Date("2026-03-10T12:00:10.000Z");
    expect(nextSlotAt(probe, after)?.toISOString()).toBe("2026-03-10T12:00:30.000Z");
    expect(nextRunAt(probe, after, () => 0.25)?.toISOString()).toBe("2026-03-10T12:00:31.000Z");
  });

  it("does not depend on the probe id", () => {
    const after = new Date("2026-03-10T12:00:10.000Z");
    const a = nextRunAt({ id: "a", schedule: { cron: "0 * * * *" } }, after);
    const b = nextRunAt({ id: "b", schedule: { cron: "0 * * * *" } }, after);
    expect(a?.toISOString()).toBe("2026-03-10T13:00:00.000Z");
    expect(b).toEqual(a);
  });

  it("throws on an expression that was never validated", () => {
    expect(() => nextRunAt({ id: "p", schedule: { cron: "nope" } }, new Date())).toThrow(/not a valid cron expression/);
  });
});

describe("shortestGapMs: how long one check has before the next is due", () => {
  const from = new Date("2026-03-10T12:00:00Z");
  it.each<[string, { intervalSeconds: number } | { cron: string }, number | null]>([
    ["an interval", { intervalSeconds: 60 }, 60_000],
    ["a regular cron", { cron: "*/30 * * * * *" }, 30_000],
    ["an irregular cron: its shortest gap", { cron: "0 0,1 * * * *" }, 60_000],
  ])("%s", (_what, schedule, expected) => {
    expect(shortestGapMs({ id: "p", schedule }, from)).toBe(expected);
  });
});

describe("slotsBetween: the slots a stalled worker skipped", () => {
  const probe = { id: "probe-1", schedule: { intervalSeconds: 10 } };
  const first = nextSlotAt(probe, new Date("2026-03-10T12:00:00Z"))!;
  const at = (ms: number) => new Date(first.getTime() + ms);
  it.each([
    [0, 0, 0],
    [0, 9_999, 0],
    [0, 10_000, 1],
    [-1, 10_000, 2],
    [0, 35_000, 3],
    [35_000, 0, 0],
  ])("(first + %d ms, first + %d ms] -> %d", (after, until, expected) => {
    expect(slotsBetween(probe, at(after), at(until))).toBe(expected);
  });

  it("counts cron fires the same way", () => {
    const cron = { id: "c", schedule: { cron: "*/15 * * * * *" } };
    expect(slotsBetween(cron, new Date("2026-03-10T12:00:00Z"), new Date("2026-03-10T12:01:00Z"))).toBe(4);
  });
});
