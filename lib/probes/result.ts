import { z } from "zod";

// What one check of one probe from one region produced. Runners never throw: every
// failure, including a bug in the runner, becomes a ProbeResult. The worker stores
// these rows and feeds them to decide.ts.
//
// - outcome: ok | degraded (answered, but slow or a certificate near expiry) | failed.
// - errorClass: why it is not ok (null when ok). Stored as a string column checked
//   by ProbeErrorClass, like every status-like column.
// - message: one human-readable sentence for staff ("Unexpected status 503 (expected 200-399)").
// - latencyMs: the headline number = timings.totalMs (whole check, redirects included).
// - timings: phase durations in ms of the last connection (see run-http.ts); each
//   is absent when the phase did not happen (IP literal: no dnsMs; plain TCP: no tlsMs).
// - errorClass "aborted" means the worker cancelled the check (shutdown): it says
//   nothing about the target, and decide.ts ignores it.

export const PROBE_OUTCOMES = ["ok", "degraded", "failed"] as const;
export const ProbeOutcome = z.enum(PROBE_OUTCOMES);
export type ProbeOutcome = z.infer<typeof ProbeOutcome>;

export const PROBE_ERROR_CLASSES = [
  "timeout",
  "connection_refused",
  "connection_reset",
  "dns_failure",
  "network_error",
  "tls_error",
  "cert_expiring",
  "cert_expired",
  "unexpected_status",
  "keyword_missing",
  "keyword_present",
  "assertion_failed",
  "body_too_large",
  "too_many_redirects",
  "invalid_redirect",
  "unexpected_answer",
  "protocol_error",
  "blocked_target",
  "slow_response",
  "heartbeat_failed",
  "heartbeat_missed",
  "aborted",
  "internal_error",
] as const;
export const ProbeErrorClass = z.enum(PROBE_ERROR_CLASSES);
export type ProbeErrorClass = z.infer<typeof ProbeErrorClass>;

export interface ProbeTimings {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  totalMs: number;
}

export interface ProbeResult {
  outcome: ProbeOutcome;
  errorClass: ProbeErrorClass | null;
  message: string;
  latencyMs: number;
  timings: ProbeTimings;
  statusCode?: number;
  startedAt: Date;
  region: string;
}

export interface RunContext {
  /** Where the check runs from; copied onto the result. */
  region: string;
  /** Cancels the check (worker shutdown); the result then has errorClass "aborted". */
  signal?: AbortSignal;
  /** Clock for startedAt and certificate expiry; durations use performance.now(). */
  now?: () => Date;
  /** An admin allowed link-local and cloud metadata targets (checks/target-guard.ts); default: refused. */
  allowMetadataTargets?: boolean;
}

/** "250 ms", "1.5 s", "10 s": for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 100) / 10;
  return `${Number.isInteger(seconds) ? seconds.toFixed(0) : seconds.toFixed(1)} s`;
}

/** Durations are stored as whole milliseconds. */
export function roundMs(ms: number): number {
  return Math.max(0, Math.round(ms));
}

export type PhaseTimings = Omit<ProbeTimings, "totalMs">;

export interface Outcome {
  outcome: ProbeOutcome;
  errorClass: ProbeErrorClass | null;
  message: string;
  statusCode?: number;
  timings?: PhaseTimings;
}

/**
 * Starts the clock for one check: startedAt from ctx.now, durations from
 * performance.now() (monotonic, so a wall-clock step cannot produce negative latency).
 */
export function startCheck(ctx: RunContext) {
  const startedAt = (ctx.now ?? (() => new Date()))();
  const t0 = performance.now();
  const elapsed = () => performance.now() - t0;
  const finish = (o: Outcome, totalMs = elapsed()): ProbeResult => {
    const timings: ProbeTimings = { totalMs: roundMs(totalMs) };
    for (const key of ["dnsMs", "connectMs", "tlsMs", "firstByteMs"] as const) {
      const value = o.timings?.[key];
      if (value !== undefined) timings[key] = roundMs(value);
    }
    return {
      outcome: o.outcome,
      errorClass: o.errorClass,
      message: o.message,
      latencyMs: timings.totalMs,
      timings,
      ...(o.statusCode === undefined ? {} : { statusCode: o.statusCode }),
      startedAt,
      region: ctx.region,
    };
  };
  return { startedAt, t0, elapsed, finish };
}
