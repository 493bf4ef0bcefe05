// universal: imported by client components; no node: imports (scripts/check/layers.ts enforces it).
// The lists and limits both the probe schemas (checks/config.ts, which needs node:net)
// and the console's probe form use, so the form cannot drift from what is accepted.

export const CHECK_KINDS = ["http", "tcp", "dns", "tls", "websocket", "grpc", "mail", "icmp", "heartbeat"] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** A label per kind: adding a kind without one is a type error, so the form lists every kind. */
export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  http: "HTTP(S) request",
  tcp: "TCP connect",
  dns: "DNS lookup",
  tls: "TLS certificate",
  websocket: "WebSocket",
  grpc: "gRPC health check",
  mail: "Mail server (SMTP, IMAP, POP3)",
  icmp: "ICMP ping",
  heartbeat: "Heartbeat (a job pings Vigil)",
};

/** Kinds Vigil does not run itself: their results arrive from outside (lib/probes/heartbeat/). */
export const PUSH_KINDS: ReadonlySet<CheckKind> = new Set<CheckKind>(["heartbeat"]);

/** The form's choice of HTTP authentication ("none": no Authorization header from Vigil). */
export const HTTP_AUTH_TYPES = ["none", "basic", "bearer"] as const;

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
/** A heartbeat's grace period: how late a ping may be before it counts as missed. */
export const HEARTBEAT_GRACE_SECONDS = { min: 0, max: 86_400, default: 60 } as const;

export const MAIL_PROTOCOLS = ["smtp", "imap", "pop3"] as const;
export type MailProtocol = (typeof MAIL_PROTOCOLS)[number];
/** none: plain text; starttls: upgrade after the greeting (STARTTLS / STLS); implicit: TLS from the first byte (465, 993, 995). */
export const MAIL_TLS_MODES = ["starttls", "implicit", "none"] as const;
export type MailTlsMode = (typeof MAIL_TLS_MODES)[number];
/** The port a mail check uses when none is given. */
export const MAIL_DEFAULT_PORTS: Record<MailProtocol, Record<MailTlsMode, number>> = {
  smtp: { none: 25, starttls: 25, implicit: 465 },
  imap: { none: 143, starttls: 143, implicit: 993 },
  pop3: { none: 110, starttls: 110, implicit: 995 },
};
