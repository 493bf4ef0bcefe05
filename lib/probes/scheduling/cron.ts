import cron from "node-cron";

// Next fire time of a cron expression, in UTC. node-cron 4 can list a task's next runs,
// but only from "now" and only for a registered task; the worker needs "the next
// fire time after this instant" as a pure function (to store nextRunAt, and to test).
// So node-cron parses the expression (one grammar for validation and scheduling:
// 5 or 6 fields, names, steps, @hourly…) and this file only walks forward.
//
// Semantics match node-cron's matcher: every field must match, including day of month
// AND day of week (not Vixie cron's OR). node-cron's L, W and # day modifiers are
// rejected by parseCron, so the walker only sees plain numbers.
// Times are UTC so every worker process agrees on the slots whatever its TZ.

export interface CronFields {
  seconds: number[];
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  daysOfWeek: number[];
}

/** Parsed fields, or an error sentence (without the field name "cron"). */
export function parseCron(expression: string): CronFields | string {
  const detailed = cron.validateDetailed(expression);
  if (!detailed.valid || !detailed.fields) {
    const first = detailed.errors[0];
    return `"${expression}" is not a valid cron expression${first ? ` (${first.message})` : ""}`;
  }
  const f = detailed.fields;
  const days = onlyNumbers(f.dayOfMonth);
  const weekdays = onlyNumbers(f.dayOfWeek);
  if (!days || !weekdays) return `"${expression}" uses L, W or # day modifiers, which probe schedules do not support`;
  return {
    seconds: sorted(f.second),
    minutes: sorted(f.minute),
    hours: sorted(f.hour),
    daysOfMonth: days,
    months: sorted(f.month),
    daysOfWeek: weekdays,
  };
}

function onlyNumbers(values: ReadonlyArray<number | string>): number[] | null {
  return values.every((v): v is number => typeof v === "number") ? sorted(values) : null;
}

function sorted(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

const DAY_MS = 86_400_000;
// Feb 29 on a given weekday can be 28 years away (longer only across 2100): far
// enough to call anything later "never".
const MAX_DAYS = 366 * 30;

/** The first fire time strictly after `after` (whole seconds, UTC), or null if none in 30 years. */
export function nextCronTime(fields: CronFields, after: Date): Date | null {
  const start = Math.floor(after.getTime() / 1000) * 1000 + 1000;
  const startDay = Math.floor(start / DAY_MS) * DAY_MS;
  const startSecondOfDay = (start - startDay) / 1000;
  for (let i = 0; i < MAX_DAYS; i++) {
    const day = startDay + i * DAY_MS;
    const date = new Date(day);
    if (!fields.months.includes(date.getUTCMonth() + 1) || !fields.daysOfMonth.includes(date.getUTCDate()) || !fields.daysOfWeek.includes(date.getUTCDay())) {
      continue;
    }
    const second = firstSecondOfDay(fields, i === 0 ? startSecondOfDay : 0);
    if (second !== null) return new Date(day + second * 1000);
  }
  return null;
}

/** First matching second of the day at or after `from` (seconds since midnight). */
function firstSecondOfDay(fields: CronFields, from: number): number | null {
  const fromHour = Math.floor(from / 3600);
  const fromMinute = Math.floor((from % 3600) / 60);
  const fromSecond = from % 60;
  for (const h of fields.hours) {
    if (h < fromHour) continue;
    for (const m of fields.minutes) {
      if (h === fromHour && m < fromMinute) continue;
      const sameMinute = h === fromHour && m === fromMinute;
      const s = fields.seconds.find((x) => !sameMinute || x >= fromSecond);
      if (s !== undefined) return h * 3600 + m * 60 + s;
    }
  }
  return null;
}
