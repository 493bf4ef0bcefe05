import { describe, expect, it } from "vitest";
import { incidentEvent, maintenanceEvent, update } from "./fixtures";
import { renderOpsgenieRequest } from "./opsgenie";
import { renderPagerDutyEvent } from "./pagerduty";
import { renderTeamsMessage, TEAMS_LIMITS } from "./teams";
import type { AlertEvent } from "../event";

// Teams, PagerDuty and Opsgenie renderers: what each service receives for each kind of alert.

const links = { incidentUrl: "https://status.tallyworks.example/incidents/inc1" };
const resolvedUpdate = update({ id: "upd3", status: "resolved", body: "Fixed.", affectedComponents: null });
const identified = incidentEvent({ kind: "incident.updated", update: update({ id: "upd2", status: "identified", body: "Found it." }) });
const resolved = incidentEvent({ kind: "incident.resolved", update: resolvedUpdate, incident: { status: "resolved" } });

describe("Teams", () => {
  const card = (e: AlertEvent) => renderTeamsMessage(e, links).attachments[0].content;

  it("sends an Adaptive Card 1.4 message with the title, status, impact, components, body and a link", () => {
    const message = renderTeamsMessage(incidentEvent(), links);
    expect(message.type).toBe("message");
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    const c = message.attachments[0].content;
    expect(c).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(c.body[0]).toMatchObject({ type: "TextBlock", text: "Hubdoc imports delayed", weight: "Bolder", color: "Warning" });
    expect(c.body[1]).toEqual({
      type: "FactSet",
      facts: [
        { title: "Status", value: "Investigating" },
        { title: "Impact", value: "Minor" },
        { title: "Hubdoc", value: "Degraded Performance (was Operational)" },
      ],
    });
    expect(c.body[2]).toMatchObject({ type: "TextBlock", text: expect.stringContaining("**investigating**") });
    expect(c.actions).toEqual([{ type: "Action.OpenUrl", title: "View incident", url: links.incidentUrl }]);
    expect(message.summary).toBe("[Tallyworks] Investigating – Hubdoc imports delayed");
  });

  it.each([
    [resolved, "Good"],
    [maintenanceEvent("maintenance.started"), "Accent"],
    [incidentEvent({ incident: { impact: "critical" } }), "Attention"],
  ] as const)("colours the title by tone (%#)", (event, color) => {
    expect(card(event).body[0]).toMatchObject({ color });
  });

  it("shows a maintenance window instead of an impact", () => {
    const facts = (card(maintenanceEvent("maintenance.scheduled")).body[1] as { facts: { title: string }[] }).facts.map((f) => f.title);
    expect(facts).toContain("Window");
    expect(facts).not.toContain("Impact");
  });

  it("cuts a long update and turns headings into bold lines", () => {
    const long = incidentEvent({ update: update({ body: `# Heading\n${"word ".repeat(5000)}` }) });
    const text = (card(long).body[2] as { text: string }).text;
    expect(text.startsWith("**Heading**")).toBe(true);
    expect(text.length).toBeLessThanOrEqual(TEAMS_LIMITS.body);
    expect(JSON.stringify(renderTeamsMessage(long, links)).length).toBeLessThan(28_000);
  });
});

describe("PagerDuty Events API v2", () => {
  it("triggers on open with dedup_key = incident id and the impact's severity", () => {
    expect(renderPagerDutyEvent(incidentEvent({ incident: { impact: "major" } }), "R0UT1NGKEY")).toEqual({
      routing_key: "R0UT1NGKEY",
      event_action: "trigger",
      dedup_key: "inc1",
      payload: {
        summary: "[Tallyworks] Investigating – Hubdoc imports delayed",
        source: "status.tallyworks.example",
        severity: "error",
        component: "Hubdoc",
        group: "Tallyworks",
        class: "incident",
        custom_details: {
          status: "investigating",
          impact: "major",
          update: "We are **investigating** delays with [Hubdoc](https://hubdoc.example/status) imports.",
          "component: Hubdoc": "Degraded Performance (was Operational)",
        },
      },
      client: "Tallyworks status",
      client_url: "https://status.tallyworks.example/incidents/inc1",
      links: [{ href: "https://status.tallyworks.example/incidents/inc1", text: "Incident on the status page" }],
    });
  });

  it.each([
    ["critical", "critical"],
    ["major", "error"],
    ["minor", "warning"],
    ["none", "info"],
  ] as const)("impact %s → severity %s", (impact, severity) => {
    const event = renderPagerDutyEvent(incidentEvent({ incident: { impact } }), "k");
    expect(event?.event_action === "trigger" && event.payload.severity).toBe(severity);
  });

  it("resolves on resolution; sends nothing for updates in between or for maintenance", () => {
    expect(renderPagerDutyEvent(resolved, "k")).toEqual({ routing_key: "k", event_action: "resolve", dedup_key: "inc1" });
    expect(renderPagerDutyEvent(identified, "k")).toBeNull();
    expect(renderPagerDutyEvent(maintenanceEvent("maintenance.started"), "k")).toBeNull();
  });
});

describe("Opsgenie alerts", () => {
  it("creates an alert with alias = incident id and the impact's priority", () => {
    const req = renderOpsgenieRequest(incidentEvent({ incident: { impact: "critical" } }));
    expect(req?.path).toBe("/v2/alerts");
    expect(req?.body).toMatchObject({ message: "Hubdoc imports delayed", alias: "inc1", priority: "P1", source: "Tallyworks status", entity: "Hubdoc" });
    expect(String(req?.body.description)).toContain("https://status.tallyworks.example/incidents/inc1");
  });

  it("adds a note for an update and closes on resolution, both by alias", () => {
    expect(renderOpsgenieRequest(identified)).toEqual({
      path: "/v2/alerts/inc1/notes?identifierType=alias",
      body: { source: "Tallyworks status", note: "Identified: Found it.\nhttps://status.tallyworks.example/incidents/inc1" },
    });
    expect(renderOpsgenieRequest(resolved)?.path).toBe("/v2/alerts/inc1/close?identifierType=alias");
    expect(renderOpsgenieRequest(maintenanceEvent("maintenance.scheduled"))).toBeNull();
  });

  it("keeps the message within Opsgenie's 130 characters and escapes the alias in the path", () => {
    const req = renderOpsgenieRequest(incidentEvent({ incident: { id: "a/b c", name: "x".repeat(400) } }));
    expect(String(req?.body.message).length).toBeLessThanOrEqual(130);
    expect(
      renderOpsgenieRequest(incidentEvent({ kind: "incident.resolved", update: resolvedUpdate, incident: { id: "a/b c", status: "resolved" } }))?.path,
    ).toBe("/v2/alerts/a%2Fb%20c/close?identifierType=alias");
  });
});
