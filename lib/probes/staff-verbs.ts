import { loadInstallationSettings } from "../settings/queries";
import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, type DbOrTx, type Tx } from "../db";
import { env } from "../env";
import { InvalidInputError, NotFoundError } from "../errors";
import { CheckConfig, type Schedule } from "./checks/config";
import { tokenPrefix } from "./heartbeat/token";
import { lockComponent, recomputeObservedStatus } from "./state/observed-status";
import type { ProbeResult } from "./result";
import { runCheck } from "./checks/run";
import { icmpAvailability } from "./checks/run-icmp";
import { CreateProbeInput, MAX_PROBES_PER_COMPONENT, SetAutoIncidentInput, SetProbeEnabledInput, UpdateProbeInput } from "./schemas";
import { openCheckConfig, sealCheckConfig } from "./sealed-config";
import { describeTarget, keepSavedSecrets, redactedCheck } from "./stored";
import { issueHeartbeatToken, rescheduleHeartbeat, storedTiming } from "./heartbeat/store";
import type { HeartbeatTiming } from "./heartbeat/due";

// Staff changes to probes: authorised (probes:write), validated with ./schemas.ts
// (check configs from checks/config.ts), audited, in one transaction. Removing, disabling or retargeting a probe
// re-derives the component's observed status at once, so a deleted failing probe
// cannot keep a component down. The worker picks changes up on its next reload.
// A heartbeat probe gets its ProbeHeartbeat row (token, next due time) in the same
// transaction; the verbs that make a token return it, the only time it is seen.

/** Header values often carry credentials: the audit log keeps only their names. */
const auditable = redactedCheck;

/** A saved config, or null when unreadable (so the edit that fixes it is not refused). */
function savedCheck(config: string): CheckConfig | null {
  try {
    return CheckConfig.parse(openCheckConfig(config));
  } catch {
    return null;
  }
}

function stored(input: { check: CheckConfig; schedule: unknown; thresholds: unknown }) {
  return {
    kind: input.check.kind,
    config: sealCheckConfig(input.check),
    schedule: JSON.stringify(input.schedule),
    thresholds: JSON.stringify(input.thresholds),
  };
}

async function lockedProbe(tx: Tx, probeId: string) {
  const probe = await tx.probe.findUnique({ where: { id: probeId } });
  if (!probe) throw new NotFoundError("probe");
  // Lock order everywhere: component, then probe state (see state/record-results.ts).
  await lockComponent(tx, probe.componentId);
  return probe;
}

function heartbeatTiming(probeId: string, input: { check: CheckConfig; schedule: Schedule }): HeartbeatTiming | null {
  return input.check.kind === "heartbeat" ? { id: probeId, schedule: input.schedule, graceSeconds: input.check.graceSeconds } : null;
}

/** The probe's heartbeat row after a save: a token when it became a heartbeat, rescheduled when it was one, gone when not. */
async function syncHeartbeat(tx: Tx, probeId: string, input: { check: CheckConfig; schedule: Schedule }, now: Date): Promise<string | undefined> {
  const timing = heartbeatTiming(probeId, input);
  if (!timing) {
    await tx.probeHeartbeat.deleteMany({ where: { probeId } });
    return undefined;
  }
  if (await tx.probeHeartbeat.findUnique({ where: { probeId }, select: { probeId: true } })) {
    await rescheduleHeartbeat(tx, timing, now);
    return undefined;
  }
  return issueHeartbeatToken(tx, timing, now);
}

/** A kind this server cannot run is refused on save (the form lists it as unavailable, with the reason). */
async function assertRunnable(check: CheckConfig): Promise<void> {
  if (check.kind !== "icmp") return;
  const icmp = await icmpAvailability();
  if (!icmp.available)
    throw new InvalidInputError(`ICMP ping is unavailable on this server: ${icmp.reason}.`, { "check.kind": `Unavailable here: ${icmp.reason}` });
}

export async function createProbe(db: DbOrTx, staff: StaffContext, raw: CreateProbeInput, now = new Date()) {
  assertCan(staff, "probes:write");
  const input = CreateProbeInput.parse(raw);
  await assertRunnable(input.check);
  return inTransaction(db, async (tx) => {
    if (!(await tx.component.findUnique({ where: { id: input.componentId }, select: { id: true } }))) throw new NotFoundError("component");
    if ((await tx.probe.count({ where: { componentId: input.componentId } })) >= MAX_PROBES_PER_COMPONENT) {
      throw new InvalidInputError(`A component can have at most ${MAX_PROBES_PER_COMPONENT} probes.`);
    }
    const name = input.name ?? describeTarget(input.check);
    const probe = await tx.probe.create({ data: { componentId: input.componentId, name, enabled: input.enabled, ...stored(input) } });
    const heartbeatToken = await syncHeartbeat(tx, probe.id, input, now);
    await recordAudit(tx, staff.actor, {
      action: "probe.create",
      targetType: "probe",
      targetId: probe.id,
      after: {
        componentId: input.componentId,
        name,
        check: auditable(input.check),
        schedule: input.schedule,
        thresholds: input.thresholds,
        enabled: input.enabled,
      },
    });
    return { ...probe, ...(heartbeatToken ? { heartbeatToken } : {}) };
  });
}

export async function updateProbe(db: DbOrTx, staff: StaffContext, raw: UpdateProbeInput, now = new Date()) {
  assertCan(staff, "probes:write");
  // Secrets are never shown back, so an edit that leaves them empty keeps the saved ones.
  const saved = await db.probe.findUnique({ where: { id: typeof raw.probeId === "string" ? raw.probeId : "" }, select: { config: true } });
  const { probeId, ...input } = UpdateProbeInput.parse({ ...raw, check: keepSavedSecrets(saved ? savedCheck(saved.config) : null, raw.check) });
  await assertRunnable(input.check);
  return inTransaction(db, async (tx) => {
    const before = await lockedProbe(tx, probeId);
    const data = { name: input.name ?? describeTarget(input.check), enabled: input.enabled, ...stored(input) };
    const previous = savedCheck(before.config);
    // Compared in plain text: the stored JSON differs on every save (a fresh IV per secret).
    const retargeted = previous === null || JSON.stringify(previous) !== JSON.stringify(input.check);
    // The old states describe another target: start over rather than carry its verdict.
    if (retargeted) await tx.probeState.deleteMany({ where: { probeId } });
    const after = await tx.probe.update({ where: { id: probeId }, data });
    const heartbeatToken = await syncHeartbeat(tx, probeId, input, now);
    if (retargeted || before.enabled !== after.enabled) {
      await recomputeObservedStatus(tx, before.componentId, { at: now, reason: `probe ${after.name} changed by ${staff.actor.email ?? "staff"}` });
    }
    await recordAudit(tx, staff.actor, {
      action: "probe.edit",
      targetType: "probe",
      targetId: probeId,
      before: {
        name: before.name,
        check: previous ? auditable(previous) : "(unreadable)",
        schedule: JSON.parse(before.schedule),
        thresholds: JSON.parse(before.thresholds),
        enabled: before.enabled,
      },
      after: { name: after.name, check: auditable(input.check), schedule: input.schedule, thresholds: input.thresholds, enabled: after.enabled },
    });
    return { ...after, ...(heartbeatToken ? { heartbeatToken } : {}) };
  });
}

export async function setProbeEnabled(db: DbOrTx, staff: StaffContext, raw: SetProbeEnabledInput, now = new Date()) {
  assertCan(staff, "probes:write");
  const input = SetProbeEnabledInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await lockedProbe(tx, input.probeId);
    const after = await tx.probe.update({ where: { id: input.probeId }, data: { enabled: input.enabled } });
    // A resumed heartbeat is given one period from now, not charged for the pause.
    const timing = input.enabled && !before.enabled ? storedTiming(before) : null;
    if (timing) await rescheduleHeartbeat(tx, timing, now);
    if (before.enabled !== input.enabled) {
      const verb = input.enabled ? "enabled" : "disabled";
      await recomputeObservedStatus(tx, before.componentId, { at: now, reason: `probe ${after.name} ${verb} by ${staff.actor.email ?? "staff"}` });
    }
    await recordAudit(tx, staff.actor, {
      action: input.enabled ? "probe.enable" : "probe.disable",
      targetType: "probe",
      targetId: input.probeId,
      before: { enabled: before.enabled },
      after: { enabled: input.enabled },
    });
    return after;
  });
}

/** Deletes a probe with its states and results; the component's status is re-derived without it. */
export async function deleteProbe(db: DbOrTx, staff: StaffContext, probeId: string, now = new Date()) {
  assertCan(staff, "probes:write");
  return inTransaction(db, async (tx) => {
    const before = await lockedProbe(tx, probeId);
    await tx.probe.delete({ where: { id: probeId } });
    await recomputeObservedStatus(tx, before.componentId, { at: now, reason: `probe ${before.name} deleted by ${staff.actor.email ?? "staff"}` });
    await recordAudit(tx, staff.actor, {
      action: "probe.delete",
      targetType: "probe",
      targetId: probeId,
      before: { componentId: before.componentId, name: before.name, kind: before.kind },
    });
  });
}

/** Whether a confirmed outage opens (and recovery resolves) an incident on its own. */
export async function setAutoIncident(db: DbOrTx, staff: StaffContext, raw: SetAutoIncidentInput) {
  assertCan(staff, "probes:write");
  const input = SetAutoIncidentInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.component.findUnique({ where: { id: input.componentId }, select: { autoIncident: true } });
    if (!before) throw new NotFoundError("component");
    // An incident already opened automatically is still resolved on recovery when this is turned off.
    await tx.component.update({ where: { id: input.componentId }, data: { autoIncident: input.enabled } });
    await recordAudit(tx, staff.actor, {
      action: "component.auto_incident",
      targetType: "component",
      targetId: input.componentId,
      before,
      after: { autoIncident: input.enabled },
    });
  });
}

/** A new URL token for a heartbeat probe; the old URL stops working at once. Returns the token (shown once). */
export async function rotateHeartbeatToken(db: DbOrTx, staff: StaffContext, probeId: string, now = new Date()): Promise<string> {
  assertCan(staff, "probes:write");
  return inTransaction(db, async (tx) => {
    const probe = await tx.probe.findUnique({ where: { id: probeId }, select: { id: true, config: true, schedule: true } });
    if (!probe) throw new NotFoundError("probe");
    const timing = storedTiming(probe);
    if (!timing) throw new InvalidInputError("Only a heartbeat probe has a URL token.");
    const token = await issueHeartbeatToken(tx, timing, now);
    await recordAudit(tx, staff.actor, { action: "probe.heartbeat_token", targetType: "probe", targetId: probeId, after: { tokenPrefix: tokenPrefix(token) } });
    return token;
  });
}

export interface TestProbeOptions {
  /** The saved probe whose edit form this is: its password, token or key fill the ones left empty. */
  savedProbeId?: string;
  /** Defaults to this process's PROBE_REGION. */
  region?: string;
  signal?: AbortSignal;
}

/**
 * Runs a check once and returns its result, saving nothing but the audit row (a test
 * makes the server connect where staff say, so who asked for it is kept).
 */
export async function testProbe(db: DbOrTx, staff: StaffContext, raw: unknown, options: TestProbeOptions = {}): Promise<ProbeResult> {
  assertCan(staff, "probes:write");
  // Testing a saved probe's edit form: the secrets left empty are the saved ones, as on save.
  const saved = options.savedProbeId ? await db.probe.findUnique({ where: { id: options.savedProbeId }, select: { config: true } }) : null;
  const check = CheckConfig.parse(saved ? keepSavedSecrets(savedCheck(saved.config), raw) : raw);
  if (check.kind === "heartbeat") {
    throw new InvalidInputError("A heartbeat is not checked by Vigil: save it, then ping its URL from your job.", { kind: "Nothing to test for a heartbeat." });
  }
  const region = options.region ?? env().PROBE_REGION;
  const { allowMetadataProbeTargets } = await loadInstallationSettings(db);
  const result = await runCheck(check, { region, allowMetadataTargets: allowMetadataProbeTargets, ...(options.signal ? { signal: options.signal } : {}) });
  await recordAudit(db, staff.actor, {
    action: "probe.test",
    targetType: "probe",
    after: { target: describeTarget(check), outcome: result.outcome, errorClass: result.errorClass },
  });
  return result;
}
