import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff";
import { setStatusByStaff } from "@/lib/components/staff-verbs";
import type { Db } from "@/lib/db";
import { createTemplate } from "@/lib/incidents/templates";
import { handleInboundAlertRequest, MAX_INBOUND_BODY_BYTES } from "@/lib/integrations/http";
import type { MappingRule, UpdateIntegrationInput } from "@/lib/integrations/schemas";
import { listIntegrations } from "@/lib/integrations/queries";
import { createIntegration, deleteIntegration, setIntegrationEnabled, updateIntegration } from "@/lib/integrations/staff-verbs";
import { dispatchOnce } from "@/lib/notify/outbox/dispatcher";
import { createSenders } from "@/lib/notify/senders";
import { startHttpReceiver } from "../support/http-receiver";
import { createComponent, createPage, resetDb, testDb } from "./db";

// Inbound alerts end to end on the real database: each tool's documented payload through the
// HTTP handler, the incidents and component statuses they lead to, deduplication, and the
// rule that an alert never loosens what staff set by hand.

let db: Db;
const admin: StaffContext = { role: "admin", actor: { id: "ad", email: "ad@example.com", ip: null }, sessionId: null };

const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, "../fixtures/alerts", name), "utf8"));

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
});

async function integrationFor(source: "alertmanager" | "grafana" | "datadog" | "generic", settings: Partial<Omit<UpdateIntegrationInput, "id">> = {}) {
  const { id, token } = await createIntegration(db, admin, { name: `${source} prod`, source });
  await updateIntegration(db, admin, {
    id,
    name: `${source} prod`,
    rules: [],
    defaultComponentId: null,
    defaultStatus: "partial_outage",
    templateId: null,
    ...settings,
  });
  return { id, token, source };
}

async function post(
  target: { source: string; token: string },
  body: unknown,
  options: { raw?: string; contentType?: string } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whichever fields they assert
): Promise<{ status: number; json: any }> {
  const text = options.raw ?? JSON.stringify(body);
  const headers = new Headers({ "content-type": options.contentType ?? "application/json" });
  const response = await handleInboundAlertRequest(db, {
    method: "POST",
    source: target.source,
    token: target.token,
    headers,
    text: async () => text,
    ip: "203.0.113.7",
  });
  return { status: response.status, json: response.body };
}

const resolvedTwin = (payload: { status: string; alerts: { status: string; endsAt: string }[] }, only?: number) => ({
  ...payload,
  status: "resolved",
  alerts: payload.alerts.map((a) => ({ ...a, status: "resolved", endsAt: "2023-02-06T13:30:00.000Z" })).filter((_, i) => only === undefined || i === only),
});

const component = (id: string) => db.component.findUniqueOrThrow({ where: { id } });
const incidents = () => db.incident.findMany({ include: { updates: { orderBy: { createdAt: "asc" } }, components: true }, orderBy: { createdAt: "asc" } });

describe("Prometheus Alertmanager", () => {
  it("a firing → resolved pair opens and resolves one incident, with the rule's impact and status", async () => {
    const site = await createComponent(db, "site");
    const rules: MappingRule[] = [
      { label: "job", value: "http_checks", componentId: site.id, status: null },
      { label: "severity", value: "critical", componentId: null, status: "major_outage" },
    ];
    const am = await integrationFor("alertmanager", { rules });
    const firing = fixture("alertmanager-firing.json");

    const opened = await post(am, firing);
    expect(opened.status).toBe(200);
    expect(opened.json).toMatchObject({ received: 1, results: [{ fingerprint: "1a30ba71cca2921f", outcome: "opened" }] });
    let [incident] = await incidents();
    expect(incident).toMatchObject({ name: "BlackBox Probe Failure: https://server.example.org", impact: "major", status: "investigating" });
    expect(incident!.updates[0]!.body).toContain("has been down for over 5m");
    expect(incident!.components).toEqual([expect.objectContaining({ componentId: site.id, status: "major_outage" })]);
    expect((await component(site.id)).status).toBe("major_outage");

    const resolved = await post(am, resolvedTwin(firing));
    expect(resolved.json.results).toEqual([{ fingerprint: "1a30ba71cca2921f", outcome: "resolved", incidentId: incident!.id }]);
    const all = await incidents();
    expect(all).toHaveLength(1);
    incident = all[0];
    expect(incident!.status).toBe("resolved");
    expect(incident!.updates.map((u) => u.status)).toEqual(["investigating", "resolved"]);
    expect((await component(site.id)).status).toBe("operational");

    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: "inbound_alert." } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["inbound_alert.opened", "integration:alertmanager prod"],
      ["inbound_alert.resolved", "integration:alertmanager prod"],
    ]);
  });

  it("the same firing sent twice does nothing new; a resolve for an alert not firing is ignored", async () => {
    const site = await createComponent(db, "site");
    const am = await integrationFor("alertmanager", { defaultComponentId: site.id });
    const firing = fixture("alertmanager-firing.json");
    await post(am, firing);
    const updatesBefore = await db.incidentUpdate.count();
    const again = await post(am, firing);
    expect(again.json.results[0].outcome).toBe("duplicate");
    expect(await db.incident.count()).toBe(1);
    expect(await db.incidentUpdate.count()).toBe(updatesBefore);
    expect(await db.inboundAlert.findFirstOrThrow()).toMatchObject({ receivedCount: 2, status: "firing" });
    await post(am, resolvedTwin(firing));
    const late = await post(am, resolvedTwin(firing));
    expect(late.json.results[0].outcome).toBe("ignored");
    expect(await db.incidentUpdate.count()).toBe(updatesBefore + 1);
  });

  it("the token, the source and the body are checked: 404, 404, 422 naming the field, 415, 413", async () => {
    const am = await integrationFor("alertmanager");
    const firing = fixture("alertmanager-firing.json");
    expect((await post({ ...am, token: `${am.token}x` }, firing)).status).toBe(404);
    expect((await post({ ...am, source: "grafana" }, firing)).status).toBe(404);
    const unknownSource = await post({ ...am, source: "nagios" }, firing);
    expect(unknownSource).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });

    const bad = await post(am, { ...firing, alerts: [{ ...firing.alerts[0], status: "burning" }] });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toHaveProperty(["alerts.0.status"]);
    const none = await post(am, { ...firing, alerts: [] });
    expect(none).toMatchObject({ status: 422, json: { error: { fields: { alerts: "no alerts in the payload" } } } });
    expect((await post(am, null, { raw: "status=firing", contentType: "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await post(am, null, { raw: "{not json" })).status).toBe(400);
    const huge = await post(am, null, { raw: JSON.stringify({ ...firing, padding: "x".repeat(MAX_INBOUND_BODY_BYTES) }) });
    expect(huge.status).toBe(413);
    expect(await db.incident.count()).toBe(0);
  });

  it("a disabled integration records nothing", async () => {
    const site = await createComponent(db, "site");
    const am = await integrationFor("alertmanager", { defaultComponentId: site.id });
    await setIntegrationEnabled(db, admin, am.id, false);
    const answer = await post(am, fixture("alertmanager-firing.json"));
    expect(answer.json.results[0].outcome).toBe("disabled");
    expect(await db.incident.count()).toBe(0);
    expect(await db.inboundAlert.count()).toBe(0);
  });
});

describe("Grafana alerting", () => {
  it("maps the documented example's two alerts onto one incident; resolving one keeps it open, the last resolves it", async () => {
    const api = await createComponent(db, "api");
    const grafana = await integrationFor("grafana", {
      rules: [
        { label: "alertname", value: "High CPU usage", componentId: null, status: "partial_outage" },
        { label: "team", value: "blue", componentId: api.id, status: "degraded_performance" },
      ],
    });
    const payload = fixture("grafana-firing.json");
    const first = await post(grafana, payload);
    expect(first.json.results.map((r: { outcome: string }) => r.outcome)).toEqual(["opened", "updated"]);
    const [incident] = await incidents();
    expect(incident).toMatchObject({ name: "This alert was triggered for zone us-1", impact: "minor" });
    // The second alert made it worse: degraded → partial outage.
    expect((await component(api.id)).status).toBe("partial_outage");

    const one = await post(grafana, resolvedTwin(payload, 0));
    expect(one.json.results).toEqual([{ fingerprint: "c6eadffa33fcdf37", outcome: "released", incidentId: incident!.id }]);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident!.id } })).resolvedAt).toBeNull();
    expect((await component(api.id)).status).toBe("partial_outage");

    const last = await post(grafana, resolvedTwin(payload, 1));
    expect(last.json.results[0]).toMatchObject({ fingerprint: "bc97ff14869b13e3", outcome: "resolved" });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident!.id } })).status).toBe("resolved");
    expect((await component(api.id)).status).toBe("operational");
  });

  it("a firing alert after staff resolved the incident by hand opens a new one", async () => {
    const api = await createComponent(db, "api");
    const grafana = await integrationFor("grafana", { defaultComponentId: api.id });
    const payload = fixture("grafana-firing.json");
    await post(grafana, { ...payload, alerts: [payload.alerts[0]] });
    const [first] = await incidents();
    await db.incident.update({ where: { id: first!.id }, data: { resolvedAt: new Date(), status: "resolved" } });
    const second = await post(grafana, { ...payload, alerts: [payload.alerts[1]] });
    expect(second.json.results[0].outcome).toBe("opened");
    expect(await db.incident.count()).toBe(2);
  });
});

describe("Datadog and the generic format", () => {
  it("maps Datadog's tags and transitions; Recovered resolves", async () => {
    const svc = await createComponent(db, "my-service");
    const dd = await integrationFor("datadog", { rules: [{ label: "name", value: "myService", componentId: svc.id, status: "major_outage" }] });
    const triggered = await post(dd, fixture("datadog-triggered.json"));
    expect(triggered.json.results).toEqual([{ fingerprint: "9bd4ac313a4d1e8fae2482df7b77628", outcome: "opened", incidentId: expect.any(String) }]);
    const [incident] = await incidents();
    expect(incident).toMatchObject({ name: "Host is Down", impact: "major" });
    expect((await component(svc.id)).status).toBe("major_outage");
    const recovered = await post(dd, fixture("datadog-recovered.json"));
    expect(recovered.json.results[0].outcome).toBe("resolved");
    expect((await component(svc.id)).status).toBe("operational");
  });

  it("Warn without a rule status means degraded; an unknown transition is a 422 naming it", async () => {
    const svc = await createComponent(db, "my-service");
    const dd = await integrationFor("datadog", { defaultComponentId: svc.id, defaultStatus: "major_outage" });
    await post(dd, { ...fixture("datadog-triggered.json"), transition: "Warn" });
    expect((await component(svc.id)).status).toBe("degraded_performance");
    const bad = await post(dd, { ...fixture("datadog-triggered.json"), transition: "Exploded" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields)).toEqual(["transition"]);
  });

  it("the generic format names its component and severity; an unknown component with no default is unmapped", async () => {
    const ledger = await createComponent(db, "ledger");
    const generic = await integrationFor("generic");
    const opened = await post(generic, fixture("generic-firing.json"));
    expect(opened.json.results[0]).toMatchObject({ fingerprint: "db-replica-lag", outcome: "opened" });
    expect(await incidents()).toEqual([expect.objectContaining({ name: "Ledger replicas are lagging", impact: "minor" })]);
    expect((await component(ledger.id)).status).toBe("partial_outage");
    const unmapped = await post(generic, { id: "x", status: "firing", component: "nope", title: "Nope" });
    expect(unmapped.json.results[0].outcome).toBe("unmapped");
    const missing = await post(generic, { status: "firing", title: "no id" });
    expect(missing).toMatchObject({ status: 422, json: { error: { fields: { id: expect.any(String) } } } });
  });

  it("opens from the chosen template and keeps the alert's own words off the page", async () => {
    const ledger = await createComponent(db, "ledger");
    const template = await createTemplate(db, admin, {
      name: "Ledger slow",
      title: "Ledger is slow",
      status: "identified",
      body: "We know why and are fixing it.",
    });
    const generic = await integrationFor("generic", { templateId: template.id });
    await post(generic, fixture("generic-firing.json"));
    const [incident] = await incidents();
    expect(incident).toMatchObject({ name: "Ledger is slow", status: "identified" });
    expect(incident!.updates[0]!.body).toBe("We know why and are fixing it.");
    await post(generic, { ...fixture("generic-firing.json"), status: "resolved" });
    const [after] = await incidents();
    expect(after!.updates.at(-1)).toMatchObject({ status: "resolved", body: "This incident has been resolved." });
    expect((await component(ledger.id)).status).toBe("operational");
  });
});

describe("staff overrides", () => {
  it("an alert may make a component worse than staff set it, and resolving gives staff's status back", async () => {
    const ledger = await createComponent(db, "ledger");
    await setStatusByStaff(db, admin, { componentId: ledger.id, status: "degraded_performance" });
    const generic = await integrationFor("generic");
    await post(generic, { ...fixture("generic-firing.json"), severity: "major_outage" });
    expect((await component(ledger.id)).status).toBe("major_outage");
    await post(generic, { ...fixture("generic-firing.json"), status: "resolved" });
    expect(await component(ledger.id)).toMatchObject({ status: "degraded_performance", manualStatus: "degraded_performance" });
  });

  it("never makes it better: staff's major outage stays through a milder alert and its resolution", async () => {
    const ledger = await createComponent(db, "ledger");
    await setStatusByStaff(db, admin, { componentId: ledger.id, status: "major_outage" });
    const generic = await integrationFor("generic");
    await post(generic, { ...fixture("generic-firing.json"), severity: "degraded_performance" });
    expect(await component(ledger.id)).toMatchObject({ status: "major_outage", manualStatus: "major_outage" });
    await post(generic, { ...fixture("generic-firing.json"), status: "resolved" });
    expect(await component(ledger.id)).toMatchObject({ status: "major_outage", manualStatus: "major_outage" });
  });

  it("staff's Operational by hand is not cleared by resolving, and a status staff change mid-incident stays", async () => {
    const ledger = await createComponent(db, "ledger");
    await setStatusByStaff(db, admin, { componentId: ledger.id, status: "operational" });
    const generic = await integrationFor("generic");
    await post(generic, fixture("generic-firing.json"));
    expect((await component(ledger.id)).status).toBe("partial_outage");
    await post(generic, { ...fixture("generic-firing.json"), status: "resolved" });
    expect(await component(ledger.id)).toMatchObject({ status: "operational", manualStatus: "operational" });

    await post(generic, { ...fixture("generic-firing.json"), id: "second" });
    await setStatusByStaff(db, admin, { componentId: ledger.id, status: "major_outage" });
    await post(generic, { ...fixture("generic-firing.json"), id: "second", status: "resolved" });
    expect(await component(ledger.id)).toMatchObject({ status: "major_outage", manualStatus: "major_outage" });
  });
});

describe("the console's verbs", () => {
  it("refuse rules pointing at a component that does not exist, or choosing nothing, naming the row", async () => {
    const { id } = await integrationFor("generic");
    const base = { id, name: "g", defaultComponentId: null, defaultStatus: "partial_outage" as const, templateId: null };
    await expect(updateIntegration(db, admin, { ...base, rules: [{ label: "service", value: "x", componentId: "gone", status: null }] })).rejects.toMatchObject(
      {
        fields: { "rules.0.componentId": "that component no longer exists" },
      },
    );
    await expect(updateIntegration(db, admin, { ...base, rules: [{ label: "service", value: "x", componentId: null, status: null }] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["rules", 0, "componentId"] })],
    });
    const resolvedTemplate = await createTemplate(db, admin, { name: "All good", title: "Fixed", status: "resolved", body: "Fixed." });
    await expect(updateIntegration(db, admin, { ...base, rules: [], templateId: resolvedTemplate.id })).rejects.toMatchObject({
      fields: { templateId: "choose a template written for investigating, identified or monitoring" },
    });
    await expect(updateIntegration(db, { ...admin, role: "editor" }, { ...base, rules: [] })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("subscribers", () => {
  it("hear of the opening, of an alert that makes it worse and of the resolution, not of one that changes nothing", async () => {
    const receiver = await startHttpReceiver();
    try {
      const ledger = await createComponent(db, "ledger");
      await db.subscriber.create({ data: { channel: "webhook", target: receiver.url("/hook"), confirmedAt: new Date(), source: "staff" } });
      const generic = await integrationFor("generic", { defaultComponentId: ledger.id });
      const send = async (body: unknown) => {
        await post(generic, body);
        const senders = createSenders({ db, mailer: null, from: "Vigil <alerts@status.example.com>", allowPrivateWebhooks: true });
        while ((await dispatchOnce(db, { senders, backoff: () => 0 })).claimed > 0);
      };
      await send({ id: "a", status: "firing", severity: "degraded_performance", title: "Slow" });
      await send({ id: "b", status: "firing", severity: "degraded_performance", title: "Also slow" });
      await send({ id: "c", status: "firing", severity: "major_outage", title: "Down" });
      for (const id of ["a", "b", "c"]) await send({ id, status: "resolved" });
      const events = receiver.received.map((r) => r.headers["x-vigil-event"]);
      expect(events).toEqual(["incident.created", "incident.updated", "incident.resolved"]);
      expect(await db.incidentUpdate.count()).toBe(4);
    } finally {
      await receiver.close();
    }
  });
});

describe("the console's list", () => {
  it("shows each integration with its rules and its last alerts' outcomes; deleting removes its URL", async () => {
    const site = await createComponent(db, "site");
    const rules: MappingRule[] = [{ label: "job", value: "http_checks", componentId: site.id, status: "major_outage" }];
    const am = await integrationFor("alertmanager", { rules });
    await post(am, fixture("alertmanager-firing.json"));
    await post(am, fixture("alertmanager-firing.json"));
    const [row] = await listIntegrations(db);
    expect(row).toMatchObject({ name: "alertmanager prod", source: "alertmanager", enabled: true, rules, tokenPrefix: am.token.slice(0, 10) });
    expect(row!.alerts).toEqual([
      expect.objectContaining({ fingerprint: "1a30ba71cca2921f", status: "firing", outcome: "duplicate", receivedCount: 2, incidentId: expect.any(String) }),
    ]);
    // The token is kept as a hash only.
    expect(JSON.stringify(await db.integration.findMany())).not.toContain(am.token);
    await deleteIntegration(db, admin, am.id);
    expect((await post(am, fixture("alertmanager-firing.json"))).status).toBe(404);
    expect(await db.incident.count()).toBe(1);
  });
});

describe("concurrency", () => {
  it("two alerts for one component arriving at once open one incident", async () => {
    const ledger = await createComponent(db, "ledger");
    const generic = await integrationFor("generic", { defaultComponentId: ledger.id });
    const answers = await Promise.all(["a", "b", "c"].map((id) => post(generic, { id, status: "firing", title: `Alert ${id}` })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await db.incident.count()).toBe(1);
    expect(answers.map((a) => a.json.results[0].outcome).sort()).toEqual(["opened", "updated", "updated"]);
  });

  it("the same firing sent twice at once opens once and counts the other as a duplicate", async () => {
    const ledger = await createComponent(db, "ledger");
    const generic = await integrationFor("generic", { defaultComponentId: ledger.id });
    const answers = await Promise.all([1, 2].map(() => post(generic, fixture("generic-firing.json"))));
    expect(answers.map((a) => a.json.results[0].outcome).sort()).toEqual(["duplicate", "opened"]);
    expect(await db.incidentUpdate.count()).toBe(1);
  });
});
