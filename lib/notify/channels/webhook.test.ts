import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { componentEvent, incidentEvent, maintenanceEvent, update } from "./fixtures";
import {
  WebhookComponentPayload,
  WebhookIncidentPayload,
  renderComponentWebhookPayload,
  renderWebhookPayload,
  signStandardWebhook,
  signWebhook,
  verifyWebhookSignature,
  webhookHeaders,
} from "./webhook";

const meta = {
  unsubscribeUrl: "https://status.tallyworks.example/unsubscribe?token=w1",
  documentationUrl: "https://status.tallyworks.example/docs/webhooks",
  generatedAt: "2026-11-27T01:05:03.000Z",
};

describe("renderWebhookPayload", () => {
  it("writes Statuspage's incident webhook shape", () => {
    const earlier = update({ id: "upd0", status: "investigating", body: "First.", displayAt: "2026-11-27T01:00:00.000Z", affectedComponents: null });
    const latest = update({ id: "upd1", status: "identified", body: "Found it." });
    const event = incidentEvent({ kind: "incident.updated", update: latest, incident: { updates: [latest, earlier] } });
    const payload = renderWebhookPayload(event, meta);
    expect(WebhookIncidentPayload.parse(payload)).toEqual(payload);
    // The schema is strict, so the test below pins every key.
    expect(WebhookIncidentPayload.safeParse({ ...payload, incident: { ...payload.incident, extra: 1 } }).success).toBe(false);
    expect(payload).toEqual({
      meta: {
        unsubscribe: "https://status.tallyworks.example/unsubscribe?token=w1",
        documentation: "https://status.tallyworks.example/docs/webhooks",
        generated_at: "2026-11-27T01:05:03.000Z",
      },
      page: { id: "kctbh9vrtdwd", status_indicator: "minor", status_description: "Degraded Performance" },
      incident: {
        id: "inc1",
        name: "Hubdoc imports delayed",
        created_at: "2026-11-27T01:05:02.000Z",
        updated_at: "2026-11-27T01:05:02.000Z",
        monitoring_at: null,
        resolved_at: null,
        shortlink: "https://status.tallyworks.example/incidents/inc1",
        started_at: "2026-11-27T01:05:00.000Z",
        page_id: "kctbh9vrtdwd",
        components: [
          {
            id: "cmp1",
            name: "Hubdoc",
            status: "degraded_performance",
            created_at: "2026-01-01T00:00:00.000Z",
            updated_at: "2026-11-27T01:05:00.000Z",
            position: 1,
            description: null,
            showcase: true,
            group_id: null,
            page_id: "kctbh9vrtdwd",
          },
        ],
        status: "identified",
        impact: "minor",
        incident_updates: [
          {
            id: "upd1",
            status: "identified",
            body: "Found it.",
            incident_id: "inc1",
            created_at: "2026-11-27T01:05:02.000Z",
            updated_at: "2026-11-27T01:05:02.000Z",
            display_at: "2026-11-27T01:05:00.000Z",
            affected_components: [{ code: "cmp1", name: "Hubdoc", old_status: "operational", new_status: "degraded_performance" }],
          },
          {
            id: "upd0",
            status: "investigating",
            body: "First.",
            incident_id: "inc1",
            created_at: "2026-11-27T01:05:02.000Z",
            updated_at: "2026-11-27T01:05:02.000Z",
            display_at: "2026-11-27T01:00:00.000Z",
            affected_components: null,
          },
        ],
        scheduled_for: null,
        scheduled_until: null,
      },
    });
  });

  it('reports maintenance with impact "maintenance" and its window, under `incident` as Statuspage does', () => {
    const payload = renderWebhookPayload(maintenanceEvent("maintenance.started"), meta);
    expect(WebhookIncidentPayload.parse(payload)).toEqual(payload);
    expect(payload.incident).toMatchObject({
      status: "in_progress",
      impact: "maintenance",
      scheduled_for: "2026-11-28T13:00:00.000Z",
      scheduled_until: "2026-11-28T15:00:00.000Z",
    });
  });

  it("normalises generated_at and refuses non-http links", () => {
    expect(renderWebhookPayload(incidentEvent(), { ...meta, generatedAt: "2026-11-27T14:05:03+13:00" }).meta.generated_at).toBe("2026-11-27T01:05:03.000Z");
    expect(() => renderWebhookPayload(incidentEvent(), { ...meta, unsubscribeUrl: "javascript:x" })).toThrow();
  });
});

describe("renderComponentWebhookPayload", () => {
  it("writes Statuspage's component_update shape", () => {
    const payload = renderComponentWebhookPayload(componentEvent(), meta);
    expect(WebhookComponentPayload.parse(payload)).toEqual(payload);
    expect(payload.component_update).toEqual({
      created_at: "2026-11-27T01:05:02.000Z",
      new_status: "degraded_performance",
      old_status: "operational",
      id: "chg1",
      component_id: "cmp1",
      component_type: "Component",
    });
    expect(payload.component).toMatchObject({ id: "cmp1", name: "Hubdoc", status: "degraded_performance", position: 3, page_id: "kctbh9vrtdwd" });
    expect(payload.page.status_indicator).toBe("minor");
  });
});

describe("signing", () => {
  const secret = "whsec_test_0123456789";
  const body = JSON.stringify(renderWebhookPayload(incidentEvent(), meta));
  const t = 1_795_000_000;

  it('matches an independently computed HMAC-SHA256 of "<t>.<body>"', () => {
    // Known answer: HMAC-SHA256(key="key", "1.{}"), computed with `printf '1.{}' | openssl dgst -sha256 -hmac key`.
    expect(signWebhook("key", "{}", 1)).toBe("t=1,v1=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224");
    expect(signWebhook(secret, body, t)).toMatch(/^t=1795000000,v1=[0-9a-f]{64}$/);
  });

  it("accepts a valid signature", () => {
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, t), body, t + 10)).toEqual({ ok: true, timestamp: t });
  });

  it("refuses a tampered body, a wrong secret and a changed timestamp", () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body.replace("Hubdoc", "Hubdoc!"), t)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature("another secret", header, body, t)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, t)).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses timestamps outside the tolerance, both ways", () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body, t + 300).ok).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, t + 301)).toEqual({ ok: false, reason: "expired" });
    expect(verifyWebhookSignature(secret, header, body, t - 301)).toEqual({ ok: false, reason: "expired" });
    expect(verifyWebhookSignature(secret, header, body, t + 1000, 3600).ok).toBe(true);
  });

  it.each([
    ["", "empty"],
    [`v1=${"a".repeat(64)}`, "no timestamp"],
    [`t=${t}`, "no signature"],
    [`t=${t},v1=xyz`, "signature not hex"],
    [`t=${t},v1=${"a".repeat(63)}`, "signature too short"],
    [`t=abc,v1=${"a".repeat(64)}`, "timestamp not a number"],
    [`t=${t},t=${t},v1=${"a".repeat(64)}`, "two timestamps"],
    [`garbage`, "no key=value"],
  ])("refuses a malformed header: %s (%s)", (header) => {
    expect(verifyWebhookSignature(secret, header, body, t)).toEqual({ ok: false, reason: "malformed" });
  });

  it("accepts any one of several v1 signatures (secret rotation) and ignores other schemes", () => {
    const good = signWebhook(secret, body, t).split(",v1=")[1];
    expect(verifyWebhookSignature(secret, `t=${t},v0=zzz,v1=${"0".repeat(64)},v1=${good}`, body, t).ok).toBe(true);
  });

  it("builds the delivery headers, signed over the exact body", () => {
    const headers = webhookHeaders({ body, secret, timestamp: t, deliveryId: "evt1:sub1", event: "incident.created" });
    expect(headers).toMatchObject({ "Content-Type": "application/json", "X-Vigil-Delivery": "evt1:sub1", "X-Vigil-Event": "incident.created" });
    expect(verifyWebhookSignature(secret, headers["X-Vigil-Signature"], body, t).ok).toBe(true);
    expect(webhookHeaders({ body, secret: null, timestamp: t, deliveryId: "d", event: "component.updated" })["X-Vigil-Signature"]).toBeUndefined();
  });

  it("also signs per Standard Webhooks: the spec's known answer, and the reference library verifies it", () => {
    // The example from the Standard Webhooks specification.
    expect(signStandardWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
    const standard = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders({ body, secret: standard, timestamp: now, deliveryId: "evt1:sub1", event: "incident.created" });
    expect(headers).toMatchObject({ "webhook-id": "evt1:sub1", "webhook-timestamp": String(now) });
    expect(new Webhook(standard).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(standard).verify(body.replace("Hubdoc", "Hubdoc!"), headers)).toThrow(WebhookVerificationError);
    expect(webhookHeaders({ body, secret: null, timestamp: t, deliveryId: "d", event: "component.updated" })["webhook-signature"]).toBeUndefined();
  });

  it("refuses to sign without a secret or with a non-integer timestamp", () => {
    expect(() => signWebhook("", body, t)).toThrow();
    expect(() => signWebhook(secret, body, 1.5)).toThrow();
    expect(() => signWebhook(secret, body, Date.now() * 1000 * 1000)).toThrow();
  });
});
