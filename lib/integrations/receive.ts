import { type Actor, recordAudit } from "../audit/record";
import { recomputeComponentStatus } from "../components/set-component-status";
import { inTransaction, isUniqueViolation, type DbOrTx, type Tx } from "../db";
import { NotFoundError } from "../errors";
import { addIncidentUpdate } from "../incidents/add-incident-update";
import { createIncident } from "../incidents/create-incident";
import { wakeDispatcher } from "../notify/outbox/enqueue";
import { ComponentStatus, Impact, IncidentStatus } from "../status/schemas";
import { impactForStatus, isHigherImpact, mapAlert, type AlertTarget, type MappingConfig, statusUnderAlert } from "./mapping";
import { type InboundAlertInput, parseInboundPayload } from "./payloads";
import { AlertStatus, IntegrationSource, type InboundOutcome, parseStoredRules } from "./schemas";
import { hashIntegrationToken } from "./tokens";

// POST /api/integrations/<source>/<token>: each alert in the body, in its own transaction.
//
// - Deduplicated by (integration, fingerprint): a firing alert sent again while it holds an
//   incident only counts; a resolved one for an alert not firing is ignored.
// - Firing opens one incident per integration and component (InboundIncident's open slot is
//   unique, so two deliveries at once open one: the loser retries and joins it), or adds an
//   update to the open one. Resolved posts Resolved only when no other firing alert holds it.
// - Components: an alert may make a component worse, never better (mapping.ts). The
//   status-by-hand layer from before the alerts is kept on the InboundIncident; resolving
//   puts it back unless staff changed it meanwhile, so an override staff set survives, and
//   a component the alerts never worsened is left as it was (restoring it like
//   incidents/auto-incident.ts does, so the probes keep deciding).

export interface InboundResult {
  fingerprint: string;
  outcome: InboundOutcome | "disabled";
  incidentId: string | null;
}

const OPEN = "open";
const SUMMARY_MAX = 200;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

type Integration = NonNullable<Awaited<ReturnType<typeof findIntegration>>>;

async function findIntegration(db: DbOrTx, token: string) {
  return db.integration.findUnique({ where: { tokenHash: hashIntegrationToken(token) } });
}

/** The audit actor for what an integration does: no user, its name in the email column the log shows. */
export function integrationActor(integration: { id: string; name: string }, ip: string | null): Actor {
  return { id: null, email: `integration:${integration.name}`, ip };
}

/** The integration a URL names; one NotFoundError for an unknown source, a wrong token and another source's token, so nothing can be probed. */
export async function authenticateIntegration(db: DbOrTx, source: string, token: string): Promise<Integration> {
  const parsed = IntegrationSource.safeParse(source);
  const integration = parsed.success && token.length <= 200 ? await findIntegration(db, token) : null;
  if (!parsed.success || !integration || integration.source !== parsed.data) throw new NotFoundError("integration");
  return integration;
}

export async function receiveInboundAlerts(
  db: DbOrTx,
  input: { integration: Integration; body: unknown; ip?: string | null },
  now = new Date(),
): Promise<{ integrationId: string; results: InboundResult[] }> {
  const { integration } = input;
  const alerts = parseInboundPayload(IntegrationSource.parse(integration.source), input.body);
  if (!integration.enabled) {
    return { integrationId: integration.id, results: alerts.map((a) => ({ fingerprint: a.fingerprint, outcome: "disabled", incidentId: null })) };
  }
  const config: MappingConfig & { templateId: string | null } = {
    rules: parseStoredRules(integration.rules),
    defaultComponentId: integration.defaultComponentId,
    defaultStatus: AlertStatus.catch("partial_outage").parse(integration.defaultStatus),
    templateId: integration.templateId,
  };
  const actor = integrationActor(integration, input.ip ?? null);
  const results: InboundResult[] = [];
  try {
    for (const alert of alerts) results.push(await withRetry(() => inTransaction(db, (tx) => receiveOne(tx, integration, config, actor, alert, now))));
  } finally {
    // What the alerts queued goes out now, not at the dispatcher's next poll.
    wakeDispatcher();
  }
  return { integrationId: integration.id, results };
}

/** Takes the component's row lock (an update; SQLite serialises writers anyway). */
async function lockComponent(tx: Tx, componentId: string, now: Date): Promise<void> {
  await tx.component.updateMany({ where: { id: componentId }, data: { updatedAt: now } });
}

/** Prisma's code for a write conflict or deadlock (PostgreSQL 40001/40P01). */
const WRITE_CONFLICT = "P2034";

/**
 * A unique violation means another delivery claimed the same row first, a write conflict that
 * two collided: run again (in a new transaction) and see what the other did.
 */
async function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (error) {
      const conflict = (error as { code?: unknown } | null)?.code === WRITE_CONFLICT;
      if (i >= attempts || !(isUniqueViolation(error) || conflict)) throw error;
    }
  }
}

async function receiveOne(
  tx: Tx,
  integration: Integration,
  config: MappingConfig & { templateId: string | null },
  actor: Actor,
  alert: InboundAlertInput,
  now: Date,
): Promise<InboundResult> {
  const key = { integrationId_fingerprint: { integrationId: integration.id, fingerprint: alert.fingerprint } };
  const existing = await tx.inboundAlert.findUnique({ where: key });
  const summary = cut(alert.title, SUMMARY_MAX);
  const seen = { lastSeenAt: now, summary, receivedCount: { increment: 1 } };
  const done = async (outcome: InboundOutcome, incidentId: string | null, data: { status: string; componentId?: string | null; resolvedAt?: Date | null }) => {
    await tx.inboundAlert.upsert({
      where: key,
      create: { integrationId: integration.id, fingerprint: alert.fingerprint, outcome, incidentId, summary, lastSeenAt: now, ...data },
      update: { ...seen, outcome, incidentId, ...data },
    });
    if (outcome !== "duplicate" && outcome !== "ignored") {
      await recordAudit(tx, actor, {
        action: `inbound_alert.${outcome}`,
        targetType: incidentId ? "incident" : "integration",
        targetId: incidentId ?? integration.id,
        after: { integrationId: integration.id, fingerprint: alert.fingerprint, status: alert.status, title: summary, componentId: data.componentId ?? null },
      });
    }
    return { fingerprint: alert.fingerprint, outcome, incidentId };
  };

  if (alert.status === "firing") {
    const duplicate = async (row: typeof existing) => {
      if (row?.status !== "firing" || !row.incidentId) return null;
      await tx.inboundAlert.update({ where: key, data: { ...seen, outcome: "duplicate" } });
      return { fingerprint: alert.fingerprint, outcome: "duplicate" as const, incidentId: row.incidentId };
    };
    const seenBefore = await duplicate(existing);
    if (seenBefore) return seenBefore;
    const slugs = alert.component ? await tx.component.findMany({ where: { slug: alert.component }, select: { id: true } }) : [];
    const target = mapAlert(alert, config, () => slugs[0]?.id ?? null);
    const component = target && (await tx.component.findUnique({ where: { id: target.componentId }, select: { id: true } }));
    if (!target || !component) return done("unmapped", null, { status: "firing", componentId: null, resolvedAt: null });
    // The component's row first, as the probes take it (probes/state/observed-status.ts): alerts
    // for one component run one at a time, so the same alert sent twice at once is seen as a duplicate.
    await lockComponent(tx, target.componentId, now);
    const seenMeanwhile = await duplicate(await tx.inboundAlert.findUnique({ where: key }));
    if (seenMeanwhile) return seenMeanwhile;
    const held = await holdIncident(tx, integration.id, config.templateId, target, alert, now);
    return done(held.outcome, held.incidentId, { status: "firing", componentId: target.componentId, resolvedAt: null });
  }

  // Resolved.
  if (existing?.status !== "firing") {
    if (existing) await tx.inboundAlert.update({ where: key, data: { ...seen, outcome: "ignored" } });
    else
      await tx.inboundAlert.create({
        data: {
          integrationId: integration.id,
          fingerprint: alert.fingerprint,
          status: "resolved",
          outcome: "ignored",
          summary,
          lastSeenAt: now,
          resolvedAt: now,
        },
      });
    return { fingerprint: alert.fingerprint, outcome: "ignored", incidentId: existing?.incidentId ?? null };
  }
  // Compare-and-swap: of two identical resolves at once, one goes on.
  const claimed = await tx.inboundAlert.updateMany({ where: { id: existing.id, status: "firing" }, data: { status: "resolved", resolvedAt: now } });
  if (claimed.count !== 1 || !existing.incidentId) return done("ignored", existing.incidentId, { status: "resolved", resolvedAt: now });
  // Lock the component before counting, so an alert joining the incident meanwhile is either counted or waits for this resolve.
  if (existing.componentId) await lockComponent(tx, existing.componentId, now);
  const stillFiring = await tx.inboundAlert.count({ where: { incidentId: existing.incidentId, status: "firing", id: { not: existing.id } } });
  if (stillFiring > 0) return done("released", existing.incidentId, { status: "resolved", resolvedAt: now });
  const outcome = await releaseIncident(tx, integration.id, config.templateId !== null, existing.incidentId, alert, now);
  return done(outcome, existing.incidentId, { status: "resolved", resolvedAt: now });
}

function alertBody(alert: InboundAlertInput): string {
  const message = alert.message.trim();
  return cut(message ? `${alert.title}\n\n${message}` : alert.title, 5000);
}

interface ManualLayer {
  manualStatus: string | null;
  manualSetAt: Date | null;
}

/** Puts the status-by-hand layer back as it was and re-derives the status (the probes keep deciding). */
async function restoreManualLayer(tx: Tx, componentId: string, layer: ManualLayer, incidentId: string, now: Date) {
  await tx.component.update({ where: { id: componentId }, data: { manualStatus: layer.manualStatus, manualSetAt: layer.manualSetAt } });
  await recomputeComponentStatus(tx, componentId, { source: "incident", at: now, note: `incident ${incidentId}` });
}

async function holdIncident(
  tx: Tx,
  integrationId: string,
  templateId: string | null,
  target: AlertTarget,
  alert: InboundAlertInput,
  now: Date,
): Promise<{ outcome: "opened" | "updated"; incidentId: string }> {
  let hold = await tx.inboundIncident.findFirst({ where: { integrationId, componentId: target.componentId, openSlot: OPEN } });
  const c = await tx.component.findUniqueOrThrow({
    where: { id: target.componentId },
    select: { name: true, manualStatus: true, manualSetAt: true, observedStatus: true },
  });
  const current = ComponentStatus.catch("operational").parse(c.manualStatus ?? c.observedStatus ?? "operational");
  const under = statusUnderAlert(current, target.status);
  const components = [{ componentId: target.componentId, status: under.status }];

  const incident =
    hold && (await tx.incident.findUnique({ where: { id: hold.incidentId }, select: { id: true, status: true, impact: true, resolvedAt: true } }));
  if (hold && (!incident || incident.resolvedAt !== null)) {
    // Staff resolved (or deleted) it meanwhile: that outage is over; this alert starts a new one.
    await tx.inboundIncident.update({ where: { id: hold.id }, data: { openSlot: null, closedAt: now } });
    hold = null;
  }

  let incidentId: string;
  let outcome: "opened" | "updated";
  if (!hold || !incident) {
    const template = templateId ? await tx.incidentTemplate.findUnique({ where: { id: templateId } }) : null;
    const templateStatus = template ? IncidentStatus.safeParse(template.status) : null;
    const created = await createIncident(
      tx,
      {
        name: cut(template?.title ?? alert.title, 200),
        // A template written for "resolved" (or a maintenance's) cannot open an incident: investigating then.
        status: templateStatus?.success && templateStatus.data !== "resolved" ? templateStatus.data : "investigating",
        impact: impactForStatus(under.status),
        body: template?.body ?? alertBody(alert),
        components,
      },
      now,
    );
    incidentId = created.id;
    outcome = "opened";
    // The open slot is unique: a second delivery racing this one fails here and retries into "updated".
    hold = await tx.inboundIncident.create({
      data: { integrationId, componentId: target.componentId, incidentId, manualBefore: c.manualStatus, manualBeforeAt: c.manualSetAt },
    });
  } else {
    incidentId = incident.id;
    outcome = "updated";
    const impact = impactForStatus(under.status);
    const before = Impact.catch("none").parse(incident.impact);
    // Compare-and-swap on the impact, as auto-incident.ts raises it.
    const raised =
      isHigherImpact(impact, before) && (await tx.incident.updateMany({ where: { id: incident.id, impact: before }, data: { impact } })).count === 1;
    await addIncidentUpdate(
      tx,
      {
        incidentId,
        status: IncidentStatus.catch("investigating").parse(incident.status),
        body: alertBody(alert),
        components,
        // Subscribers hear of an alert joining only when it makes things worse.
        notifySubscribers: under.worsens || raised,
      },
      now,
    );
  }

  if (under.worsens) {
    const after = await tx.component.findUniqueOrThrow({ where: { id: target.componentId }, select: { manualSetAt: true } });
    // Staff set (or cleared) the status by hand since the alerts last did: that is what resolving gives back now.
    const staffChanged = outcome === "updated" && (c.manualSetAt?.getTime() ?? null) !== (hold.manualSetAt?.getTime() ?? null);
    await tx.inboundIncident.update({
      where: { id: hold.id },
      data: { manualSetAt: after.manualSetAt, ...(staffChanged ? { manualBefore: c.manualStatus, manualBeforeAt: c.manualSetAt } : {}) },
    });
  } else {
    // The update listed the component at what it shows; the layers stay as they were.
    await restoreManualLayer(tx, target.componentId, c, incidentId, now);
  }
  return { outcome, incidentId };
}

async function releaseIncident(
  tx: Tx,
  integrationId: string,
  fromTemplate: boolean,
  incidentId: string,
  alert: InboundAlertInput,
  now: Date,
): Promise<"resolved" | "released"> {
  const holds = await tx.inboundIncident.findMany({ where: { integrationId, incidentId, openSlot: OPEN } });
  const close = () => tx.inboundIncident.updateMany({ where: { id: { in: holds.map((h) => h.id) } }, data: { openSlot: null, closedAt: now } });
  const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { resolvedAt: true } });
  if (!incident || incident.resolvedAt !== null) {
    await close();
    return "released";
  }
  await addIncidentUpdate(
    tx,
    {
      incidentId,
      status: "resolved",
      // A template's words were chosen for the public; the alert's title may not have been.
      body: fromTemplate ? "This incident has been resolved." : cut(`Resolved: ${alert.title}`, 5000),
    },
    now,
  );
  for (const hold of holds) {
    if (!hold.manualSetAt) continue;
    const c = await tx.component.findUnique({ where: { id: hold.componentId }, select: { manualSetAt: true } });
    // Staff changed the status by hand since the alerts did: theirs stays.
    if (!c || c.manualSetAt?.getTime() !== hold.manualSetAt.getTime()) continue;
    await restoreManualLayer(tx, hold.componentId, { manualStatus: hold.manualBefore, manualSetAt: hold.manualBeforeAt }, incidentId, now);
  }
  await close();
  return "resolved";
}
