import type { Db } from "../../db";
import { readTextBody, type JsonBodySource } from "../../http/json-body";
import { errorToJson, jsonError, type ErrorContract, type JsonError } from "../../http/json-errors";
import { HEARTBEAT_PATH } from "./urls";
import { PingLimiter } from "./rate-limit";
import { HeartbeatPingBody, type Ping, PING_STATUSES, recordHeartbeatPing, type PingStatus } from "./record";
import { hashHeartbeatToken, isHeartbeatToken } from "./token";

// GET | HEAD | POST /api/heartbeat/<token>[/fail][?status=ok|fail] (app/api/heartbeat/[...path]/route.ts).
// On the hot path of someone's cron job: one indexed read, one result, one update.
// Answers: 200 { ok, status, nextDueAt }; 404 for a token nobody has (also a malformed
// one, without a query); 422 naming the field for a bad body or query; 429 past the
// per-token limit; 405 for other methods; 503 only when the database is unreachable
// (the job's `curl --retry` tries again). The body, when there is one, is JSON whatever
// its Content-Type: `curl -d '{…}'` sends it as a form.

const MAX_BODY_BYTES = 4096;
const METHODS = ["GET", "HEAD", "POST"] as const;

export interface HeartbeatRequest extends JsonBodySource {
  method: string;
  url: URL;
}

export interface HeartbeatResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface HeartbeatOptions {
  now?: () => Date;
  limiter?: PingLimiter;
  /** A ping changed a component's status (the wiring refreshes the public page). */
  onStatusChange?: () => void;
}

const CONTRACT: ErrorContract = {
  invalid: { status: 422, message: "The ping is not valid." },
  fields: { root: "body" },
  bodyStatus: "precise",
  internal: { message: "The ping could not be recorded; please try again.", log: "heartbeat ping" },
};

const globalForHeartbeat = globalThis as unknown as { vigilPingLimiter?: PingLimiter };
const sharedLimiter = () => (globalForHeartbeat.vigilPingLimiter ??= new PingLimiter());

const answer = ({ status, headers, body }: JsonError): HeartbeatResponse => ({ status, headers, body });
const invalid = (field: string, message: string) =>
  answer(jsonError("invalid", CONTRACT.invalid.message, { status: CONTRACT.invalid.status, fields: { [field]: message } }));
const NOT_FOUND = () => answer(jsonError("not_found", "No heartbeat has this URL."));

/** The token and whether the path ends in /fail, or null for any other path. */
export function parseHeartbeatPath(pathname: string): { token: string; fail: boolean } | null {
  if (!pathname.startsWith(`${HEARTBEAT_PATH}/`)) return null;
  const parts = pathname.slice(HEARTBEAT_PATH.length + 1).split("/");
  if (parts.length === 1 && parts[0]) return { token: parts[0], fail: false };
  if (parts.length === 2 && parts[0] && parts[1] === "fail") return { token: parts[0], fail: true };
  return null;
}

async function readPing(request: HeartbeatRequest, fail: boolean): Promise<Ping | HeartbeatResponse> {
  const query = request.url.searchParams.get("status");
  if (query !== null && !(PING_STATUSES as readonly string[]).includes(query)) return invalid("status", 'status must be "ok" or "fail"');
  let body: HeartbeatPingBody = {};
  const text = request.method === "POST" ? (await readTextBody(request, { maxBytes: MAX_BODY_BYTES })).trim() : "";
  if (text !== "") {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return invalid("body", 'The body must be JSON, e.g. {"status":"fail","message":"disk full"}, or empty.');
    }
    body = HeartbeatPingBody.parse(json);
  }
  const said = [fail ? "fail" : null, query, body.status ?? null].filter((s): s is PingStatus => s !== null);
  if (new Set(said).size > 1) return invalid("status", "The path, ?status= and the body's status disagree; send one.");
  return {
    status: said[0] ?? "ok",
    ...(body.duration_ms === undefined ? {} : { durationMs: body.duration_ms }),
    ...(body.message === undefined ? {} : { message: body.message }),
  };
}

export async function handleHeartbeatPing(db: Db, request: HeartbeatRequest, options: HeartbeatOptions = {}): Promise<HeartbeatResponse> {
  if (!(METHODS as readonly string[]).includes(request.method)) {
    const { status, headers, body } = jsonError("method_not_allowed", `${request.method} is not supported here; use GET or POST.`);
    return { status, headers: { ...headers, Allow: METHODS.join(", ") }, body };
  }
  const path = parseHeartbeatPath(request.url.pathname);
  if (!path || !isHeartbeatToken(path.token)) return NOT_FOUND();
  try {
    const now = (options.now ?? (() => new Date()))();
    const limiter = options.limiter ?? sharedLimiter();
    const ping = await readPing(request, path.fail);
    if ("body" in ping) return ping;
    const outcome = await recordHeartbeatPing(db, path.token, ping, now, () => limiter.take(hashHeartbeatToken(path.token), now.getTime()));
    if (!outcome.found) return NOT_FOUND();
    if (outcome.limited !== undefined) {
      const limited = jsonError("rate_limited", "Too many pings for this heartbeat; at most one every two seconds is recorded.");
      return { ...answer(limited), headers: { "Retry-After": String(outcome.limited) } };
    }
    if (outcome.statusChanged) options.onStatusChange?.();
    return { status: 200, headers: {}, body: { ok: true, status: ping.status, nextDueAt: outcome.nextDueAt?.toISOString() ?? null } };
  } catch (error) {
    return answer(errorToJson(error, CONTRACT));
  }
}
