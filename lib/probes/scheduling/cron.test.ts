import cron from "node-cron";
import { afterEach, describe, expect, it, vi } from "vitest";
import { nextCronTime, parseCron, type CronFields } from "./cron";

function fields(expression: string): CronFields {
  const parsed = parseCron(expression);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

const next = (expression: string, after: string) => nextCronTime(fields(expression), new Date(after))?.toISOString() ?? null;

describe("nextCronTime", () => {
  it.each([
    // expression, after, expected
    ["*/30 * * * * *", "2026-03-10T12:00:00.000Z", "2026-03-10T12:00:30.000Z"], // strictly after
    ["*/30 * * * * *", "2026-03-10T12:00:29.999Z", "2026-03-10T12:00:30.000Z"],
    ["*/30 * * * * *", "2026-03-10T12:00:45.000Z", "2026-03-10T12:01:00.000Z"],
    ["* * * * *", "2026-03-10T12:00:00.000Z", "2026-03-10T12:01:00.000Z"], // 5 fields: second 0
    ["*/5 * * * *", "2026-03-10T12:58:10.000Z", "2026-03-10T13:00:00.000Z"],
    ["0 9 * * 1-5", "2026-03-13T09:00:00.000Z", "2026-03-16T09:00:00.000Z"], // Friday -> Monday
    ["0 9 * * mon-fri", "2026-03-14T08:00:00.000Z", "2026-03-16T09:00:00.000Z"],
    ["0 0 31 * *", "2026-04-01T00:00:00.000Z", "2026-05-31T00:00:00.000Z"], // skips 30-day April
    ["0 0 29 2 *", "2026-03-01T00:00:00.000Z", "2028-02-29T00:00:00.000Z"], // leap day
    ["59 23 31 12 *", "2026-12-31T23:59:00.000Z", "2027-12-31T23:59:00.000Z"],
    ["0 0 1 1 *", "2026-12-31T23:59:59.500Z", "2027-01-01T00:00:00.000Z"],
    ["0 0 13 * 5", "2026-01-01T00:00:00.000Z", "2026-02-13T00:00:00.000Z"], // Friday the 13th: day AND weekday
    ["15,45 10 * * * *", "2026-03-10T12:10:20.000Z", "2026-03-10T12:10:45.000Z"],
    ["15,45 10 * * * *", "2026-03-10T12:10:50.000Z", "2026-03-10T13:10:15.000Z"],
    ["0 30 4 * * 7", "2026-03-10T00:00:00.000Z", "2026-03-15T04:30:00.000Z"], // 7 = Sunday
    ["@hourly", "2026-03-10T12:00:00.000Z", "2026-03-10T13:00:00.000Z"],
  ])("%s after %s -> %s", (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it("returns null when nothing matches within 30 years", () => {
    // Monday, February 29: 2044, 2072, then not until 2112 (2100 is not a leap year).
    const f = fields("0 0 29 2 1");
    expect(nextCronTime(f, new Date("2026-01-01T00:00:00Z"))?.toISOString()).toBe("2044-02-29T00:00:00.000Z");
    expect(nextCronTime(f, new Date("2044-03-01T00:00:00Z"))?.toISOString()).toBe("2072-02-29T00:00:00.000Z");
    expect(nextCronTime(f, new Date("2072-03-01T00:00:00Z"))).toBeNull();
  });
});

describe("parseCron", () => {
  it("rejects what node-cron rejects and the L/W/# modifiers", () => {
    expect(parseCron("60 * * * *")).toMatch(/is not a valid cron expression/);
    expect(parseCron("0 0 * * 5#2")).toMatch(/L, W or #/);
    expect(parseCron("0 0 15W * *")).toMatch(/L, W or #/);
  });
});

describe("nextCronTime agrees with node-cron's own matcher (UTC)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    "*/30 * * * * *",
    "*/7 * * * *",
    "0 9 * * 1-5",
    "15 10 1,15 * *",
    "0 0 31 * *",
    "0 0 13 * 5",
    "30 4 * * sun",
    "5-10/2 3 2-4 * * *",
    "@daily",
    "0 0 1 */3 *",
  ])("%s", (expression) => {
    for (const base of ["2026-01-31T23:59:58.250Z", "2027-12-31T12:00:00.000Z", "2028-02-28T23:00:00.000Z"]) {
      vi.useFakeTimers({ now: new Date(base) });
      const task = cron.createTask(expression, () => undefined, { timezone: "UTC" });
      const theirs = task.getNextRuns(5).map((d) => d.toISOString());
      void task.destroy();
      vi.useRealTimers();
      const ours: string[] = [];
      let after = new Date(base);
      const f = fields(expression);
      for (let i = 0; i < 5; i++) {
        const n = nextCronTime(f, after);
        if (!n) break;
        ours.push(n.toISOString());
        after = n;
      }
      expect(ours, `${expression} from ${base}`).toEqual(theirs);
    }
  });
});
