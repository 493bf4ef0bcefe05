import { recomputeComponentStatus } from "../../components/set-component-status";
import type { Tx } from "../../db";
import { ComponentStatus } from "../../status/schemas";
import { syncAutoIncident } from "../../incidents/auto-incident";
import { combineRegions, observedStatus, type ProbeStatus } from "./decide";
import { toEvidenceCheck, type Evidence, type EvidenceProbe } from "./evidence";
import { staleAfterMs, votingRegions, type RegionState } from "./observe";
import { decodeProbeState } from "./state-codec";
import { parseStoredSchedule } from "../stored";

// A component's observed (probe) layer, re-derived from every enabled probe's
// per-region states, then the component's status from its layers
// (lib/components/set-component-status.ts), with the evidence of why.
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
}

export interface ObservedChange {
  previous: ComponentStatus | null;
  observed: ComponentStatus | null;
  statusChanged: boolean;
}

const EVIDENCE_CHECKS = 5;

async function probeSummaries(tx: Tx, componentId: string, at: Date) {
  const probes = await tx.probe.findMany({
    where: { componentId, enabled: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, schedule: true, states: { select: { region: true, state: true } } },
  });
  return probes.map((p) => {
    const schedule = parseStoredSchedule(p.schedule);
    const staleMs = schedule ? staleAfterMs({ id: p.id, schedule }, at) : Infinity;
    const regions: RegionState[] = p.states
      .map((s) => {
        const state = decodeProbeState(s.state);
        return { region: s.region, confirmed: state.confirmed, lastStartedAt: state.lastStartedAt };
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
    return { id: p.id, name: p.name, status, summary };
  });
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
  const observed = observedStatus(probes.map((p) => p.status));
  const previous = component.observedStatus === null ? null : ComponentStatus.parse(component.observedStatus);
  if (observed !== previous) await tx.component.update({ where: { id: componentId }, data: { observedStatus: observed } });

  let checks: Evidence["checks"] = [];
  if (input.trigger) {
    const name = probes.find((p) => p.id === input.trigger!.probeId)?.name ?? "probe";
    const rows = await tx.probeResult.findMany({
      where: { probeId: input.trigger.probeId, region: input.trigger.region },
      orderBy: { startedAt: "desc" },
      take: EVIDENCE_CHECKS,
    });
    checks = rows.map((r) => toEvidenceCheck(name, r));
  }
  const evidence: Evidence = { ...(input.reason ? { reason: input.reason } : {}), checks, probes: probes.map((p) => p.summary) };
  const statusChanged = await recomputeComponentStatus(tx, componentId, {
    source: "probe",
    at: input.at,
    note: input.reason ? `${noteFor(observed, probes)} (${input.reason})` : noteFor(observed, probes),
    evidence,
  });
  if (observed !== previous) await syncAutoIncident(tx, componentId, { previous, observed, at: input.at });
  return { previous, observed, statusChanged };
}

/** What the probes say now, without writing: for the reconcile job's cheap first look. */
export async function computeObservedStatus(tx: Tx, componentId: string, at: Date): Promise<ComponentStatus | null> {
  return observedStatus((await probeSummaries(tx, componentId, at)).map((p) => p.status));
}
