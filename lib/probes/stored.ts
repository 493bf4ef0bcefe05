import { CheckConfig, DEFAULT_THRESHOLDS, Schedule, Thresholds } from "./checks/config";
import { MAIL_DEFAULT_PORTS } from "./kinds";
import { openCheckConfig } from "./sealed-config";

const formatHostPort = (host: string, port: number) => `${host.includes(":") ? `[${host}]` : host}:${port}`;

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

/** "GET https://x/health", "tcp db.internal:5432", "dns A example.com", "tls example.com:443", "heartbeat (grace 60 s)". */
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
    case "websocket":
      return `websocket ${redactedUrl(check.url)}`;
    case "grpc":
      return `grpc${check.tls ? "s" : ""} ${formatHostPort(check.host, check.port)}${check.service ? ` ${check.service}` : ""}`;
    case "mail":
      return `${check.protocol}${check.tls === "none" ? "" : check.tls === "implicit" ? "s" : "+starttls"} ${formatHostPort(check.host, check.port ?? MAIL_DEFAULT_PORTS[check.protocol][check.tls])}`;
    case "icmp":
      return `ping ${check.host}`;
    case "heartbeat":
      return `heartbeat (grace ${check.graceSeconds} s)`;
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

/** What redactedCheck shows in place of a secret. */
const HIDDEN = "(hidden)";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * An edited HTTP check with the secrets staff left empty taken from the saved one (the
 * console never shows a password, token or private key back): the same auth type keeps
 * its password or token, a client certificate its key. Anything else passes unchanged.
 */
export function keepSavedSecrets(saved: CheckConfig | null, edited: unknown): unknown {
  if (saved?.kind !== "http" || !isObject(edited) || edited.kind !== "http") return edited;
  // Left empty (the console) or sent back as redactedCheck shows it (an API client copying a GET): keep the saved one.
  const keep = (value: unknown) => value === undefined || value === HIDDEN;
  const next: Record<string, unknown> = { ...edited };
  const auth = edited.auth;
  const kept = saved.auth;
  if (isObject(auth) && kept !== undefined && kept.type === auth.type) {
    if (kept.type === "basic" && keep(auth.password)) next.auth = { ...auth, password: kept.password };
    if (kept.type === "bearer" && keep(auth.token)) next.auth = { ...auth, token: kept.token };
  }
  const certificate = edited.clientCertificate;
  if (isObject(certificate) && saved.clientCertificate && keep(certificate.key)) {
    next.clientCertificate = { ...certificate, key: saved.clientCertificate.key };
  }
  if (isObject(edited.headers)) {
    next.headers = Object.fromEntries(
      Object.entries(edited.headers).map(([name, value]) => [name, value === HIDDEN && name in saved.headers ? saved.headers[name] : value]),
    );
  }
  if (edited.body === HIDDEN && saved.body !== undefined) next.body = saved.body;
  return next;
}

/** A check without its secrets: header values, a request body, passwords, tokens and private keys hidden, the URL's credentials removed (audit log, API). */
export function redactedCheck(check: CheckConfig): Record<string, unknown> {
  if (check.kind === "websocket") return { ...check, url: redactedUrl(check.url) };
  if (check.kind !== "http") return check;
  const headers = Object.fromEntries(Object.keys(check.headers).map((name) => [name, HIDDEN]));
  return {
    ...check,
    url: redactedUrl(check.url),
    headers,
    ...(check.body === undefined ? {} : { body: HIDDEN }),
    ...(check.auth === undefined
      ? {}
      : { auth: check.auth.type === "basic" ? { type: "basic", username: check.auth.username, password: HIDDEN } : { type: "bearer", token: HIDDEN } }),
    ...(check.clientCertificate === undefined ? {} : { clientCertificate: { cert: "(certificate)", key: HIDDEN } }),
  };
}
