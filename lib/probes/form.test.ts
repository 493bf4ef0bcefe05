import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { errorToFormState } from "../forms";
import { CheckConfig, Schedule, Thresholds } from "./checks/config";
import { NEW_PROBE_VALUES, parseAssertionLines, parseHeaderLines, probeFieldErrors, probeFormToInput, probeToFormValues, withoutSecretInputs } from "./form";
import { keepSavedSecrets } from "./stored";
import { ProbeFields } from "./schemas";

describe("probe form <-> schemas", () => {
  it("reads an HTTP probe with headers, assertions and a cron schedule", () => {
    const input = ProbeFields.parse(
      probeFormToInput({
        ...NEW_PROBE_VALUES,
        name: "Hubdoc API",
        "check.url": "https://api.example.com/health",
        "check.expectedStatus": "200,204",
        "check.headers": "Authorization: Bearer x:y\nX-Probe: vigil",
        "check.jsonAssertions": '$.status == "UP"\n$.items[0] exists\n$.latency < 500\n$.name contains hub',
        "check.degradedAboveMs": "800",
        "check.followRedirects": undefined,
        "schedule.mode": "cron",
        "schedule.cron": "*/30 * * * * *",
        "schedule.jitterSeconds": "5",
      }),
    );
    expect(input.check).toMatchObject({
      kind: "http",
      method: "GET",
      expectedStatus: [
        { from: 200, to: 200 },
        { from: 204, to: 204 },
      ],
      headers: { Authorization: "Bearer x:y", "X-Probe": "vigil" },
      followRedirects: false,
      verifyTls: true,
      degradedAboveMs: 800,
      jsonAssertions: [
        { path: "$.status", op: "==", value: "UP" },
        { path: "$.items[0]", op: "exists" },
        { path: "$.latency", op: "<", value: 500 },
        { path: "$.name", op: "contains", value: "hub" },
      ],
    });
    expect(input.schedule).toEqual({ cron: "*/30 * * * * *", jitterSeconds: 5 });
    expect(input.thresholds).toEqual({ failuresToDown: 3, successesToUp: 2, slowToDegraded: 3, recheckSeconds: 3 });
    // Left empty: 10 s, or half a shorter interval.
    expect(input.check.timeoutMs).toBe(10_000);
    expect(input.enabled).toBe(true);
  });

  it.each([
    { kind: "http", url: "https://x.example/health", jsonAssertions: [{ path: "$.ok", op: "==", value: true }], headers: { "X-A": "b" }, degradedAboveMs: 500 },
    { kind: "tcp", host: "db.internal", port: 5432 },
    { kind: "dns", name: "example.com", recordType: "MX", expected: "mx.example.com", resolver: "10.0.0.53:5353" },
    { kind: "tls", host: "example.com", warnDays: 30, criticalDays: 5, verifyTls: false },
    { kind: "tcp", host: "cache.internal", port: 6379, send: "PING\\r\\n", bannerContains: "+PONG" },
    { kind: "websocket", url: "wss://x.example/socket", send: "ping", expectContains: "pong", verifyTls: false },
    { kind: "grpc", host: "api.internal", port: 50051, service: "shop.Orders", tls: false, verifyTls: true },
    { kind: "grpc", host: "api.internal", port: 50051 },
    { kind: "mail", protocol: "imap", host: "mail.example.com", tls: "implicit", bannerContains: "Dovecot", warnDays: 20, criticalDays: 3 },
    { kind: "mail", protocol: "smtp", host: "mx.example.com", port: 2525, tls: "none" },
    { kind: "icmp", host: "10.0.0.1", degradedAboveMs: 200 },
    { kind: "heartbeat", graceSeconds: 900 },
  ])("round-trips a saved $kind probe through its edit form", (raw) => {
    const saved = {
      name: "P",
      enabled: false,
      check: CheckConfig.parse(raw),
      schedule: Schedule.parse({ intervalSeconds: 120 }),
      thresholds: Thresholds.parse({ failuresToDown: 5 }),
    };
    const again = ProbeFields.parse(probeFormToInput(probeToFormValues(saved)));
    expect(again).toEqual({ ...saved });
  });

  it("shows each error next to its input, list errors by line", () => {
    let error: unknown;
    try {
      ProbeFields.parse(
        probeFormToInput({
          ...NEW_PROBE_VALUES,
          "check.url": "nope",
          "check.timeoutMs": "ten",
          "check.headers": "no colon here",
          "check.jsonAssertions": "$.ok == true\n$.x ~ 3",
          "schedule.intervalSeconds": "5",
          "thresholds.failuresToDown": "0",
        }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZodError);
    expect(probeFieldErrors(errorToFormState(error).fields)).toEqual({
      "check.url": "url must be an absolute http:// or https:// URL, e.g. https://example.com/health",
      "check.timeoutMs": "timeoutMs must be a number of milliseconds",
      "check.headers": "headers: a header name may only contain letters, digits and !#$%&'*+-.^_`|~",
      "check.jsonAssertions": "line 2: op must be one of ==, !=, exists, <, >, contains",
      "schedule.intervalSeconds": "intervalSeconds must be between 10 and 86400",
      "thresholds.failuresToDown": "failuresToDown must be between 1 and 100",
    });
  });

  it("shows the timeout rule next to the timeout, and fills in a timeout left empty", () => {
    const form = { ...NEW_PROBE_VALUES, "check.url": "https://x.example/health", "schedule.intervalSeconds": "10" };
    expect(ProbeFields.parse(probeFormToInput(form)).check.timeoutMs).toBe(5_000);
    const result = ProbeFields.safeParse(probeFormToInput({ ...form, "check.timeoutMs": "10000" }));
    expect(result.success).toBe(false);
    expect(probeFieldErrors(errorToFormState(result.error).fields)).toEqual({
      "check.timeoutMs":
        "timeoutMs (10000 ms) must be below the interval (10 s): a check still running when the next one is due makes that one skip; leave it empty for 5000 ms",
    });
  });

  it("never puts a saved password, token or private key in the edit form; left empty, the saved one is kept", () => {
    const check = {
      ...CheckConfig.parse({ kind: "http", url: "https://x.example/health" }),
      auth: { type: "basic", username: "monitor", password: "pa55" },
    } as CheckConfig;
    const values = probeToFormValues({ name: "P", enabled: true, check, schedule: Schedule.parse({ intervalSeconds: 60 }), thresholds: Thresholds.parse({}) });
    expect(Object.values(values).join("\n")).not.toContain("pa55");
    expect(values).toMatchObject({ "check.authType": "basic", "check.authUsername": "monitor" });
    const edited = probeFormToInput(values).check;
    expect(edited).toMatchObject({ auth: { type: "basic", username: "monitor" } });
    expect((edited as { auth: object }).auth).not.toHaveProperty("password");
    expect(keepSavedSecrets(check, edited)).toMatchObject({ auth: { type: "basic", username: "monitor", password: "pa55" } });
    // Another auth type does not inherit the saved secret.
    expect(keepSavedSecrets(check, { ...(edited as object), auth: { type: "bearer" } })).toMatchObject({ auth: { type: "bearer" } });
    expect(withoutSecretInputs({ "check.authPassword": "x", "check.authToken": "y", "check.clientKey": "z", "check.url": "u" })).toEqual({ "check.url": "u" });
  });

  it("names the auth inputs in field errors", () => {
    const result = ProbeFields.safeParse(
      probeFormToInput({ ...NEW_PROBE_VALUES, "check.url": "https://x.example", "check.authType": "basic", "check.authUsername": "a:b" }),
    );
    expect(probeFieldErrors(errorToFormState(result.error).fields)).toMatchObject({
      "check.authUsername": "username must not contain a colon or line breaks",
      "check.authPassword": "password is required",
    });
  });

  it("parses header and assertion lines", () => {
    expect(parseHeaderLines("A: 1\n\n  B:2  ")).toEqual({ A: "1", B: "2" });
    expect(parseAssertionLines("$.a != null\n$.b == not json")).toEqual([
      { path: "$.a", op: "!=", value: null },
      { path: "$.b", op: "==", value: "not json" },
    ]);
  });
});
