// universal: imported by client components; no node: imports (scripts/check/layers.ts enforces it).
// The lists and limits both the probe schemas (checks/config.ts, which needs node:net)
// and the console's probe form use, so the form cannot drift from what is accepted.

export const CHECK_KINDS = ["http", "tcp", "dns", "tls"] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** A label per kind: adding a kind without one is a type error, so the form lists every kind. */
export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  http: "HTTP(S) request",
  tcp: "TCP connect",
  dns: "DNS lookup",
  tls: "TLS certificate",
};

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const DNS_RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT"] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** `default` is the most a probe gets when its timeout is left empty (half the interval when that is shorter). */
export const TIMEOUT_MS = { min: 100, max: 60_000, default: 10_000 } as const;
/** `default` is what a new probe's form starts with; the schema itself requires a schedule. */
export const INTERVAL_SECONDS = { min: 10, max: 86_400, default: 60 } as const;
export const MAX_REDIRECTS = { max: 10, default: 5 } as const;
export const TLS_DEFAULTS = { port: 443, warnDays: 14, criticalDays: 7 } as const;
export const THRESHOLD_DEFAULTS = { failuresToDown: 3, successesToUp: 2, slowToDegraded: 3, recheckSeconds: 3 } as const;
/** Re-checks while a change is being confirmed: this many seconds after the previous check ends (0: off). */
export const RECHECK_SECONDS = { min: 0, max: 300 } as const;
