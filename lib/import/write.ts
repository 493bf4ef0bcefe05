import { inTransaction, type DbOrTx, type Tx } from "../db";
import { recomputeComponentStatus, setManualStatus } from "../components/set-component-status";
import { uniqueSlug } from "../components/staff-verbs";
import { encodeAffectedComponents } from "../incidents/affected-components";
import { recomputeIncidentState } from "../incidents/add-incident-update";
import { bumpRevision } from "../page/revision";
import { requestEmailOptIn, saveConfirmedEmail } from "../subscribers/subscribe";
import { isValidTimeZone, startOfZonedDay } from "../time/zoned";
import { ServiceError } from "../errors";
import { log } from "../log";
import { ImportSourceError } from "./errors";
import type { ComponentInput, RecordKind, SubscriberInput } from "./map";
import { type ImportedRef, type Plan, type Planned, type PlannedIncident, refKey } from "./plan";

// Carries out a plan (plan.ts). The page's structure (groups, components) is one
// transaction, each incident or maintenance with all its updates another, each subscriber
// another: a record that fails is rolled back whole, reported, and the rest go on. Every
// row written is recorded in ImportedRecord under the source's id, so the next run knows it.
// Imported updates never notify anyone: they are history.

export async function loadImportedRefs(db: DbOrTx, source: string): Promise<Map<string, ImportedRef>> {
  const rows = await db.importedRecord.findMany({ where: { source }, select: { kind: true, externalId: true, localId: true, digest: true } });
  return new Map(rows.map((r) => [refKey(r.kind as RecordKind, r.externalId), { localId: r.localId, digest: r.digest }]));
}

async function saveRef(tx: Tx, source: string, kind: RecordKind, externalId: string, localId: string, digest: string): Promise<void> {
  await tx.importedRecord.upsert({
    where: { source_kind_externalId: { source, kind, externalId } },
    create: { source, kind, externalId, localId, digest },
    update: { localId, digest },
  });
}

export interface ApplyOptions {
  now: Date;
  /** Called after each record with how many are done. */
  onProgress?: (done: number) => Promise<void> | void;
}

/** The component's status as the source shows it: set by hand here, except Under Maintenance, which a maintenance may explain (settled later). */
function manualFor(status: ComponentInput["status"]) {
  return status === "operational" || status === "under_maintenance" ? null : status;
}

async function writeStructure(tx: Tx, plan: Plan, now: Date): Promise<{ groups: Map<string, string>; components: Map<string, string> }> {
  const page = await tx.pageSetting.findUnique({ where: { id: 1 } });
  if (!page) throw new ImportSourceError("This installation has no page yet: start Vigil once (it creates the page), then import.");
  const sourceZone = plan.page.input.timeZone && isValidTimeZone(plan.page.input.timeZone) ? plan.page.input.timeZone : null;
  if (plan.page.action === "create") {
    await tx.pageSetting.update({ where: { id: 1 }, data: { name: plan.page.input.name, ...(sourceZone ? { timeZone: sourceZone } : {}) } });
    await saveRef(tx, plan.source, "page", plan.page.input.externalId, "1", plan.page.digest);
  }
  // Start days are days in the source's zone.
  const timeZone = sourceZone ?? page.timeZone;

  const groups = new Map<string, string>();
  for (const g of plan.groups) {
    const data = { name: g.input.name, description: g.input.description, position: g.input.position };
    // A row staff deleted since the last run is made again.
    const kept = g.localId && (await tx.componentGroup.count({ where: { id: g.localId } })) > 0 ? g.localId : null;
    if (kept && g.action === "update") await tx.componentGroup.update({ where: { id: kept }, data });
    const id = kept ?? (await tx.componentGroup.create({ data })).id;
    groups.set(g.input.externalId, id);
    if (g.action !== "unchanged" || !kept) await saveRef(tx, plan.source, "group", g.input.externalId, id, g.digest);
  }

  const components = new Map<string, string>();
  for (const c of plan.components) {
    const input = c.input;
    const groupId = input.groupExternalId ? (groups.get(input.groupExternalId) ?? null) : null;
    const data = { name: input.name, description: input.description, position: input.position, groupId, showUptime: input.showUptime };
    let id = c.localId;
    const exists = id ? (await tx.component.count({ where: { id } })) > 0 : false;
    if (c.action === "unchanged" && exists) {
      components.set(input.externalId, id!);
      continue;
    }
    if (id && exists) {
      await tx.component.update({ where: { id }, data });
    } else {
      const slug = await uniqueSlug(tx, input.name);
      const startDate = input.startDay ? startOfZonedDay(input.startDay, timeZone) : (input.createdAt ?? now);
      id = (await tx.component.create({ data: { ...data, slug, startDate, ...(input.createdAt ? { createdAt: input.createdAt } : {}) } })).id;
    }
    await setManualStatus(tx, id, manualFor(input.status), { source: "import", at: now, note: `imported from ${plan.source}` });
    components.set(input.externalId, id);
    await saveRef(tx, plan.source, "component", input.externalId, id, c.digest);
  }
  // Only a change moves the page's revision (a second run changes nothing, not even that).
  if (plan.page.action === "create" || [...plan.groups, ...plan.components].some((r) => r.action !== "unchanged")) await bumpRevision(tx);
  return { groups, components };
}

async function writeIncident(tx: Tx, plan: Plan, p: PlannedIncident, components: ReadonlyMap<string, string>): Promise<void> {
  const input = p.input;
  const exists = p.localId ? (await tx.incident.count({ where: { id: p.localId } })) > 0 : false;
  const needsWrite = p.action !== "unchanged" || !exists || p.updates.some((u) => u.action !== "unchanged");
  if (!needsWrite) return;
  const data = {
    name: input.name,
    impact: input.impact,
    startedAt: input.startedAt,
    scheduledFor: input.scheduledFor,
    scheduledUntil: input.scheduledUntil,
    postmortem: input.postmortem,
    backfilled: input.backfilled,
  };
  let id = p.localId;
  const created = !id || !exists;
  if (created) {
    id = (await tx.incident.create({ data: { ...data, kind: input.kind, status: input.updates[0]!.status, createdAt: input.createdAt } })).id;
  } else if (p.action === "update") {
    await tx.incident.update({ where: { id: id! }, data });
  }
  const incidentId = id!;
  for (const c of input.components) {
    const componentId = components.get(c.externalId);
    if (!componentId) continue; // a component the source no longer lists
    await tx.incidentComponent.upsert({
      where: { incidentId_componentId: { incidentId, componentId } },
      create: { incidentId, componentId, status: c.status },
      update: { status: c.status },
    });
  }
  for (const u of p.updates) {
    const updateExists = !created && u.localId ? (await tx.incidentUpdate.count({ where: { id: u.localId, incidentId } })) > 0 : false;
    if (u.action === "unchanged" && updateExists) continue;
    const affected = u.input.affected
      ?.map((a) => ({ code: components.get(a.componentExternalId), name: a.name, old_status: a.old_status, new_status: a.new_status }))
      .filter((a): a is typeof a & { code: string } => a.code !== undefined);
    const fields = {
      status: u.input.status,
      body: u.input.body,
      displayAt: u.input.displayAt,
      affectedComponents: affected?.length ? encodeAffectedComponents(affected) : null,
    };
    let updateId = u.localId;
    if (updateExists) await tx.incidentUpdate.update({ where: { id: updateId! }, data: fields });
    else updateId = (await tx.incidentUpdate.create({ data: { ...fields, incidentId, createdAt: u.input.createdAt, notifySubscribers: false } })).id;
    await saveRef(tx, plan.source, "update", u.input.externalId, updateId!, u.digest);
  }
  // Status, monitoring and resolved times follow from the updates, as for any incident.
  await recomputeIncidentState(tx, incidentId, !created);
  await saveRef(tx, plan.source, input.kind, input.externalId, incidentId, p.digest);
}

async function writeSubscriber(tx: Tx, plan: Plan, s: Planned<SubscriberInput>, components: ReadonlyMap<string, string>, now: Date): Promise<void> {
  const input = s.input;
  const componentIds = input.componentExternalIds.map((c) => components.get(c)).filter((c): c is string => c !== undefined);
  const existing = await tx.subscriber.findUnique({ where: { channel_target: { channel: "email", target: input.email } } });
  let id: string;
  if (input.confirmed && !existing?.confirmedAt) {
    // The source's owner confirmed this address: no second opt-in.
    id = (await saveConfirmedEmail(tx, { target: input.email, componentIds, confirmedAt: input.createdAt ?? now, source: "import" })).subscriberId;
  } else if (!existing) {
    // Not confirmed at the source: Vigil's own double opt-in, as for an address staff add.
    id = (await requestEmailOptIn(tx, { target: input.email, componentIds, createdIp: null, source: "import" }, now)).subscriberId;
  } else {
    id = existing.id; // already here (signed up on Vigil, or imported before): left as it is
  }
  await saveRef(tx, plan.source, "subscriber", input.externalId, id, s.digest);
}

function failure(error: unknown, kind: RecordKind, id: string): string {
  if (error instanceof ServiceError) return error.message;
  // The cause is for the operator's log: database text never reaches the console.
  log.warn({ err: error, kind, id }, "an imported record could not be written");
  return "could not be written (the server log has why); nothing of it was saved";
}

/**
 * Writes the plan and returns it as carried out: a record whose transaction failed is
 * moved to `skipped` with the reason. A failure of the structure transaction stops the
 * import (the incidents would have no components).
 */
export async function applyPlan(db: DbOrTx, plan: Plan, options: ApplyOptions): Promise<Plan> {
  const { now } = options;
  let done = 0;
  const progress = async (n = 1) => {
    done += n;
    await options.onProgress?.(done);
  };
  const { components } = await inTransaction(db, (tx) => writeStructure(tx, plan, now));
  await progress(1 + plan.groups.length + plan.components.length);

  const skipped = [...plan.skipped];
  const incidents: PlannedIncident[] = [];
  for (const p of plan.incidents) {
    try {
      await inTransaction(db, (tx) => writeIncident(tx, plan, p, components));
      incidents.push(p);
    } catch (error) {
      skipped.push({ kind: p.input.kind, id: p.input.externalId, reason: failure(error, p.input.kind, p.input.externalId) });
    }
    await progress();
  }

  // Under Maintenance with no maintenance in progress to explain it was set by hand at the source.
  await inTransaction(db, async (tx) => {
    for (const c of plan.components) {
      if (c.action === "unchanged" || c.input.status !== "under_maintenance") continue;
      const id = components.get(c.input.externalId)!;
      await recomputeComponentStatus(tx, id, { source: "import", at: now });
      const { status } = await tx.component.findUniqueOrThrow({ where: { id }, select: { status: true } });
      if (status !== "under_maintenance") await setManualStatus(tx, id, "under_maintenance", { source: "import", at: now });
    }
  });

  const subscribers: Planned<SubscriberInput>[] = [];
  for (const s of plan.subscribers) {
    if (s.action === "unchanged") {
      subscribers.push(s);
      await progress();
      continue;
    }
    try {
      await inTransaction(db, (tx) => writeSubscriber(tx, plan, s, components, now));
      subscribers.push(s);
    } catch (error) {
      skipped.push({ kind: "subscriber", id: s.input.externalId, reason: failure(error, "subscriber", s.input.externalId) });
    }
    await progress();
  }
  return { ...plan, incidents, subscribers, skipped };
}
