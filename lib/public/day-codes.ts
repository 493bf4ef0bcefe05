// universal: the server writes an uptime bar's days as one letter each, the page script reads them.
import type { ComponentStatus } from "../status/schemas";

// An uptime bar in the page's HTML is one element, not 90: its days as a string of letters
// (`data-days`, one per day, oldest first) and a background drawn from them, so a page with
// a thousand components stays small and reads without JavaScript. The page script turns a bar
// into day buttons (lib/public/client/uptime.ts) when it is about to be seen.

export type DayStatus = ComponentStatus | "no_data";

export const DAY_CODES: Readonly<Record<DayStatus, string>> = {
  operational: "o",
  degraded_performance: "d",
  partial_outage: "p",
  major_outage: "m",
  under_maintenance: "u",
  no_data: "n",
};

const BY_CODE = new Map<string, DayStatus>(Object.entries(DAY_CODES).map(([status, code]) => [code, status as DayStatus]));

/** The status a day's letter stands for (an unknown letter reads as no data). */
export function dayStatusOf(code: string): DayStatus {
  return BY_CODE.get(code) ?? "no_data";
}

/** The CSS colour of a status, by its letter: `.uptime-bars` defines `--o`, `--d`… (app/globals.css), short as a thousand bars repeat them. */
const colour = (status: DayStatus) => `var(--${DAY_CODES[status]})`;

const percent = (n: number) => `${Math.round(n * 10_000) / 100}%`;

/**
 * The bar's background without JavaScript: a hard-stop gradient with one stop per run of days
 * of the same status (a quiet 90 days is one colour), the gaps between days drawn by a mask in
 * app/globals.css.
 */
export function barGradient(codes: string): string {
  if (codes.length === 0) return "none";
  const stops: string[] = [];
  let start = 0;
  for (let i = 1; i <= codes.length; i++) {
    if (i < codes.length && codes[i] === codes[start]) continue;
    stops.push(`${colour(dayStatusOf(codes[start]!))} ${percent(start / codes.length)} ${percent(i / codes.length)}`);
    start = i;
  }
  return `linear-gradient(90deg,${stops.join(",")})`;
}
