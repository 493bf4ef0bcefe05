import { z } from "zod";
import { MONTH_KEY } from "./months";

/** The longest range one request may ask for (3 years of months). */
export const MAX_UPTIME_MONTHS = 36;

const Month = z.string().regex(MONTH_KEY, "must be a month as YYYY-MM");

/** GET /api/v2/uptime.json's query: every parameter optional (all shown components, the last 12 months). */
export const UptimeQuery = z.strictObject({
  component: z.string().min(1, "must name a component by id or slug").max(191).optional(),
  from: Month.optional(),
  to: Month.optional(),
});
export type UptimeQuery = z.infer<typeof UptimeQuery>;

const Minutes = z.strictObject({
  operational: z.number(),
  degraded_performance: z.number(),
  partial_outage: z.number(),
  major_outage: z.number(),
  under_maintenance: z.number(),
});

export const UptimeMonthDocument = z.strictObject({
  month: z.string(),
  /** Null for a month with no monitored time (before the component started, or maintenance only). */
  uptime_percentage: z.number().nullable(),
  /** Major outage minutes plus 30 % of partial outage minutes: what the percentage subtracts. */
  downtime_minutes: z.number(),
  minutes: Minutes,
});

export const UptimeComponentDocument = z.strictObject({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  start_month: z.string(),
  months: z.array(UptimeMonthDocument),
});
export type UptimeComponentDocument = z.infer<typeof UptimeComponentDocument>;

const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date as YYYY-MM-DD");

/** The longest range one CSV export covers (about 5 years): the file stays a download, not a dump. */
export const MAX_EXPORT_DAYS = 1830;

/** The console's CSV export form (GET /console/reports/export): both days in the page's zone, `to` included. */
export const HistoryExportInput = z
  .strictObject({ from: Day, to: Day })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "must be on or after the start date" })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 < MAX_EXPORT_DAYS, {
    path: ["to"],
    message: `the range may span at most ${MAX_EXPORT_DAYS} days`,
  });
export type HistoryExportInput = z.infer<typeof HistoryExportInput>;
