import { describe, expect, it } from "vitest";
import { AlertEvent } from "../event";
import { incidentEvent, update } from "./fixtures";
import { renderOpsgenieRequest } from "./opsgenie";
import { renderTeamsMessage } from "./teams";

// A published postmortem announces the latest update again; every channel shows the postmortem, not that update's text.
const resolved = update({ status: "resolved", body: "All imports processed." });
const event = AlertEvent.parse(
  incidentEvent({ kind: "incident.postmortem", update: resolved, incident: { status: "resolved", postmortem: "## What happened\n\nA certificate expired." } }),
);

describe("a published postmortem on the chat and paging channels", () => {
  it("Teams shows the postmortem", () => {
    const card = JSON.stringify(renderTeamsMessage(event, { incidentUrl: event.incident.url }));
    expect(card).toContain("A certificate expired.");
    expect(card).not.toContain("All imports processed.");
  });

  it("Opsgenie adds it as a note", () => {
    const request = renderOpsgenieRequest(event);
    expect(request?.path).toMatch(/\/notes\?identifierType=alias$/);
    expect(JSON.stringify(request?.body)).toContain("A certificate expired.");
  });
});
