import { recomputeComponentStatus } from "../../components/set-component-status";
import type { Tx } from "../../db";
import { ComponentStatus } from "../../status/schemas";
import { syncAutoIncident } from "../../incidents/auto-incident";
import { combineRegions, heading, observedStatus, type ProbeHealth, type ProbeStatus } from "./decide";
import { toEvidenceCheck, type Evidence, type EvidenceProbe } from "./evidence";
import { staleAfterMs, votingRegions, type RegionState } from "./observe";
import { settleObserved, voteWaitMs } from "./settle";
import { decodeStateRow } from "./state-codec";
import { parseStoredSchedule, parseStoredThresholds } from "../stored";

// A component's observed (probe) layer, re-derived from every enabled probe's
// per-region states, then the component's status from its layers
// (lib/components/set-component-status.ts), with the evidence of why: the recent
// checks of every region of the probe concerned.
//
// With waitForRegions (probe results, the reconcile job), a move waits for the regions
// still confirming a change, within a bound (settle.ts), so one outage seen by every
// region is one step, not operational → partial → major.
//
// Callers lock the component row first (lockComponent) and hold it until commit:
// two results of different probes or regions of one component then cannot each
// read the other's old state and write a stale combination (write skew).

/** Takes the component's row lock for the rest of the transaction; false when it no longer exists. */
export async function lockComponent(tx: Tx, componentId: string): Promise<boolean> {
  const locked = await tx.component.updateMany({ where: { id: componentId }, data: { updatedAt: new Date() } });
  return locked.count === 1;
}

export interface RecomputeInput {
  /** The time of the change (the confirming check's end) and the reference for staleness. */
  at: Date;
  /** The probe and region whose result triggered this, for the evidence's checks. */
  trigger?: { probeId: string; region: string };
  /** Why, when not a check (e.g. "probe disabled by ana@example.com"). */
  reason?: string;
  /** Let a move wait for the regions still confirming a change (settle.ts); staff changes apply at once. */
  waitForRegions?: boolean;
}

export interface ObservedChange {
  previous: ComponentStatus | null;
  observed: ComponentStatus | null;
  statusChanged: boolean;
  /** A move is waiting for other regions: look again at this time (the worker does; so does the reconcile job). */
  heldUntil: Date | null;
}

const EVIDENCE_CHECKS = 5;
/** Without a triggering probe, the checks of at most this many failing probes are kept as evidence. */
const EVIDENCE_PROBES = 3;

interface Region extends RegionState {
  /** What it will confirm if its streak goes on (decide.ts `heading`). */
  heading: ProbeHealth | null;
  changedAt: Date | null;
}

const latest = (dates: ReadonlyArray<Date | null>) =>
  dates.reduce<Date | null>((max, d) => (d !== null && (max === null || d.getTime() > max.getTime()) ? d : max), null);

async function probeSummaries(tx: Tx, componentId: string, at: Date) {
  const probes = await tx.probe.findMany({
    where: { componentId, enabled: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, schedule: true, thresholds: true, states: { select: { region: true, state: true, healthChanges: true } } },
  });
  return probes.map((p) => {
    const schedule = parseStoredSchedule(p.schedule);
    const thresholds = parseStoredThresholds(p.thresholds);
    const staleMs = schedule ? staleAfterMs({ id: p.id, schedule }, at) : Infinity;
    const regions: Region[] = p.states
      .map((row) => {
        const decoded = decodeStateRow(row);
        return { ...decoded, heading: heading(decoded.state, thresholds), changedAt: decoded.changes.at(-1)?.at ?? null };
      })
      .sort((a, b) => a.region.localeCompare(b.region));
    const voting = votingRegions(regions, at, staleMs);
    const status: ProbeStatus | null = combineRegions(voting.map((r) => r.confirmed));
    const summary: EvidenceProbe = {
      name: p.name,
      status,
      regions: Object.fromEntries(regions.map((r) => [r.region, r.confirmed])),
      stale: regions.filter((r) => !voting.includes(r)).map((r) => r.region),
    };
    return {
      id: p.id,
      name: p.name,
      status,
      /** The status once every voting region still confirming a change has confirmed it. */
      projected: combineRegions(voting.map((r) => r.heading)),
      lastChangeAt: latest(voting.map((r) => r.changedAt)),
      jitterSeconds: schedule?.jitterSeconds ?? 0,
      regionNames: regions.map((r) => r.region),
      summary,
    };
  });
}

type ProbeSummary = Awaited<ReturnType<typeof probeSummaries>>[number];

/** The recent checks of every region of the triggering probe (or of the failing ones), newest first. */
async function evidenceChecks(tx: Tx, probes: readonly ProbeSummary[], trigger: RecomputeInput["trigger"]): Promise<Evidence["checks"]> {
  const shown = trigger
    ? probes.filter((p) => p.id === trigger.probeId)
    : probes.filter((p) => p.status !== null && p.status !== "up").slice(0, EVIDENCE_PROBES);
  const checks: Evidence["checks"] = [];
  for (const p of shown) {
    // The triggering region may have no state row left (a retargeted probe): it still has its checks.
    const regions = trigger && !p.regionNames.includes(trigger.region) ? [...p.regionNames, trigger.region] : p.regionNames;
    for (const region of regions) {
      const rows = await tx.probeResult.findMany({ where: { probeId: p.id, region }, orderBy: { startedAt: "desc" }, take: EVIDENCE_CHECKS });
      checks.push(...rows.map((r) => toEvidenceCheck(p.name, r)));
    }
  }
  return checks.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

function noteFor(observed: ComponentStatus | null, probes: { name: string; summary: EvidenceProbe }[]): string {
  if (observed === null) return "probes: no data";
  const notUp = probes.filter((p) => p.summary.status !== null && p.summary.status !== "up");
  if (notUp.length === 0) return "probes: all checks passing";
  return `probes: ${notUp
    .map((p) => {
      const regions = Object.entries(p.summary.regions).filter(([r, h]) => h !== "up" && !p.summary.stale.includes(r));
      const where = Object.keys(p.summary.regions).length > 1 && regions.length > 0 ? ` in ${regions.map(([r]) => r).join(", ")}` : "";
      return `${p.name} ${p.summary.status}${where}`;
    })
    .join("; ")}`;
}

/**
 * Re-derives the component's observed status from its probes and then its status,
 * recording a status change with source "probe" and the evidence when it moves.
 * Opens or resolves the automatic incident when the observed status crosses an outage.
 * Returns null when the component no longer exists.
 */
export async function recomputeObservedStatus(tx: Tx, componentId: string, input: RecomputeInput): Promise<ObservedChange | null> {
  const component = await tx.component.findUnique({ where: { id: componentId }, select: { observedStatus: true } });
  if (!component) return null;
  const probes = await probeSummaries(tx, componentId, input.at);
  const current = observedStatus(probes.map((p) => p.status));
  const previous = component.observedStatus === null ? null : ComponentStatus.parse(component.observedStatus);
  const { observed, heldUntil } = input.waitForRegions
    ? settleObserved({
        previous,
        current,
        projected: observedStatus(probes.map((p) => p.projected)),
        lastChangeAt: latest(probes.map((p) => p.lastChangeAt)),
        at: input.at,
        waitMs: voteWaitMs(probes.map((p) => p.jitterSeconds)),
      })
    : { observed: current, heldUntil: null };
  // Waiting for the other regions: nothing is written, not even a transient step.
  if (heldUntil) return { previous, observed, statusChanged: false, heldUntil };
  if (observed !== previous) await tx.component.update({ where: { id: componentId }, data: { observedStatus: observed } });

  // The checks are read only when the probes move the status (most recomputes, e.g. a broken streak, change nothing).
  const checks = observed !== previous ? await evidenceChecks(tx, probes, input.trigger) : [];
  const evidence: Evidence = { ...(input.reason ? { reason: input.reason } : {}), checks, probes: probes.map((p) => p.summary) };
  const statusChanged = await recomputeComponentStatus(tx, componentId, {
    source: "probe",
    at: input.at,
    note: input.reason ? `${noteFor(observed, probes)} (${input.reason})` : noteFor(observed, probes),
    evidence,
  });
  if (observed !== previous) await syncAutoIncident(tx, componentId, { previous, observed, at: input.at });
  return { previous, observed, statusChanged, heldUntil: null };
}

/** What the probes say now, without writing: for the reconcile job's cheap first look. */
export async function computeObservedStatus(tx: Tx, componentId: string, at: Date): Promise<ComponentStatus | null> {
  return observedStatus((await probeSummaries(tx, componentId, at)).map((p) => p.status));
}
