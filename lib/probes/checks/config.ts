import { createPrivateKey, X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";
import {
  CHECK_KINDS,
  DNS_RECORD_TYPES,
  HEARTBEAT_GRACE_SECONDS,
  HTTP_METHODS,
  MAIL_PROTOCOLS,
  MAIL_TLS_MODES,
  INTERVAL_SECONDS,
  MAX_REDIRECTS,
  RECHECK_SECONDS,
  THRESHOLD_DEFAULTS,
  TIMEOUT_MS,
  TLS_DEFAULTS,
} from "../kinds";
import { parseCron } from "../scheduling/cron";
import { shortestGapMs } from "../scheduling/schedule";
import { JSON_ASSERTION_OPS, parseJsonPath } from "./json-path";
import { parseStatusRanges, type StatusRange } from "./status-ranges";

// What staff configure for a probe, shared by the console form, the API and the worker.
//
//   CheckConfig.parse(json)      -> HttpCheck | TcpCheck | DnsCheck | TlsCheck | HeartbeatCheck | … (by `kind`)
//   Schedule.parse(json)         -> { cron, jitterSeconds? } | { intervalSeconds, jitterSeconds? }
//   Thresholds.parse(json ?? {}) -> { failuresToDown, successesToUp, slowToDegraded, recheckSeconds }
//   ProbeDefinition              -> { check, schedule, thresholds } in one object, the
//                                   timeout below the interval (probeRules)
//
// Every schema accepts its own output, so the parsed value can be stored as JSON and
// parsed again on read with the same result. Objects are strict: a typo such as
// `timeout` instead of `timeoutMs` is an error, not a silently ignored key.
// Every message names its field, because the console shows messages without paths.
// The kinds and limits the console form also shows live in ../kinds.ts (no node: imports).

// Server code keeps importing the kinds from here, with the schemas that use them.

const MIB = 1024 * 1024;

const timeoutMs = z
  .number({ error: "timeoutMs must be a number of milliseconds" })
  .int("timeoutMs must be a whole number of milliseconds")
  .min(TIMEOUT_MS.min, `timeoutMs must be at least ${TIMEOUT_MS.min} ms`)
  .max(TIMEOUT_MS.max, `timeoutMs must be at most ${TIMEOUT_MS.max} ms (${TIMEOUT_MS.max / 1000} s)`)
  .default(TIMEOUT_MS.default);

const degradedAboveMs = z
  .number({ error: "degradedAboveMs must be a number of milliseconds" })
  .int("degradedAboveMs must be a whole number of milliseconds")
  .min(1, "degradedAboveMs must be at least 1 ms")
  .optional();

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

function isHostname(value: string): boolean {
  return HOSTNAME.test(value);
}

function host(field: string) {
  return z
    .string({ error: `${field} is required` })
    .trim()
    .refine((v) => isIP(v) !== 0 || isHostname(v), `${field} must be a hostname or IP address, e.g. api.example.com`);
}

function port(field: string) {
  return z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(1, `${field} must be between 1 and 65535`)
    .max(65535, `${field} must be between 1 and 65535`);
}

function checkDegradedBelowTimeout(c: { degradedAboveMs?: number | undefined; timeoutMs: number }, ctx: z.RefinementCtx): void {
  if (c.degradedAboveMs !== undefined && c.degradedAboveMs >= c.timeoutMs) {
    ctx.addIssue({
      code: "custom",
      path: ["degradedAboveMs"],
      message: `degradedAboveMs (${c.degradedAboveMs}) must be below timeoutMs (${c.timeoutMs})`,
    });
  }
}

// --- http -------------------------------------------------------------------------

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const StatusRangeObject = z.strictObject({ from: z.number(), to: z.number() });

const expectedStatus = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number(), StatusRangeObject]))], {
    error: 'expectedStatus must be codes and ranges such as "200-299,301"',
  })
  .transform((value, ctx): StatusRange[] => {
    const ranges = parseStatusRanges(value);
    if (typeof ranges === "string") {
      ctx.addIssue({ code: "custom", message: `expectedStatus: ${ranges}` });
      return z.NEVER;
    }
    return ranges;
  });

export const JsonAssertionSchema = z
  .strictObject({
    path: z
      .string({ error: "path is required, e.g. $.status" })
      .trim()
      .superRefine((path, ctx) => {
        const parsed = parseJsonPath(path);
        if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: `path ${parsed}` });
      }),
    op: z.enum(JSON_ASSERTION_OPS, { error: `op must be one of ${JSON_ASSERTION_OPS.join(", ")}` }),
    value: z
      .union([z.string(), z.number(), z.boolean(), z.null()], {
        error: "value must be a string, number, boolean or null",
      })
      .optional(),
  })
  .superRefine((a, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
    if (a.op === "exists") {
      if (a.value !== undefined) issue("value is not used with op exists; remove it");
    } else if (a.value === undefined) {
      issue(`value is required with op ${a.op}`);
    } else if ((a.op === "<" || a.op === ">") && typeof a.value !== "number") {
      issue(`value must be a number with op ${a.op}`);
    }
  });
export type JsonAssertionConfig = z.infer<typeof JsonAssertionSchema>;

const noLineBreaks = (v: string) => !/[\r\n\0]/.test(v);

/** Basic or bearer credentials, sent as the Authorization header (sealed at rest, sealed-config.ts). */
export const HttpAuth = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("basic"),
      username: z
        .string({ error: "username is required" })
        .min(1, "username is required")
        .max(200, "username must be at most 200 characters")
        .refine((v) => !v.includes(":") && noLineBreaks(v), "username must not contain a colon or line breaks"),
      password: z
        .string({ error: "password is required" })
        .max(500, "password must be at most 500 characters")
        .refine(noLineBreaks, "password must not contain line breaks"),
    }),
    z.strictObject({
      type: z.literal("bearer"),
      token: z
        .string({ error: "token is required" })
        .min(1, "token is required")
        .max(4096, "token must be at most 4096 characters")
        .refine((v) => !/\s/.test(v), "token must not contain spaces or line breaks"),
    }),
  ],
  { error: 'auth type must be "basic" or "bearer"' },
);
export type HttpAuth = z.infer<typeof HttpAuth>;

function parsesAs(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}

/** A client certificate and its private key (PEM) for mutual TLS; the key is sealed at rest. */
export const ClientCertificate = z
  .strictObject({
    cert: z
      .string({ error: "cert is required" })
      .trim()
      .max(20_000, "cert must be at most 20000 characters")
      .refine((v) => parsesAs(() => new X509Certificate(v)), "cert must be a PEM certificate (-----BEGIN CERTIFICATE-----)"),
    key: z
      .string({ error: "key is required" })
      .trim()
      .max(20_000, "key must be at most 20000 characters")
      .refine((v) => parsesAs(() => createPrivateKey(v)), "key must be an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)"),
  })
  .superRefine((c, ctx) => {
    if (
      parsesAs(() => new X509Certificate(c.cert)) &&
      parsesAs(() => createPrivateKey(c.key)) &&
      !new X509Certificate(c.cert).checkPrivateKey(createPrivateKey(c.key))
    ) {
      ctx.addIssue({ code: "custom", path: ["key"], message: "key does not belong to this certificate" });
    }
  });
export type ClientCertificate = z.infer<typeof ClientCertificate>;

export const HttpCheck = z
  .strictObject({
    kind: z.literal("http"),
    method: z.enum(HTTP_METHODS, { error: `method must be one of ${HTTP_METHODS.join(", ")}` }).default("GET"),
    url: z.string({ error: "url is required" }).trim().refine(isHttpUrl, "url must be an absolute http:// or https:// URL, e.g. https://example.com/health"),
    headers: z
      .record(
        z.string().regex(TOKEN),
        z.string({ error: "headers: each value must be a string" }).refine((v) => !/[\r\n\0]/.test(v), {
          message: "headers: a value must not contain line breaks",
        }),
        {
          // The record reports a bad key as one "invalid_key" issue, hiding the regex's message.
          error: (issue) =>
            issue.code === "invalid_key"
              ? "headers: a header name may only contain letters, digits and !#$%&'*+-.^_`|~"
              : issue.code === "invalid_type"
                ? "headers must be an object of name: value strings"
                : undefined,
        },
      )
      .default({}),
    body: z.string({ error: "body must be a string" }).max(65_536, "body must be at most 64 KiB").optional(),
    timeoutMs,
    followRedirects: z.boolean({ error: "followRedirects must be true or false" }).default(true),
    maxRedirects: z
      .number({ error: "maxRedirects must be a number" })
      .int("maxRedirects must be a whole number")
      .min(0, `maxRedirects must be between 0 and ${MAX_REDIRECTS.max}`)
      .max(MAX_REDIRECTS.max, `maxRedirects must be between 0 and ${MAX_REDIRECTS.max}`)
      .default(MAX_REDIRECTS.default),
    verifyTls: z.boolean({ error: "verifyTls must be true or false" }).default(true),
    auth: HttpAuth.optional(),
    /** Presented to https:// targets of the probe's own origin (never after a redirect elsewhere). */
    clientCertificate: ClientCertificate.optional(),
    expectedStatus: expectedStatus.default(() => [{ from: 200, to: 399 }]),
    bodyContains: z.string({ error: "bodyContains must be a string" }).min(1, "bodyContains must not be empty").optional(),
    bodyNotContains: z.string({ error: "bodyNotContains must be a string" }).min(1, "bodyNotContains must not be empty").optional(),
    jsonAssertions: z.array(JsonAssertionSchema, { error: "jsonAssertions must be a list" }).max(20, "jsonAssertions: at most 20 assertions").default([]),
    degradedAboveMs,
    maxBodyBytes: z
      .number({ error: "maxBodyBytes must be a number of bytes" })
      .int("maxBodyBytes must be a whole number of bytes")
      .min(1, "maxBodyBytes must be at least 1")
      .max(10 * MIB, "maxBodyBytes must be at most 10 MiB (10485760)")
      .default(MIB),
  })
  .superRefine((c, ctx) => {
    checkDegradedBelowTimeout(c, ctx);
    if (c.body !== undefined && (c.method === "GET" || c.method === "HEAD")) {
      ctx.addIssue({ code: "custom", path: ["body"], message: `body is not allowed with method ${c.method}` });
    }
    if (c.auth !== undefined && Object.keys(c.headers).some((name) => name.toLowerCase() === "authorization")) {
      ctx.addIssue({ code: "custom", path: ["auth"], message: "auth sets the Authorization header: remove it from headers, or leave auth empty" });
    }
    if (c.clientCertificate !== undefined && !/^https:/i.test(c.url)) {
      ctx.addIssue({ code: "custom", path: ["clientCertificate"], message: "a client certificate needs an https:// url" });
    }
    const checksBody = c.bodyContains !== undefined || c.bodyNotContains !== undefined || c.jsonAssertions.length > 0;
    if (c.method === "HEAD" && checksBody) {
      ctx.addIssue({
        code: "custom",
        path: ["method"],
        message: "method HEAD returns no body, so bodyContains, bodyNotContains and jsonAssertions cannot be used",
      });
    }
  });
export type HttpCheck = z.infer<typeof HttpCheck>;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

// --- tcp --------------------------------------------------------------------------

/** Text sent or expected on a plain-text protocol: printable, no NUL; \r\n escapes are read by the runner. */
function wireText(field: string, max: number) {
  return z
    .string({ error: `${field} must be text` })
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((v) => !v.includes("\0"), `${field} must not contain a NUL character`);
}

export const TcpCheck = z
  .strictObject({
    kind: z.literal("tcp"),
    host: host("host"),
    port: port("port"),
    /** Written once connected (\r\n, \n and \t escapes become line breaks and tabs). */
    send: wireText("send", 4096).optional(),
    /** The connection's first bytes (after `send`) must contain this, read until seen or the timeout. */
    bannerContains: wireText("bannerContains", 200).optional(),
    timeoutMs,
    degradedAboveMs,
  })
  .superRefine(checkDegradedBelowTimeout);
export type TcpCheck = z.infer<typeof TcpCheck>;

// --- dns --------------------------------------------------------------------------

/** "10.0.0.53", "10.0.0.53:5353", "fd00::53" or "[fd00::53]:53": what Resolver#setServers takes. */
export function isResolverAddress(value: string): boolean {
  if (isIP(value) !== 0) return true;
  const match = /^(?:(\d{1,3}(?:\.\d{1,3}){3})|\[([0-9A-Fa-f:.]+)\]):(\d{1,5})$/.exec(value);
  if (!match) return false;
  const portNumber = Number(match[3]);
  const ipOk = match[1] !== undefined ? isIP(match[1]) === 4 : isIP(match[2] ?? "") === 6;
  return ipOk && portNumber >= 1 && portNumber <= 65535;
}

export const DnsCheck = z
  .strictObject({
    kind: z.literal("dns"),
    name: z.string({ error: "name is required" }).trim().refine(isHostname, "name must be a domain name, e.g. example.com"),
    recordType: z.enum(DNS_RECORD_TYPES, { error: `recordType must be one of ${DNS_RECORD_TYPES.join(", ")}` }).default("A"),
    expected: z.string({ error: "expected must be a string" }).trim().min(1, "expected must not be empty").optional(),
    resolver: z
      .string({ error: "resolver must be a string" })
      .trim()
      .refine(isResolverAddress, "resolver must be an IP address with an optional port: 10.0.0.53, 10.0.0.53:5353 or [fd00::53]:53")
      .optional(),
    timeoutMs,
    degradedAboveMs,
  })
  .superRefine(checkDegradedBelowTimeout);
export type DnsCheck = z.infer<typeof DnsCheck>;

// --- tls --------------------------------------------------------------------------

function days(field: string) {
  return z
    .number({ error: `${field} must be a number of days` })
    .int(`${field} must be a whole number of days`)
    .min(0, `${field} must be between 0 and 365`)
    .max(365, `${field} must be between 0 and 365`);
}

/** A certificate is failing within criticalDays, degraded within warnDays: the first must be shorter (TLS and mail). */
function checkExpiryDays(c: { warnDays: number; criticalDays: number }, ctx: z.RefinementCtx): void {
  if (c.criticalDays >= c.warnDays) {
    ctx.addIssue({ code: "custom", path: ["criticalDays"], message: `criticalDays (${c.criticalDays}) must be less than warnDays (${c.warnDays})` });
  }
}

export const TlsCheck = z
  .strictObject({
    kind: z.literal("tls"),
    host: host("host"),
    port: port("port").default(TLS_DEFAULTS.port),
    servername: z.string({ error: "servername must be a string" }).trim().refine(isHostname, "servername must be a hostname, e.g. example.com").optional(),
    warnDays: days("warnDays").default(TLS_DEFAULTS.warnDays),
    criticalDays: days("criticalDays").default(TLS_DEFAULTS.criticalDays),
    // Off: report expiry only, e.g. for an internal CA the worker does not trust.
    verifyTls: z.boolean({ error: "verifyTls must be true or false" }).default(true),
    timeoutMs,
  })
  .superRefine(checkExpiryDays);
export type TlsCheck = z.infer<typeof TlsCheck>;

// --- websocket --------------------------------------------------------------------

function isWebSocketUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "ws:" || url.protocol === "wss:") && url.hostname !== "" && url.hash === "";
  } catch {
    return false;
  }
}

export const WebSocketCheck = z
  .strictObject({
    kind: z.literal("websocket"),
    url: z
      .string({ error: "url is required" })
      .trim()
      .refine(isWebSocketUrl, "url must be an absolute ws:// or wss:// URL without #, e.g. wss://example.com/socket"),
    /** A text message sent once the upgrade completes. */
    send: z.string({ error: "send must be text" }).min(1, "send must not be empty").max(65_536, "send must be at most 64 KiB").optional(),
    /** A message from the server must contain this (after `send`, when set). */
    expectContains: z
      .string({ error: "expectContains must be text" })
      .min(1, "expectContains must not be empty")
      .max(200, "expectContains must be at most 200 characters")
      .optional(),
    verifyTls: z.boolean({ error: "verifyTls must be true or false" }).default(true),
    timeoutMs,
    degradedAboveMs,
  })
  .superRefine(checkDegradedBelowTimeout);
export type WebSocketCheck = z.infer<typeof WebSocketCheck>;

// --- mail -------------------------------------------------------------------------

export const MailCheck = z
  .strictObject({
    kind: z.literal("mail"),
    protocol: z.enum(MAIL_PROTOCOLS, { error: `protocol must be one of ${MAIL_PROTOCOLS.join(", ")}` }),
    host: host("host"),
    /** Empty: the protocol's usual port for the TLS mode (kinds.ts MAIL_DEFAULT_PORTS). */
    port: port("port").optional(),
    tls: z.enum(MAIL_TLS_MODES, { error: `tls must be one of ${MAIL_TLS_MODES.join(", ")}` }).default("starttls"),
    /** The greeting must contain this, e.g. the server's name. */
    bannerContains: wireText("bannerContains", 200).optional(),
    verifyTls: z.boolean({ error: "verifyTls must be true or false" }).default(true),
    warnDays: days("warnDays").default(TLS_DEFAULTS.warnDays),
    criticalDays: days("criticalDays").default(TLS_DEFAULTS.criticalDays),
    timeoutMs,
    degradedAboveMs,
  })
  .superRefine((c, ctx) => {
    checkDegradedBelowTimeout(c, ctx);
    checkExpiryDays(c, ctx);
  });
export type MailCheck = z.infer<typeof MailCheck>;

// --- grpc -------------------------------------------------------------------------

export const GrpcCheck = z
  .strictObject({
    kind: z.literal("grpc"),
    host: host("host"),
    port: port("port"),
    /** The service to ask about; empty: the server as a whole (grpc.health.v1). */
    service: z
      .string({ error: "service must be text" })
      .trim()
      .max(200, "service must be at most 200 characters")
      .regex(/^[A-Za-z0-9_.-]*$/, "service must be a gRPC service name such as my.package.Service, or empty for the whole server")
      .default(""),
    /** TLS (with ALPN h2), or plaintext HTTP/2 (h2c) when off. */
    tls: z.boolean({ error: "tls must be true or false" }).default(true),
    verifyTls: z.boolean({ error: "verifyTls must be true or false" }).default(true),
    timeoutMs,
    degradedAboveMs,
  })
  .superRefine(checkDegradedBelowTimeout);
export type GrpcCheck = z.infer<typeof GrpcCheck>;

// --- icmp -------------------------------------------------------------------------

/** One ICMP echo (run-icmp.ts; only where this process may ping, icmpAvailability). */
export const IcmpCheck = z
  .strictObject({
    kind: z.literal("icmp"),
    host: host("host"),
    timeoutMs,
    degradedAboveMs,
  })
  .superRefine(checkDegradedBelowTimeout);
export type IcmpCheck = z.infer<typeof IcmpCheck>;

// --- heartbeat ------------------------------------------------------------------

// A push probe: a job pings Vigil's secret URL (lib/probes/heartbeat/) and the probe's
// schedule is when pings are expected. timeoutMs is kept so every check has the same
// shape (the probe rules read it); nothing runs for a heartbeat, so it bounds nothing.
export const HeartbeatCheck = z.strictObject({
  kind: z.literal("heartbeat"),
  graceSeconds: z
    .number({ error: "graceSeconds must be a number of seconds" })
    .int("graceSeconds must be a whole number of seconds")
    .min(HEARTBEAT_GRACE_SECONDS.min, `graceSeconds must be between ${HEARTBEAT_GRACE_SECONDS.min} and ${HEARTBEAT_GRACE_SECONDS.max}`)
    .max(HEARTBEAT_GRACE_SECONDS.max, `graceSeconds must be between ${HEARTBEAT_GRACE_SECONDS.min} and ${HEARTBEAT_GRACE_SECONDS.max}`)
    .default(HEARTBEAT_GRACE_SECONDS.default),
  timeoutMs,
});
export type HeartbeatCheck = z.infer<typeof HeartbeatCheck>;

// --- any check --------------------------------------------------------------------

export const CheckConfig = z.discriminatedUnion(
  "kind",
  [HttpCheck, TcpCheck, DnsCheck, TlsCheck, WebSocketCheck, GrpcCheck, MailCheck, IcmpCheck, HeartbeatCheck],
  {
    error: `kind must be one of ${CHECK_KINDS.join(", ")}`,
  },
);
export type CheckConfig = z.infer<typeof CheckConfig>;
export type CheckConfigInput = z.input<typeof CheckConfig>;

// --- schedule ---------------------------------------------------------------------

export type Schedule = { cron: string; jitterSeconds?: number } | { intervalSeconds: number; jitterSeconds?: number };

export const Schedule = z
  .strictObject({
    cron: z.string({ error: "cron must be a string" }).trim().optional(),
    intervalSeconds: z
      .number({ error: "intervalSeconds must be a number" })
      .int("intervalSeconds must be a whole number")
      .min(INTERVAL_SECONDS.min, `intervalSeconds must be between ${INTERVAL_SECONDS.min} and ${INTERVAL_SECONDS.max}`)
      .max(INTERVAL_SECONDS.max, `intervalSeconds must be between ${INTERVAL_SECONDS.min} and ${INTERVAL_SECONDS.max}`)
      .optional(),
    jitterSeconds: z
      .number({ error: "jitterSeconds must be a number" })
      .int("jitterSeconds must be a whole number")
      .min(0, "jitterSeconds must be between 0 and 3600")
      .max(3600, "jitterSeconds must be between 0 and 3600")
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.cron === undefined && s.intervalSeconds === undefined) {
      ctx.addIssue({ code: "custom", message: "schedule needs either cron or intervalSeconds" });
    } else if (s.cron !== undefined && s.intervalSeconds !== undefined) {
      ctx.addIssue({ code: "custom", message: "schedule takes cron or intervalSeconds, not both" });
    }
    if (s.cron !== undefined) {
      const parsed = parseCron(s.cron);
      if (typeof parsed === "string") ctx.addIssue({ code: "custom", path: ["cron"], message: `cron: ${parsed}` });
    }
    // Jitter shorter than the period keeps every slot distinct (see schedule.ts).
    if (s.intervalSeconds !== undefined && s.jitterSeconds !== undefined && s.jitterSeconds >= s.intervalSeconds) {
      ctx.addIssue({
        code: "custom",
        path: ["jitterSeconds"],
        message: `jitterSeconds (${s.jitterSeconds}) must be less than intervalSeconds (${s.intervalSeconds})`,
      });
    }
  })
  .transform((s): Schedule => {
    const jitter = s.jitterSeconds === undefined ? {} : { jitterSeconds: s.jitterSeconds };
    return s.cron !== undefined ? { cron: s.cron, ...jitter } : { intervalSeconds: s.intervalSeconds ?? 0, ...jitter };
  });

// --- thresholds -------------------------------------------------------------------

function count(field: string) {
  return z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(1, `${field} must be between 1 and 100`)
    .max(100, `${field} must be between 1 and 100`);
}

/** Hysteresis for decide.ts: how many consecutive checks confirm a change, and how soon they come (scheduling/recheck.ts). */
export const Thresholds = z.strictObject({
  failuresToDown: count("failuresToDown").default(THRESHOLD_DEFAULTS.failuresToDown),
  successesToUp: count("successesToUp").default(THRESHOLD_DEFAULTS.successesToUp),
  slowToDegraded: count("slowToDegraded").default(THRESHOLD_DEFAULTS.slowToDegraded),
  recheckSeconds: z
    .number({ error: "recheckSeconds must be a number of seconds" })
    .int("recheckSeconds must be a whole number of seconds")
    .min(RECHECK_SECONDS.min, `recheckSeconds must be between 0 (off) and ${RECHECK_SECONDS.max}`)
    .max(RECHECK_SECONDS.max, `recheckSeconds must be between 0 (off) and ${RECHECK_SECONDS.max}`)
    .default(THRESHOLD_DEFAULTS.recheckSeconds),
});
export type Thresholds = z.infer<typeof Thresholds>;
export const DEFAULT_THRESHOLDS: Thresholds = Thresholds.parse({});

// --- a whole probe ----------------------------------------------------------------

// A check that runs until the next one is due makes that one skip (the worker never runs
// a probe twice at once), which halves the check rate without a word. So the timeout must
// end before the next slot, and one left out is 10 s or half the interval when shorter.

/** The timeout a probe on a schedule with slots `gapMs` apart gets when none is given. */
export function defaultTimeoutMs(gapMs: number): number {
  return Math.max(TIMEOUT_MS.min, Math.min(TIMEOUT_MS.default, Math.floor(gapMs / 2)));
}

const SCHEDULE_ID = "schedule";
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The raw probe with the default timeout filled in for its schedule (before parsing, where it was left out). */
function withDefaultTimeout(raw: unknown): unknown {
  if (!isRecord(raw) || !isRecord(raw.check) || raw.check.timeoutMs !== undefined) return raw;
  const schedule = Schedule.safeParse(raw.schedule);
  const gapMs = schedule.success ? shortestGapMs({ id: SCHEDULE_ID, schedule: schedule.data }, new Date()) : null;
  return gapMs === null ? raw : { ...raw, check: { ...raw.check, timeoutMs: defaultTimeoutMs(gapMs) } };
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function checkProbeTiming(p: { check: { timeoutMs: number }; schedule: Schedule; thresholds: Thresholds }, ctx: z.RefinementCtx): void {
  const gapMs = shortestGapMs({ id: SCHEDULE_ID, schedule: p.schedule }, new Date());
  if (gapMs === null) return;
  const every = "intervalSeconds" in p.schedule ? `the interval (${seconds(gapMs)})` : `the time between two runs of the cron (${seconds(gapMs)})`;
  if (p.check.timeoutMs >= gapMs) {
    ctx.addIssue({
      code: "custom",
      path: ["check", "timeoutMs"],
      message: `timeoutMs (${p.check.timeoutMs} ms) must be below ${every}: a check still running when the next one is due makes that one skip; leave it empty for ${defaultTimeoutMs(gapMs)} ms`,
    });
  }
  if (p.thresholds.recheckSeconds * 1000 >= gapMs) {
    ctx.addIssue({
      code: "custom",
      path: ["thresholds", "recheckSeconds"],
      message: `recheckSeconds (${p.thresholds.recheckSeconds}) must be below ${every}, or 0 to wait for the next run`,
    });
  }
}

/** A probe schema (check, schedule, thresholds and more): the default timeout for its schedule, and the timing rules. */
export function probeRules<T extends z.ZodType<{ check: { timeoutMs: number }; schedule: Schedule; thresholds: Thresholds }>>(schema: T) {
  return z.preprocess(withDefaultTimeout, schema.superRefine(checkProbeTiming));
}

export const ProbeDefinitionFields = z.strictObject({
  check: CheckConfig,
  schedule: Schedule,
  thresholds: Thresholds.prefault({}),
});
export const ProbeDefinition = probeRules(ProbeDefinitionFields);
export type ProbeDefinition = z.infer<typeof ProbeDefinitionFields>;
