import type { DbOrTx } from "../db";
import { AlertStatus, IntegrationSource, parseStoredRules } from "./schemas";

// What the console's integrations page shows: each integration with its rules and its last
// inbound alerts (what each one did).

export const RECENT_ALERTS = 20;

export async function listIntegrations(db: DbOrTx) {
  const rows = await db.integration.findMany({
    orderBy: { createdAt: "asc" },
    include: { alerts: { orderBy: { lastSeenAt: "desc" }, take: RECENT_ALERTS } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    source: IntegrationSource.catch("generic").parse(r.source),
    tokenPrefix: r.tokenPrefix,
    rules: parseStoredRules(r.rules),
    defaultComponentId: r.defaultComponentId,
    defaultStatus: AlertStatus.catch("partial_outage").parse(r.defaultStatus),
    templateId: r.templateId,
    enabled: r.enabled,
    createdAt: r.createdAt,
    alerts: r.alerts.map((a) => ({
      id: a.id,
      fingerprint: a.fingerprint,
      status: a.status,
      outcome: a.outcome,
      summary: a.summary,
      incidentId: a.incidentId,
      receivedCount: a.receivedCount,
      lastSeenAt: a.lastSeenAt,
    })),
  }));
}

export type IntegrationRow = Awaited<ReturnType<typeof listIntegrations>>[number];
