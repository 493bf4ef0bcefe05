import { z } from "zod";
import type { StaffContext } from "../auth/staff";
import type { DbOrTx } from "../db";
import { ServiceError } from "../errors";
import type { ProbeResult } from "./result";
import { testProbe } from "./staff-verbs";

// POST /api/probes/test (app/api/probes/test/route.ts): run a probe config once for a
// signed-in staff member with probes:write and answer the result. The session is a
// cookie, so a cross-site page must not be able to fire it: the Origin (or
// Sec-Fetch-Site) must say the request comes from the console's own origin.
// Errors are `{ error: { code, message, fields? } }`; nothing internal leaks.

const MAX_BODY_BYTES = 100_000;

export interface TestRequest {
  method: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  signal?: AbortSignal;
}

export interface TestResponse {
  status: number;
  body: unknown;
}

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

function error(status: number, code: string, message: string, fields?: Record<string, string>): TestResponse {
  return { status, body: { error: { code, message, ...(fields ? { fields } : {}) } } };
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
  if (request.method !== "POST") return error(405, "method_not_allowed", "Use POST.");
  if (!isSameOrigin(request.headers)) return error(403, "forbidden", "Cross-site requests are not allowed.");
  const staff = await loadStaff();
  if (!staff) return error(401, "unauthorized", "Sign in to the console (with your second factor) first.");
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    return error(415, "invalid", "Send the probe config as JSON with `Content-Type: application/json`.");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return error(413, "invalid", `The body is larger than ${MAX_BODY_BYTES / 1000} kB.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return error(400, "invalid", "The body is not valid JSON.");
  }
  try {
    const result = await testProbe(db, staff, json, request.signal ? { signal: request.signal } : {});
    return { status: 200, body: resultJson(result) };
  } catch (e) {
    if (e instanceof z.ZodError) {
      const fields: Record<string, string> = {};
      for (const issue of e.issues) fields[issue.path.map(String).join(".") || "config"] ??= issue.message;
      return error(422, "invalid", "The probe config is not valid.", fields);
    }
    if (e instanceof ServiceError) {
      const status = e.code === "forbidden" ? 403 : e.code === "unauthorized" ? 401 : e.code === "not_found" ? 404 : 400;
      return error(status, e.code, e.message, e.fields);
    }
    console.error("[vigil] probe test failed:", e);
    return error(500, "internal", "Something went wrong on our side; please try again.");
  }
}
