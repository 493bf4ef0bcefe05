import type { StaffContext } from "../auth/staff";
import type { DbOrTx } from "../db";
import { readJsonBody, type JsonBodySource } from "../http/json-body";
import { errorToJson, jsonError, type ErrorContract, type JsonError } from "../http/json-errors";
import type { ProbeResult } from "./result";
import { testProbe } from "./staff-verbs";

// POST /api/probes/test (app/api/probes/test/route.ts): run a probe config once for a
// signed-in staff member with probes:write and answer the result. The session is a
// cookie, so a cross-site page must not be able to fire it: the Origin (or
// Sec-Fetch-Site) must say the request comes from the console's own origin.
// Errors are `{ error: { code, message, fields? } }`; nothing internal leaks.

const MAX_BODY_BYTES = 100_000;

export interface TestRequest extends JsonBodySource {
  method: string;
  signal?: AbortSignal;
}

export interface TestResponse {
  status: number;
  body: unknown;
}

// This endpoint's own contract (pinned by tests/integration/probes.test.ts), unlike the
// management API's: zod's messages under dotted paths, 422 for a bad config, and the
// precise 413 / 415 for a refused body.
const CONTRACT: ErrorContract = {
  invalid: { status: 422, message: "The probe config is not valid." },
  fields: { root: "config" },
  bodyStatus: "precise",
  internal: { message: "Something went wrong on our side; please try again.", log: "probe test" },
};

// This endpoint has no headers of its own to send.
const answer = ({ status, body }: JsonError): TestResponse => ({ status, body });

/** True when a browser says the request comes from this same origin. */
export function isSameOrigin(headers: { get(name: string): string | null }): boolean {
  const origin = headers.get("origin");
  if (origin === null) return headers.get("sec-fetch-site") === "same-origin";
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function resultJson(result: ProbeResult) {
  return {
    outcome: result.outcome,
    errorClass: result.errorClass,
    message: result.message,
    latencyMs: result.latencyMs,
    timings: result.timings,
    statusCode: result.statusCode ?? null,
    startedAt: result.startedAt.toISOString(),
    region: result.region,
  };
}

export async function handleTestProbe(db: DbOrTx, request: TestRequest, loadStaff: () => Promise<StaffContext | null>): Promise<TestResponse> {
  if (request.method !== "POST") return answer(jsonError("method_not_allowed", "Use POST."));
  if (!isSameOrigin(request.headers)) return answer(jsonError("forbidden", "Cross-site requests are not allowed."));
  const staff = await loadStaff();
  if (!staff) return answer(jsonError("unauthorized", "Sign in to the console (with your second factor) first."));
  try {
    const config = await readJsonBody(request, { maxBytes: MAX_BODY_BYTES, what: "the probe config" });
    const result = await testProbe(db, staff, config, request.signal ? { signal: request.signal } : {});
    return { status: 200, body: resultJson(result) };
  } catch (error) {
    // testProbe throws only zod and forbidden errors; other codes would get their
    // statuses from lib/errors.ts (before, anything but 401/403/404 was a 400).
    return answer(errorToJson(error, CONTRACT));
  }
}
