import type { AlertComponent, AlertEvent, AlertUpdate, ComponentAlertEvent } from "../event";

// Sample events for the tests beside this file (not used by application code).

export const PAGE = {
  id: "kctbh9vrtdwd",
  name: "Tallyworks",
  url: "https://status.tallyworks.example",
  timeZone: "Pacific/Auckland",
  locale: "en-US",
  statusIndicator: "minor",
  statusDescription: "Degraded Performance",
  logoUrl: null,
  accentColor: null,
} as const satisfies AlertEvent["page"];

export function component(id: string, name: string, overrides: Partial<AlertComponent> = {}): AlertComponent {
  return {
    id,
    name,
    status: "degraded_performance",
    description: null,
    position: 1,
    groupId: null,
    showcase: true,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-11-27T01:05:00.000Z",
    ...overrides,
  };
}

export function update(overrides: Partial<AlertUpdate> = {}): AlertUpdate {
  return {
    id: "upd1",
    status: "investigating",
    body: "We are **investigating** delays with [Hubdoc](https://hubdoc.example/status) imports.",
    displayAt: "2026-11-27T01:05:00.000Z",
    createdAt: "2026-11-27T01:05:02.000Z",
    updatedAt: "2026-11-27T01:05:02.000Z",
    affectedComponents: [{ id: "cmp1", name: "Hubdoc", oldStatus: "operational", newStatus: "degraded_performance" }],
    ...overrides,
  };
}

/** "incident.created" for an investigating, minor incident; `overrides` replaces top-level parts. */
export function incidentEvent(overrides: Omit<Partial<AlertEvent>, "incident"> & { incident?: Partial<AlertEvent["incident"]> } = {}): AlertEvent {
  const u = overrides.update ?? update();
  const { incident: incidentOverrides, ...rest } = overrides;
  return {
    version: 1,
    kind: "incident.created",
    occurredAt: "2026-11-27T01:05:02.000Z",
    page: { ...PAGE },
    update: u,
    ...rest,
    incident: {
      id: "inc1",
      name: "Hubdoc imports delayed",
      status: u.status,
      impact: "minor",
      url: "https://status.tallyworks.example/incidents/inc1",
      createdAt: "2026-11-27T01:05:02.000Z",
      updatedAt: "2026-11-27T01:05:02.000Z",
      startedAt: "2026-11-27T01:05:00.000Z",
      monitoringAt: null,
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      components: [component("cmp1", "Hubdoc")],
      updates: [u],
      postmortem: null,
      ...incidentOverrides,
    },
  };
}

export function maintenanceEvent(kind: "maintenance.scheduled" | "maintenance.started" | "maintenance.completed"): AlertEvent {
  const status = kind === "maintenance.scheduled" ? "scheduled" : kind === "maintenance.started" ? "in_progress" : "completed";
  const u = update({ id: `m-${status}`, status, body: "Database upgrade.", affectedComponents: null });
  return incidentEvent({
    kind,
    update: u,
    incident: {
      id: "mnt1",
      name: "Database upgrade",
      status,
      impact: "none",
      url: "https://status.tallyworks.example/incidents/mnt1",
      scheduledFor: "2026-11-28T13:00:00.000Z",
      scheduledUntil: "2026-11-28T15:00:00.000Z",
      components: [component("cmp2", "Ledger", { status: status === "in_progress" ? "under_maintenance" : "operational" })],
      updates: [u],
    },
  });
}

export function componentEvent(): ComponentAlertEvent {
  return {
    version: 1,
    kind: "component.updated",
    occurredAt: "2026-11-27T01:05:02.000Z",
    page: { ...PAGE },
    component: component("cmp1", "Hubdoc", { position: 3 }),
    change: { id: "chg1", createdAt: "2026-11-27T01:05:02.000Z", oldStatus: "operational", newStatus: "degraded_performance" },
  };
}
