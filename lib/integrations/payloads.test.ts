import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { datadogTags, datadogTitle, labelsFingerprint, parseInboundPayload } from "./payloads";

// Each tool's documented example (tests/fixtures/alerts) parsed into alerts.

const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, "../../tests/fixtures/alerts", name), "utf8"));

describe("parseInboundPayload", () => {
  it("Alertmanager v4: one alert with its fingerprint, labels, summary and description", () => {
    expect(parseInboundPayload("alertmanager", fixture("alertmanager-firing.json"))).toEqual([
      {
        fingerprint: "1a30ba71cca2921f",
        status: "firing",
        labels: { alertname: "ProbeFailure", instance: "https://server.example.org", job: "http_checks", monitor: "master", severity: "critical" },
        title: "BlackBox Probe Failure: https://server.example.org",
        message: "Instance https://server.example.org has been down for over 5m. Job: http_checks",
        component: null,
        severity: null,
        impliedStatus: null,
      },
    ]);
  });

  it("Grafana: each alert of the group, with its own fingerprint", () => {
    const alerts = parseInboundPayload("grafana", fixture("grafana-firing.json"));
    expect(alerts.map((a) => [a.fingerprint, a.status, a.title, a.labels.zone])).toEqual([
      ["c6eadffa33fcdf37", "firing", "This alert was triggered for zone us-1", "us-1"],
      ["bc97ff14869b13e3", "firing", "This alert was triggered for zone eu-1", "eu-1"],
    ]);
  });

  it("an alert without a fingerprint gets one from its labels (stable, order-free)", () => {
    const body = { alerts: [{ status: "firing", labels: { b: "2", a: "1" } }] };
    const [a] = parseInboundPayload("alertmanager", body);
    expect(a!.fingerprint).toBe(labelsFingerprint({ a: "1", b: "2" }));
    expect(a!.title).toBe("Alert");
  });

  it.each([
    ["datadog-triggered.json", "firing", null],
    ["datadog-recovered.json", "resolved", null],
  ] as const)("Datadog %s", (file, status, implied) => {
    const [a] = parseInboundPayload("datadog", fixture(file));
    expect(a).toMatchObject({ fingerprint: "9bd4ac313a4d1e8fae2482df7b77628", status, title: "Host is Down", impliedStatus: implied });
    expect(a!.labels).toEqual({ monitor: "", name: "myService", role: "computing-node" });
  });

  it.each([
    ["Triggered", "firing", null],
    ["Re-Triggered", "firing", null],
    ["No Data", "firing", null],
    ["Renotify", "firing", null],
    ["Warn", "firing", "degraded_performance"],
    ["Re-Warn", "firing", "degraded_performance"],
    ["Recovered", "resolved", null],
  ] as const)("Datadog transition %s → %s", (transition, status, implied) => {
    const [a] = parseInboundPayload("datadog", { id: 1234, transition, title: "t" });
    expect(a).toMatchObject({ fingerprint: "1234", status, impliedStatus: implied });
  });

  it("Datadog's own sample field names work too", () => {
    const [a] = parseInboundPayload("datadog", {
      alert_id: "99",
      alert_transition: "Triggered",
      alert_title: "[Triggered] Disk full",
      body: "msg",
      tags: "env:prod",
    });
    expect(a).toMatchObject({ fingerprint: "99", title: "Disk full", message: "msg", labels: { env: "prod" } });
  });

  it("the generic format", () => {
    expect(parseInboundPayload("generic", fixture("generic-firing.json"))).toEqual([
      {
        fingerprint: "db-replica-lag",
        status: "firing",
        labels: {},
        title: "Ledger replicas are lagging",
        message: "Replica lag is above 30 seconds on 2 of 3 replicas.",
        component: "ledger",
        severity: "partial_outage",
        impliedStatus: null,
      },
    ]);
  });

  it.each([
    ["alertmanager", {}, "alerts"],
    ["alertmanager", { alerts: [{ status: "on", labels: {} }] }, "alerts.0.status"],
    ["grafana", { alerts: [{ status: "firing", labels: { a: 1 } }] }, "alerts.0.labels.a"],
    ["datadog", { id: "1", transition: "Exploded" }, "transition"],
    ["datadog", { transition: "Triggered" }, "id"],
    ["generic", { id: "x", status: "firing", severity: "operational" }, "severity"],
    ["generic", "not an object", ""],
  ] as const)("%s refuses %j at %s", (source, body, at) => {
    try {
      parseInboundPayload(source, body);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues.map((i) => i.path.join("."))).toContain(at);
    }
  });
});

describe("Datadog helpers", () => {
  it.each([
    ["env:prod, service:hubdoc, monitor", { env: "prod", service: "hubdoc", monitor: "" }],
    ["url:https://x.example:8443", { url: "https://x.example:8443" }],
    ["", {}],
  ])("tags %j", (tags, expected) => {
    expect(datadogTags(tags)).toEqual(expected);
  });

  it.each([
    ["[Triggered on {host:ip-012345}] Host is Down", "Host is Down"],
    ["[Recovered] Disk", "Disk"],
    ["No prefix", "No prefix"],
    ["[Only]", "[Only]"],
  ])("title %j → %j", (title, expected) => {
    expect(datadogTitle(title)).toBe(expected);
  });
});
