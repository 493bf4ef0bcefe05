import { CheckConfig, DEFAULT_THRESHOLDS, Schedule, Thresholds } from "./checks/config";
import { openCheckConfig } from "./sealed-config";

// A Probe row's JSON columns, parsed with the same schemas that validated them on save.

export interface ProbeRow {
  id: string;
  componentId: string;
  name: string;
  enabled: boolean;
  config: string;
  schedule: string;
  thresholds: string;
}

export interface StoredProbe {
  id: string;
  componentId: string;
  name: string;
  enabled: boolean;
  check: CheckConfig;
  schedule: Schedule;
  thresholds: Thresholds;
}

/**
 * Throws (a ZodError or SyntaxError) when a row was written by something other than the staff
 * verbs, or a SecretKeyError when its credentials cannot be decrypted with this instance's keys.
 */
export function parseProbeRow(row: ProbeRow): StoredProbe {
  return {
    id: row.id,
    componentId: row.componentId,
    name: row.name,
    enabled: row.enabled,
    check: CheckConfig.parse(openCheckConfig(row.config)),
    schedule: Schedule.parse(JSON.parse(row.schedule)),
    thresholds: Thresholds.parse(JSON.parse(row.thresholds)),
  };
}

/** The schedule alone (for staleness), or null when unreadable. */
export function parseStoredSchedule(text: string): Schedule | null {
  try {
    const parsed = Schedule.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The thresholds alone (for the quorum), or the defaults when unreadable. */
export function parseStoredThresholds(text: string): Thresholds {
  try {
    const parsed = Thresholds.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_THRESHOLDS;
  } catch {
    return DEFAULT_THRESHOLDS;
  }
}

/** "GET https://x/health", "tcp db.internal:5432", "dns A example.com", "tls example.com:443". */
export function describeTarget(check: CheckConfig): string {
  switch (check.kind) {
    case "http":
      return `${check.method} ${redactedUrl(check.url)}`;
    case "tcp":
      return `tcp ${check.host}:${check.port}`;
    case "dns":
      return `dns ${check.recordType} ${check.name}`;
    case "tls":
      return `tls ${check.host}:${check.port}`;
  }
}

/** "every 60 s" or "cron 0 * * * * *", with the jitter when set. */
export function describeSchedule(schedule: Schedule): string {
  const base = "cron" in schedule ? `cron ${schedule.cron}` : `every ${schedule.intervalSeconds} s`;
  return schedule.jitterSeconds ? `${base} (+ up to ${schedule.jitterSeconds} s jitter)` : base;
}

/** A URL without credentials or query string: they may hold secrets, and this text is shown and exported. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? "?…" : ""}`;
  } catch {
    return url;
  }
}

/** A check without its secrets: header values and a request body hidden, the URL's credentials removed (audit log, API). */
export function redactedCheck(check: CheckConfig): Record<string, unknown> {
  if (check.kind !== "http") return check;
  const headers = Object.fromEntries(Object.keys(check.headers).map((name) => [name, "(hidden)"]));
  return { ...check, url: redactedUrl(check.url), headers, ...(check.body === undefined ? {} : { body: "(hidden)" }) };
}
