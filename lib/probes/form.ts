import type { CheckConfig, Schedule, Thresholds } from "./checks/config";
import { JSON_ASSERTION_OPS } from "./checks/json-path";
import { formatStatusRanges } from "./checks/status-ranges";
import { HEARTBEAT_GRACE_SECONDS, INTERVAL_SECONDS, THRESHOLD_DEFAULTS, TLS_DEFAULTS } from "./kinds";

// The console's probe form <-> the probe schemas. Inputs are named by the schema path
// they fill ("check.url", "schedule.intervalSeconds", "thresholds.failuresToDown"), so
// a zod issue's path is the name of the input to show it next to. Values are passed
// on as typed ("abc" stays a string) so the schemas' own messages, which name the
// field, are what staff read. Headers and JSON assertions are one per line.

type Values = Record<string, string | undefined>;

const text = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());

function num(v: string | undefined): number | string | undefined {
  const t = text(v);
  if (t === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

const lines = (v: string | undefined) =>
  (v ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** "Name: value" per line; a line without a colon becomes a bad header name, which the schema reports. */
export function parseHeaderLines(v: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines(v)) {
    const colon = line.indexOf(":");
    if (colon < 0) headers[line] = "";
    else headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

const OPS = [...JSON_ASSERTION_OPS].sort((a, b) => b.length - a.length).map((op) => op.replace(/[<>=!]/g, (c) => `\\${c}`));
const ASSERTION = new RegExp(`^(\\S+)\\s+(${OPS.join("|")})(?:\\s+(.*))?$`);

/** `$.status == "UP"`, `$.items[0].id exists`, `$.latency < 500` per line; the value is JSON, or text. */
export function parseAssertionLines(v: string | undefined): unknown[] {
  return lines(v).map((line) => {
    const match = ASSERTION.exec(line);
    if (!match) return { path: line.split(/\s+/)[0], op: line.split(/\s+/)[1] ?? "" };
    const [, path, op, raw] = match;
    if (raw === undefined) return { path, op };
    let value: unknown = raw;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed === null || ["string", "number", "boolean"].includes(typeof parsed)) value = parsed;
    } catch {
      // Not JSON: compare as text.
    }
    return { path, op, value };
  });
}

/** Basic or bearer auth from the form; an empty secret is left out, so an edit keeps the saved one (staff-verbs.ts). */
function authFromForm(v: Values): unknown {
  switch (v["check.authType"]) {
    case "basic":
      return { type: "basic", username: v["check.authUsername"]?.trim() ?? "", ...(v["check.authPassword"] ? { password: v["check.authPassword"] } : {}) };
    case "bearer":
      return { type: "bearer", ...(text(v["check.authToken"]) === undefined ? {} : { token: text(v["check.authToken"]) }) };
    default:
      return undefined;
  }
}

function clientCertificateFromForm(v: Values): unknown {
  const cert = text(v["check.clientCert"]);
  const key = text(v["check.clientKey"]);
  if (cert === undefined && key === undefined) return undefined;
  return { cert: cert ?? "", ...(key === undefined ? {} : { key }) };
}

function checkFromForm(v: Values): unknown {
  const common = { timeoutMs: num(v["check.timeoutMs"]) };
  switch (v["check.kind"]) {
    case "http":
      return {
        kind: "http",
        method: text(v["check.method"]),
        url: v["check.url"] ?? "",
        expectedStatus: text(v["check.expectedStatus"]),
        headers: parseHeaderLines(v["check.headers"]),
        body: text(v["check.body"]),
        followRedirects: v["check.followRedirects"] === "on",
        verifyTls: v["check.verifyTls"] === "on",
        auth: authFromForm(v),
        clientCertificate: clientCertificateFromForm(v),
        bodyContains: text(v["check.bodyContains"]),
        bodyNotContains: text(v["check.bodyNotContains"]),
        jsonAssertions: parseAssertionLines(v["check.jsonAssertions"]),
        degradedAboveMs: num(v["check.degradedAboveMs"]),
        ...common,
      };
    case "tcp":
      return {
        kind: "tcp",
        host: v["check.host"] ?? "",
        port: num(v["check.port"]),
        send: text(v["check.send"]),
        bannerContains: text(v["check.bannerContains"]),
        degradedAboveMs: num(v["check.degradedAboveMs"]),
        ...common,
      };
    case "dns":
      return {
        kind: "dns",
        name: v["check.name"] ?? "",
        recordType: text(v["check.recordType"]),
        expected: text(v["check.expected"]),
        resolver: text(v["check.resolver"]),
        degradedAboveMs: num(v["check.degradedAboveMs"]),
        ...common,
      };
    case "tls":
      return {
        kind: "tls",
        host: v["check.host"] ?? "",
        port: num(v["check.port"]),
        servername: text(v["check.servername"]),
        warnDays: num(v["check.warnDays"]),
        criticalDays: num(v["check.criticalDays"]),
        verifyTls: v["check.verifyTls"] === "on",
        ...common,
      };
    case "websocket":
      return {
        kind: "websocket",
        url: v["check.url"] ?? "",
        send: text(v["check.send"]),
        expectContains: text(v["check.expectContains"]),
        verifyTls: v["check.verifyTls"] === "on",
        degradedAboveMs: num(v["check.degradedAboveMs"]),
        ...common,
      };
    case "grpc":
      return {
        kind: "grpc",
        host: v["check.host"] ?? "",
        port: num(v["check.port"]),
        service: v["check.service"]?.trim() ?? "",
        tls: v["check.grpcTls"] === "on",
        verifyTls: v["check.verifyTls"] === "on",
        degradedAboveMs: num(v["check.degradedAboveMs"]),
        ...common,
      };
    case "mail":
      return {
        kind: "mail",
        protocol: text(v["check.protocol"]),
        host: v["check.host"] ?? "",
        port: num(v["check.port"]),
        tls: text(v["check.tls"]),
        bannerContains: text(v["check.bannerContains"]),
        verifyTls: v["check.verifyTls"] === "on",
        warnDays: num(v["check.warnDays"]),
        criticalDays: num(v["check.criticalDays"]),
        degradedAboveMs: num(v["check.degradedAboveMs"]),
        ...common,
      };
    case "icmp":
      return { kind: "icmp", host: v["check.host"] ?? "", degradedAboveMs: num(v["check.degradedAboveMs"]), ...common };
    case "heartbeat":
      return { kind: "heartbeat", graceSeconds: num(v["check.graceSeconds"]) };
    default:
      return { kind: v["check.kind"] ?? "" };
  }
}

/** The check alone (for "Test now"). */
export function checkFormToInput(v: Values): unknown {
  return checkFromForm(v);
}

/** Everything the staff verbs take except the ids. */
export function probeFormToInput(v: Values) {
  const jitterSeconds = num(v["schedule.jitterSeconds"]);
  const schedule =
    v["schedule.mode"] === "cron"
      ? { cron: v["schedule.cron"] ?? "", ...(jitterSeconds === undefined ? {} : { jitterSeconds }) }
      : { intervalSeconds: num(v["schedule.intervalSeconds"]), ...(jitterSeconds === undefined ? {} : { jitterSeconds }) };
  return {
    name: v.name ?? "",
    check: checkFromForm(v) as never,
    schedule: schedule as never,
    thresholds: {
      failuresToDown: num(v["thresholds.failuresToDown"]),
      successesToUp: num(v["thresholds.successesToUp"]),
      slowToDegraded: num(v["thresholds.slowToDegraded"]),
      recheckSeconds: num(v["thresholds.recheckSeconds"]),
    } as never,
    enabled: v.enabled === "on",
  };
}

/** Form values to send back to the browser: never the password, token or private key typed in. */
export function withoutSecretInputs(values: Record<string, string>): Record<string, string> {
  const { "check.authPassword": _p, "check.authToken": _t, "check.clientKey": _k, ...rest } = values;
  return rest;
}

/** Schema paths of the auth and client-certificate fields -> the form's input names. */
const SECRET_INPUTS: Record<string, string> = {
  "check.auth": "check.authType",
  "check.auth.type": "check.authType",
  "check.auth.username": "check.authUsername",
  "check.auth.password": "check.authPassword",
  "check.auth.token": "check.authToken",
  "check.clientCertificate": "check.clientCert",
  "check.clientCertificate.cert": "check.clientCert",
  "check.clientCertificate.key": "check.clientKey",
};

/** Field errors keyed by input name: list items and header names are reported on their textarea, by line. */
export function probeFieldErrors(fields: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!fields) return fields;
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const list = /^check\.(jsonAssertions|headers)\.([^.]+)/.exec(key);
    if (list?.[1] === "jsonAssertions") out["check.jsonAssertions"] ??= `line ${Number(list[2]) + 1}: ${message}`;
    else if (list?.[1] === "headers") out["check.headers"] ??= message;
    else if (key === "check") out["check.kind"] ??= message;
    else if (key in SECRET_INPUTS) out[SECRET_INPUTS[key]!] ??= message;
    else out[key] ??= message;
  }
  return out;
}

const str = (v: number | string | boolean | undefined | null) => (v === undefined || v === null ? "" : String(v));

/** A saved probe as form values, for its edit form. */
export function probeToFormValues(p: {
  name: string;
  enabled: boolean;
  check: CheckConfig;
  schedule: Schedule;
  thresholds: Thresholds;
}): Record<string, string> {
  const values: Record<string, string> = {
    name: p.name,
    enabled: p.enabled ? "on" : "",
    "check.kind": p.check.kind,
    "check.timeoutMs": str(p.check.timeoutMs),
    "schedule.mode": "cron" in p.schedule ? "cron" : "interval",
    "schedule.cron": "cron" in p.schedule ? p.schedule.cron : "",
    "schedule.intervalSeconds": "intervalSeconds" in p.schedule ? str(p.schedule.intervalSeconds) : "",
    "schedule.jitterSeconds": str(p.schedule.jitterSeconds),
    "thresholds.failuresToDown": str(p.thresholds.failuresToDown),
    "thresholds.successesToUp": str(p.thresholds.successesToUp),
    "thresholds.slowToDegraded": str(p.thresholds.slowToDegraded),
    "thresholds.recheckSeconds": str(p.thresholds.recheckSeconds),
  };
  const c = p.check;
  const on = (b: boolean) => (b ? "on" : "");
  if (c.kind === "http") {
    Object.assign(values, {
      "check.method": c.method,
      "check.url": c.url,
      "check.expectedStatus": formatStatusRanges(c.expectedStatus),
      "check.headers": Object.entries(c.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n"),
      "check.body": str(c.body),
      "check.followRedirects": on(c.followRedirects),
      "check.verifyTls": on(c.verifyTls),
      "check.bodyContains": str(c.bodyContains),
      "check.bodyNotContains": str(c.bodyNotContains),
      "check.jsonAssertions": c.jsonAssertions.map((a) => `${a.path} ${a.op}${a.value === undefined ? "" : ` ${JSON.stringify(a.value)}`}`).join("\n"),
      "check.degradedAboveMs": str(c.degradedAboveMs),
      // Secrets are never sent back to the browser: empty means "keep the saved one".
      "check.authType": c.auth?.type ?? "none",
      "check.authUsername": c.auth?.type === "basic" ? c.auth.username : "",
      "check.clientCert": c.clientCertificate?.cert ?? "",
    });
  } else if (c.kind === "tcp") {
    Object.assign(values, {
      "check.host": c.host,
      "check.port": str(c.port),
      "check.send": str(c.send),
      "check.bannerContains": str(c.bannerContains),
      "check.degradedAboveMs": str(c.degradedAboveMs),
    });
  } else if (c.kind === "dns") {
    Object.assign(values, {
      "check.name": c.name,
      "check.recordType": c.recordType,
      "check.expected": str(c.expected),
      "check.resolver": str(c.resolver),
      "check.degradedAboveMs": str(c.degradedAboveMs),
    });
  } else if (c.kind === "websocket") {
    Object.assign(values, {
      "check.url": c.url,
      "check.send": str(c.send),
      "check.expectContains": str(c.expectContains),
      "check.verifyTls": on(c.verifyTls),
      "check.degradedAboveMs": str(c.degradedAboveMs),
    });
  } else if (c.kind === "grpc") {
    Object.assign(values, {
      "check.host": c.host,
      "check.port": str(c.port),
      "check.service": c.service,
      "check.grpcTls": on(c.tls),
      "check.verifyTls": on(c.verifyTls),
      "check.degradedAboveMs": str(c.degradedAboveMs),
    });
  } else if (c.kind === "mail") {
    Object.assign(values, {
      "check.protocol": c.protocol,
      "check.host": c.host,
      "check.port": str(c.port),
      "check.tls": c.tls,
      "check.bannerContains": str(c.bannerContains),
      "check.verifyTls": on(c.verifyTls),
      "check.warnDays": str(c.warnDays),
      "check.criticalDays": str(c.criticalDays),
      "check.degradedAboveMs": str(c.degradedAboveMs),
    });
  } else if (c.kind === "icmp") {
    Object.assign(values, { "check.host": c.host, "check.degradedAboveMs": str(c.degradedAboveMs) });
  } else if (c.kind === "heartbeat") {
    Object.assign(values, { "check.graceSeconds": str(c.graceSeconds) });
  } else {
    Object.assign(values, {
      "check.host": c.host,
      "check.port": str(c.port),
      "check.servername": str(c.servername),
      "check.warnDays": str(c.warnDays),
      "check.criticalDays": str(c.criticalDays),
      "check.verifyTls": on(c.verifyTls),
    });
  }
  return values;
}

/** Values for a new probe's form: the schemas' defaults (an empty timeout gets the one that fits the schedule). */
export const NEW_PROBE_VALUES: Record<string, string> = {
  name: "",
  enabled: "on",
  "check.kind": "http",
  "check.method": "GET",
  "check.expectedStatus": "200-399",
  "check.followRedirects": "on",
  "check.verifyTls": "on",
  "check.timeoutMs": "",
  "check.recordType": "A",
  "check.warnDays": String(TLS_DEFAULTS.warnDays),
  "check.criticalDays": String(TLS_DEFAULTS.criticalDays),
  "check.graceSeconds": String(HEARTBEAT_GRACE_SECONDS.default),
  "check.protocol": "smtp",
  "check.grpcTls": "on",
  "check.authType": "none",
  "check.tls": "starttls",
  "schedule.mode": "interval",
  "schedule.intervalSeconds": String(INTERVAL_SECONDS.default),
  "thresholds.failuresToDown": String(THRESHOLD_DEFAULTS.failuresToDown),
  "thresholds.successesToUp": String(THRESHOLD_DEFAULTS.successesToUp),
  "thresholds.slowToDegraded": String(THRESHOLD_DEFAULTS.slowToDegraded),
  "thresholds.recheckSeconds": String(THRESHOLD_DEFAULTS.recheckSeconds),
};
