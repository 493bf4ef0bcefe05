import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CheckConfig, DEFAULT_THRESHOLDS, defaultTimeoutMs, isResolverAddress, ProbeDefinition, Schedule, Thresholds } from "./config";

function issues(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("CheckConfig defaults", () => {
  it("fills an http check", () => {
    expect(CheckConfig.parse({ kind: "http", url: "https://example.com/health" })).toEqual({
      kind: "http",
      method: "GET",
      url: "https://example.com/health",
      headers: {},
      timeoutMs: 10_000,
      followRedirects: true,
      maxRedirects: 5,
      verifyTls: true,
      expectedStatus: [{ from: 200, to: 399 }],
      jsonAssertions: [],
      maxBodyBytes: 1_048_576,
    });
  });

  it.each([
    [
      { kind: "tcp", host: "db.internal", port: 5432 },
      { kind: "tcp", host: "db.internal", port: 5432, timeoutMs: 10_000 },
    ],
    [
      { kind: "dns", name: "example.com" },
      { kind: "dns", name: "example.com", recordType: "A", timeoutMs: 10_000 },
    ],
    [
      { kind: "tls", host: "example.com" },
      { kind: "tls", host: "example.com", port: 443, warnDays: 14, criticalDays: 7, verifyTls: true, timeoutMs: 10_000 },
    ],
    [{ kind: "heartbeat" }, { kind: "heartbeat", graceSeconds: 60, timeoutMs: 10_000 }],
    [
      { kind: "websocket", url: "ws://x.test" },
      { kind: "websocket", url: "ws://x.test", verifyTls: true, timeoutMs: 10_000 },
    ],
    [
      { kind: "grpc", host: "api", port: 50051 },
      { kind: "grpc", host: "api", port: 50051, service: "", tls: true, verifyTls: true, timeoutMs: 10_000 },
    ],
    [
      { kind: "mail", protocol: "smtp", host: "mx" },
      { kind: "mail", protocol: "smtp", host: "mx", tls: "starttls", verifyTls: true, warnDays: 14, criticalDays: 7, timeoutMs: 10_000 },
    ],
  ])("fills %j", (input, expected) => {
    expect(CheckConfig.parse(input)).toEqual(expected);
  });

  it("parses expectedStatus strings into ranges", () => {
    const parsed = CheckConfig.parse({ kind: "http", url: "http://x.test", expectedStatus: "200-299,301" });
    expect(parsed.kind === "http" && parsed.expectedStatus).toEqual([
      { from: 200, to: 299 },
      { from: 301, to: 301 },
    ]);
  });

  it.each([
    { kind: "http", url: "https://example.com", expectedStatus: "200-299,301", jsonAssertions: [{ path: "$.ok", op: "==", value: true }] },
    { kind: "http", url: "https://example.com", method: "POST", body: "{}", headers: { "Content-Type": "application/json" } },
    { kind: "tcp", host: "10.0.0.1", port: 22, degradedAboveMs: 500 },
    { kind: "dns", name: "example.com", recordType: "MX", expected: "mx.example.com", resolver: "[fd00::53]:53" },
    { kind: "tls", host: "example.com", port: 8443, servername: "api.example.com", warnDays: 30, criticalDays: 10 },
    { kind: "heartbeat", graceSeconds: 300 },
    { kind: "websocket", url: "wss://example.com/socket", send: "ping", expectContains: "pong" },
    { kind: "grpc", host: "api.internal", port: 50051, service: "shop.Orders", tls: false },
    { kind: "mail", protocol: "imap", host: "mail.example.com", tls: "implicit", bannerContains: "Dovecot" },
    { kind: "http", url: "https://x.test", auth: { type: "basic", username: "u", password: "" } },
    { kind: "tcp", host: "10.0.0.1", port: 6379, send: "PING\\r\\n", bannerContains: "+PONG" },
  ])("accepts its own output again: %j", (input) => {
    const once = CheckConfig.parse(input);
    expect(CheckConfig.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });
});

describe("CheckConfig messages name the field", () => {
  it.each<[unknown, string]>([
    [{ kind: "smtp" }, "kind: kind must be one of http, tcp, dns, tls"],
    [{ url: "https://x.test" }, "kind: kind must be one of http, tcp, dns, tls"],
    [{ kind: "http" }, "url: url is required"],
    [{ kind: "http", url: "ftp://x.test" }, "url: url must be an absolute http:// or https:// URL"],
    [{ kind: "http", url: "/relative" }, "url: url must be an absolute http:// or https:// URL"],
    [{ kind: "http", url: "https://x.test", method: "TRACE" }, "method: method must be one of GET, HEAD, POST"],
    [{ kind: "http", url: "https://x.test", timeoutMs: 120_000 }, "timeoutMs: timeoutMs must be at most 60000 ms (60 s)"],
    [{ kind: "http", url: "https://x.test", timeoutMs: 1.5 }, "timeoutMs: timeoutMs must be a whole number"],
    [{ kind: "http", url: "https://x.test", maxRedirects: 11 }, "maxRedirects: maxRedirects must be between 0 and 10"],
    [{ kind: "http", url: "https://x.test", expectedStatus: "2xx" }, 'expectedStatus: expectedStatus: "2xx" is not a status code'],
    [{ kind: "http", url: "https://x.test", expectedStatus: true }, "expectedStatus: expectedStatus must be codes and ranges"],
    [{ kind: "http", url: "https://x.test", headers: { "Bad Name": "x" } }, "headers.Bad Name: headers: a header name may only contain"],
    [{ kind: "http", url: "https://x.test", headers: { "X-A": "a\r\nb" } }, "headers.X-A: headers: a value must not contain line breaks"],
    [{ kind: "http", url: "https://x.test", body: "x" }, "body: body is not allowed with method GET"],
    [{ kind: "http", url: "https://x.test", method: "HEAD", bodyContains: "ok" }, "method: method HEAD returns no body"],
    [{ kind: "http", url: "https://x.test", degradedAboveMs: 10_000 }, "degradedAboveMs: degradedAboveMs (10000) must be below timeoutMs (10000)"],
    [{ kind: "http", url: "https://x.test", maxBodyBytes: 0 }, "maxBodyBytes: maxBodyBytes must be at least 1"],
    [
      { kind: "http", url: "https://x.test", jsonAssertions: [{ path: "status", op: "==", value: 1 }] },
      'jsonAssertions.0.path: path "status" must start with $',
    ],
    [
      { kind: "http", url: "https://x.test", jsonAssertions: [{ path: "$.a", op: "~=", value: 1 }] },
      "jsonAssertions.0.op: op must be one of ==, !=, exists, <, >, contains",
    ],
    [{ kind: "http", url: "https://x.test", jsonAssertions: [{ path: "$.a", op: "==" }] }, "jsonAssertions.0.value: value is required with op =="],
    [
      { kind: "http", url: "https://x.test", jsonAssertions: [{ path: "$.a", op: "<", value: "3" }] },
      "jsonAssertions.0.value: value must be a number with op <",
    ],
    [
      { kind: "http", url: "https://x.test", jsonAssertions: [{ path: "$.a", op: "exists", value: 1 }] },
      "jsonAssertions.0.value: value is not used with op exists",
    ],
    [{ kind: "http", url: "https://x.test", timeout: 5 }, 'Unrecognized key: "timeout"'],
    [{ kind: "tcp", host: "db", port: 0 }, "port: port must be between 1 and 65535"],
    [{ kind: "tcp", host: "db", port: 70_000 }, "port: port must be between 1 and 65535"],
    [{ kind: "tcp", port: 1 }, "host: host is required"],
    [{ kind: "tcp", host: "http://db", port: 1 }, "host: host must be a hostname or IP address"],
    [{ kind: "dns", name: "exa mple.com" }, "name: name must be a domain name"],
    [{ kind: "dns", name: "example.com", recordType: "SRV" }, "recordType: recordType must be one of A, AAAA, CNAME, MX, TXT"],
    [{ kind: "dns", name: "example.com", resolver: "dns.google" }, "resolver: resolver must be an IP address with an optional port"],
    [{ kind: "tls", host: "example.com", warnDays: 7, criticalDays: 7 }, "criticalDays: criticalDays (7) must be less than warnDays (7)"],
    [{ kind: "tls", host: "example.com", warnDays: 400 }, "warnDays: warnDays must be between 0 and 365"],
    [{ kind: "websocket", url: "https://x.test" }, "url: url must be an absolute ws:// or wss:// URL"],
    [{ kind: "websocket", url: "ws://x.test/#frag" }, "url: url must be an absolute ws:// or wss:// URL without #"],
    [{ kind: "websocket", url: "ws://x.test", expectContains: "" }, "expectContains: expectContains must not be empty"],
    [{ kind: "grpc", host: "api", port: 50051, service: "bad name" }, "service: service must be a gRPC service name"],
    [{ kind: "grpc", host: "api" }, "port: port must be a number"],
    [{ kind: "mail", host: "mx.example.com" }, "protocol: protocol must be one of smtp, imap, pop3"],
    [{ kind: "mail", protocol: "smtp", host: "mx.example.com", tls: "ssl" }, "tls: tls must be one of starttls, implicit, none"],
    [{ kind: "mail", protocol: "imap", host: "mx", warnDays: 5, criticalDays: 5 }, "criticalDays: criticalDays (5) must be less than warnDays (5)"],
    [{ kind: "http", url: "https://x.test", auth: { type: "digest" } }, 'auth.type: auth type must be "basic" or "bearer"'],
    [{ kind: "http", url: "https://x.test", auth: { type: "basic", username: "a:b", password: "p" } }, "auth.username: username must not contain a colon"],
    [{ kind: "http", url: "https://x.test", auth: { type: "basic", username: "a" } }, "auth.password: password is required"],
    [{ kind: "http", url: "https://x.test", auth: { type: "bearer", token: "a b" } }, "auth.token: token must not contain spaces"],
    [
      { kind: "http", url: "https://x.test", headers: { authorization: "x" }, auth: { type: "bearer", token: "t" } },
      "auth: auth sets the Authorization header",
    ],
    [{ kind: "http", url: "https://x.test", clientCertificate: { cert: "nope", key: "nope" } }, "clientCertificate.cert: cert must be a PEM certificate"],
    [
      { kind: "http", url: "https://x.test", clientCertificate: { cert: "nope", key: "nope" } },
      "clientCertificate.key: key must be an unencrypted PEM private key",
    ],
    [{ kind: "heartbeat", graceSeconds: -1 }, "graceSeconds: graceSeconds must be between 0 and 86400"],
    [{ kind: "heartbeat", graceSeconds: "soon" }, "graceSeconds: graceSeconds must be a number of seconds"],
    [{ kind: "heartbeat", url: "https://x.test" }, 'Unrecognized key: "url"'],
    [{ kind: "tcp", host: "db", port: 22, bannerContains: "" }, "bannerContains: bannerContains must not be empty"],
    [{ kind: "tcp", host: "db", port: 22, send: "a\0b" }, "send: send must not contain a NUL character"],
    [{ kind: "tcp", host: "db", port: 22, bannerContains: "x".repeat(201) }, "bannerContains: bannerContains must be at most 200 characters"],
  ])("%j", (input, message) => {
    expect(issues(CheckConfig, input).join("\n")).toContain(message);
  });
});

describe("isResolverAddress", () => {
  it.each([
    ["10.0.0.53", true],
    ["10.0.0.53:5353", true],
    ["fd00::53", true],
    ["[fd00::53]:53", true],
    ["10.0.0.53:0", false],
    ["10.0.0.53:70000", false],
    ["999.0.0.1", false],
    ["[10.0.0.1]:53", false],
    ["dns.google", false],
  ])("%s -> %s", (value, ok) => expect(isResolverAddress(value)).toBe(ok));
});

describe("Schedule", () => {
  it.each([
    [{ cron: "*/30 * * * * *" }, { cron: "*/30 * * * * *" }],
    [
      { cron: " */5 * * * * ", jitterSeconds: 20 },
      { cron: "*/5 * * * *", jitterSeconds: 20 },
    ],
    [{ intervalSeconds: 60 }, { intervalSeconds: 60 }],
    [
      { intervalSeconds: 60, jitterSeconds: 5 },
      { intervalSeconds: 60, jitterSeconds: 5 },
    ],
  ])("accepts %j", (input, expected) => {
    expect(Schedule.parse(input)).toEqual(expected);
    expect(Schedule.parse(Schedule.parse(input))).toEqual(expected);
  });

  it.each<[unknown, string]>([
    [{}, "schedule needs either cron or intervalSeconds"],
    [{ cron: "* * * * *", intervalSeconds: 60 }, "schedule takes cron or intervalSeconds, not both"],
    [{ cron: "61 * * * * *" }, 'cron: cron: "61 * * * * *" is not a valid cron expression'],
    [{ cron: "* * *" }, "is not a valid cron expression (expected 5 or 6 fields but got 3)"],
    [{ cron: "0 0 L * *" }, "uses L, W or # day modifiers"],
    [{ intervalSeconds: 5 }, "intervalSeconds: intervalSeconds must be between 10 and 86400"],
    [{ intervalSeconds: 100_000 }, "intervalSeconds: intervalSeconds must be between 10 and 86400"],
    [{ intervalSeconds: 30, jitterSeconds: 30 }, "jitterSeconds: jitterSeconds (30) must be less than intervalSeconds (30)"],
    [{ intervalSeconds: 30, every: 5 }, 'Unrecognized key: "every"'],
  ])("rejects %j", (input, message) => {
    expect(issues(Schedule, input).join("\n")).toContain(message);
  });
});

describe("Thresholds", () => {
  it("defaults to 3 failures down, 2 successes up, 3 slow degraded, re-checks 3 s apart", () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ failuresToDown: 3, successesToUp: 2, slowToDegraded: 3, recheckSeconds: 3 });
    // Saved before re-checks existed: they get the default.
    expect(Thresholds.parse({ failuresToDown: 5 })).toEqual({ failuresToDown: 5, successesToUp: 2, slowToDegraded: 3, recheckSeconds: 3 });
  });

  it("names the field", () => {
    expect(issues(Thresholds, { successesToUp: 0 })).toEqual(["successesToUp: successesToUp must be between 1 and 100"]);
  });
});

describe("ProbeDefinition", () => {
  it("combines check, schedule and default thresholds", () => {
    const parsed = ProbeDefinition.parse({
      check: { kind: "tcp", host: "db.internal", port: 5432 },
      schedule: { intervalSeconds: 30 },
    });
    expect(parsed).toEqual({
      check: { kind: "tcp", host: "db.internal", port: 5432, timeoutMs: 10_000 },
      schedule: { intervalSeconds: 30 },
      thresholds: { failuresToDown: 3, successesToUp: 2, slowToDegraded: 3, recheckSeconds: 3 },
    });
  });
});

describe("the timeout fits the schedule", () => {
  it.each([
    [10_000, 5_000],
    [20_000, 10_000],
    [60_000, 10_000],
    [150, 100],
  ])("a timeout left out on slots %d ms apart is %d ms", (gapMs, expected) => {
    expect(defaultTimeoutMs(gapMs)).toBe(expected);
  });

  it.each<[string, unknown, number]>([
    ["10 s interval", { intervalSeconds: 10 }, 5_000],
    ["60 s interval", { intervalSeconds: 60 }, 10_000],
    ["cron every 15 s", { cron: "*/15 * * * * *" }, 7_500],
  ])("fills in the default for a %s", (_what, schedule, expected) => {
    expect(ProbeDefinition.parse({ check: { kind: "tcp", host: "db", port: 5432 }, schedule }).check.timeoutMs).toBe(expected);
  });

  it.each<[string, unknown, unknown, string[]]>([
    [
      "a timeout equal to the interval",
      { kind: "tcp", host: "db", port: 5432, timeoutMs: 10_000 },
      { intervalSeconds: 10 },
      [
        "check.timeoutMs: timeoutMs (10000 ms) must be below the interval (10 s): a check still running when the next one is due makes that one skip; leave it empty for 5000 ms",
      ],
    ],
    [
      "a timeout above a cron's period",
      { kind: "tcp", host: "db", port: 5432, timeoutMs: 20_000 },
      { cron: "*/15 * * * * *" },
      [
        "check.timeoutMs: timeoutMs (20000 ms) must be below the time between two runs of the cron (15 s): a check still running when the next one is due makes that one skip; leave it empty for 7500 ms",
      ],
    ],
    ["a timeout just below the interval", { kind: "tcp", host: "db", port: 5432, timeoutMs: 9_999 }, { intervalSeconds: 10 }, []],
  ])("refuses %s, naming the field", (_what, check, schedule, expected) => {
    expect(issues(ProbeDefinition, { check, schedule })).toEqual(expected);
  });

  it("refuses re-checks as slow as the schedule", () => {
    expect(
      issues(ProbeDefinition, { check: { kind: "tcp", host: "db", port: 5432 }, schedule: { intervalSeconds: 10 }, thresholds: { recheckSeconds: 10 } }),
    ).toEqual(["thresholds.recheckSeconds: recheckSeconds (10) must be below the interval (10 s), or 0 to wait for the next run"]);
    expect(issues(Thresholds, { recheckSeconds: 301 })).toEqual(["recheckSeconds: recheckSeconds must be between 0 (off) and 300"]);
  });
});

describe("headers", () => {
  it("rejects a non-object", () => {
    expect(issues(CheckConfig, { kind: "http", url: "https://x.test", headers: "x" })).toEqual(["headers: headers must be an object of name: value strings"]);
  });
});
