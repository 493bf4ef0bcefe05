import { z } from "zod";
import { db } from "../db";
import { encodeCachedBody, PUBLIC_CACHE_CONTROL, plainResponse, respond, type CachedResponse, type RequestHeaders } from "../http/cached-response";
import { loadPageSetting } from "../public/queries";
import { StaleValue } from "../public/revision-cache";
import { served } from "../public/snapshot";
import { StatuspagePage } from "../status/statuspage-schemas";
import { downtimeMinutes } from "../status/uptime";
import { addMonths } from "../time/periods";
import { monthSpan } from "../uptime/months";
import { findShownComponent, publicMonthlyUptime, shownUptimeComponents, uptimeClock } from "../uptime/public";
import type { ComponentUptime } from "../uptime/report";
import { MAX_UPTIME_MONTHS, UptimeComponentDocument, UptimeQuery } from "../uptime/schemas";
import { toPage } from "./map";

// GET /api/v2/uptime.json: Vigil's own extension beside the Statuspage v2 documents, uptime
// per component and calendar month in the page's zone (the /uptime page's figures, as JSON).
// Answered from the public cache like the other v2 bodies, one entry per component and range.

export const UPTIME_PATH = "/api/v2/uptime.json";

const JSON_TYPE = "application/json; charset=utf-8";
const CORS = { "Access-Control-Allow-Origin": "*" };

export const UptimeResponse = z.strictObject({
  page: StatuspagePage,
  from: z.string(),
  to: z.string(),
  components: z.array(UptimeComponentDocument),
});
export type UptimeResponse = z.infer<typeof UptimeResponse>;

export const UptimeErrorResponse = z.strictObject({
  error: z.strictObject({ code: z.enum(["invalid_request", "not_found"]), message: z.string(), field: z.string().optional() }),
});
export type UptimeErrorResponse = z.infer<typeof UptimeErrorResponse>;

function error(method: string, status: number, body: UptimeErrorResponse["error"]): CachedResponse {
  return plainResponse(method, status, JSON.stringify({ error: body } satisfies UptimeErrorResponse), {
    ...CORS,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    "Content-Type": JSON_TYPE,
  });
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

export function toUptimeComponentDocument({ component, startMonth, months }: ComponentUptime): UptimeComponentDocument {
  return {
    id: component.id,
    name: component.name,
    slug: component.slug,
    start_month: startMonth,
    months: months.map((m) => ({
      month: m.month,
      uptime_percentage: m.percent === null ? null : round(m.percent, 4),
      downtime_minutes: round(downtimeMinutes(m.minutes), 2),
      minutes: {
        operational: round(m.minutes.operational ?? 0, 2),
        degraded_performance: round(m.minutes.degraded_performance ?? 0, 2),
        partial_outage: round(m.minutes.partial_outage ?? 0, 2),
        major_outage: round(m.minutes.major_outage ?? 0, 2),
        under_maintenance: round(m.minutes.under_maintenance ?? 0, 2),
      },
    })),
  };
}

/** Answers GET/HEAD /api/v2/uptime.json (the caller has answered other methods). */
export async function uptimeResponse(method: string, search: URLSearchParams, headers: RequestHeaders): Promise<CachedResponse> {
  const parsed = UptimeQuery.safeParse(Object.fromEntries(search));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === "unrecognized_keys" ? issue.keys[0]! : String(issue.path[0] ?? "query");
    const message = issue.code === "unrecognized_keys" ? "is not a parameter of this endpoint (component, from, to)" : issue.message;
    return error(method, 400, { code: "invalid_request", field, message: `${field} ${message}` });
  }
  const query = parsed.data;
  const { thisMonth } = await uptimeClock();
  const to = query.to ?? thisMonth;
  const from = query.from ?? addMonths(to, -11);
  if (from > to) return error(method, 400, { code: "invalid_request", field: "from", message: "from must not be after to" });
  if (monthSpan(from, to) > MAX_UPTIME_MONTHS) {
    return error(method, 400, { code: "invalid_request", field: "to", message: `from..to spans at most ${MAX_UPTIME_MONTHS} months` });
  }
  let component = null;
  if (query.component !== undefined) {
    component = findShownComponent(await shownUptimeComponents(), query.component);
    if (!component)
      return error(method, 404, { code: "not_found", field: "component", message: `No component with uptime shown has the id or slug "${query.component}"` });
  }
  const key = `uptime-json:${component?.id ?? "all"}|${from}|${to}`;
  const { value, staleSince } = await served(key, async () => {
    const [page, { value: uptime, staleSince: uptimeStale }] = await Promise.all([loadPageSetting(db()), publicMonthlyUptime(component, from, to)]);
    const document: UptimeResponse = { page: toPage(page), from, to, components: uptime.map(toUptimeComponentDocument) };
    const body = encodeCachedBody(JSON.stringify(document));
    return uptimeStale === null ? body : new StaleValue(body, Date.parse(uptimeStale));
  });
  return respond(method, headers, { ...value, contentType: JSON_TYPE, stale: staleSince !== null, extra: CORS });
}
