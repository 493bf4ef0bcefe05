import { breathe } from "../../async/breathe";
import type { Db, Tx } from "../../db";
import { Thresholds } from "../checks/config";
import { applyResult, heading, isNewerResult, type ProbeHealth, type ProbeState } from "./decide";
import { BATCH_TRANSACTION, ensureProbeState } from "../scheduling/lease";
import { staleAfterMs } from "./observe";
import { lockComponent, recomputeObservedStatus, type ObservedChange } from "./observed-status";
import type { ProbeResult } from "../result";
import { decodeHealthChanges, decodeProbeState, encodeHealthChanges, encodeProbeState, type HealthChange } from "./state-codec";
import { parseStoredSchedule } from "../stored";

// Many checks' results into the database in one transaction (the worker writes what
// completed within a short window together; recordProbeResult is the one-result case):
//   1. per probe and region, in arrival order, ignore a result unless strictly newer
//      than the last applied one (late, replayed and cancelled checks change nothing
//      and are not stored), and fold the rest into the region's decision state;
//   2. lock every component whose probe health moved (or whose region starts voting
//      again, or stopped confirming a change the quorum may be waiting for), in id
//      order, so two batches cannot deadlock;
//   3. save each new state by compare-and-swap on the state text (another worker
//      applied a result meanwhile: that probe-region's results are tried again and
//      found no longer newer, so a transition is never recorded twice), with the
//      region's health changes and its skipped-slot and late-check counts;
//   4. store the applied results' rows at once (history, evidence, response times);
//   5. re-derive each locked component's observed status and status once, with the
//      latest confirming check as the moment of the change and its evidence.
// A steady probe thus costs one state update and its share of one insert per check.

export type RecordOutcome =
  | { applied: false; reason: "aborted" | "not_newer" | "probe_gone" | "contended" }
  | { applied: true; previous: ProbeHealth | null; confirmed: ProbeHealth | null; state: ProbeState; change: ObservedChange | null };

export interface ResultToRecord {
  probeId: string;
  result: ProbeResult;
  /** Slots of this probe the worker skipped since its previous result (counted on the state row). */
  skippedSlots?: number;
  /** The check started over a second after it was due. */
  late?: boolean;
}

const MAX_ATTEMPTS = 5;

const ABORTED: RecordOutcome = { applied: false, reason: "aborted" };
const NOT_NEWER: RecordOutcome = { applied: false, reason: "not_newer" };
const GONE: RecordOutcome = { applied: false, reason: "probe_gone" };
const CONTENDED: RecordOutcome = { applied: false, reason: "contended" };

interface Key {
  probeId: string;
  region: string;
}

interface Pass {
  /** Indexes to try again: their state changed meanwhile, or had no row yet. */
  retry: number[];
  /** State rows to create before the next attempt. */
  missing: Key[];
}

/** Records the results (one outcome per item, in order) in as few transactions as contention allows. */
export async function recordProbeResults(db: Db, items: readonly ResultToRecord[]): Promise<RecordOutcome[]> {
  const outcomes: Array<RecordOutcome | undefined> = items.map((item) => (item.result.errorClass === "aborted" ? ABORTED : undefined));
  let pending = items.flatMap((_, i) => (outcomes[i] === undefined ? [i] : []));
  for (let attempt = 0; attempt < MAX_ATTEMPTS && pending.length > 0; attempt++) {
    const pass = await db.$transaction((tx) => writeOnce(tx, items, pending, outcomes), BATCH_TRANSACTION);
    // Created outside the transaction: a lost creation race would abort a PostgreSQL transaction.
    const gone = new Set<string>();
    for (const key of pass.missing) if (!(await ensureProbeState(db, key.probeId, key.region))) gone.add(key.probeId);
    pending = pass.retry.filter((i) => {
      if (!gone.has(items[i]!.probeId)) return true;
      outcomes[i] = GONE;
      return false;
    });
  }
  for (const i of pending) outcomes[i] = CONTENDED;
  return outcomes as RecordOutcome[];
}

interface Applied {
  index: number;
  previous: ProbeHealth | null;
  state: ProbeState;
  /** This result moved the probe's confirmed health, its region votes again, or its streak broke. */
  recompute: boolean;
}

interface Plan extends Key {
  componentId: string;
  /** The state text read (the compare-and-swap token) and the text to write. */
  from: string;
  to: string;
  /** The region's health changes with this plan's appended (null: none). */
  healthChanges: string | null;
  skippedSlots: number;
  lateChecks: number;
  applied: Applied[];
}

/** When a check ended: the moment a change it confirms happened. */
const endOf = (result: ProbeResult) => new Date(result.startedAt.getTime() + result.latencyMs);

const keyOf = (probeId: string, region: string) => `${probeId}\u0000${region}`;
const byKey = (a: Key, b: Key) => (a.probeId < b.probeId ? -1 : a.probeId > b.probeId ? 1 : a.region < b.region ? -1 : a.region > b.region ? 1 : 0);

async function writeOnce(tx: Tx, items: readonly ResultToRecord[], pending: readonly number[], outcomes: Array<RecordOutcome | undefined>): Promise<Pass> {
  const probeIds = [...new Set(pending.map((i) => items[i]!.probeId))];
  const probes = await tx.probe.findMany({ where: { id: { in: probeIds } }, select: { id: true, componentId: true, schedule: true, thresholds: true } });
  const states = await tx.probeState.findMany({
    where: { probeId: { in: probeIds } },
    select: { probeId: true, region: true, state: true, healthChanges: true },
  });
  const probeById = new Map(probes.map((p) => [p.id, p]));
  const stateByKey = new Map(states.map((s) => [keyOf(s.probeId, s.region), s]));

  // Per probe and region, in arrival order (as if they had been recorded one by one).
  const groups = new Map<string, Key & { indexes: number[] }>();
  for (const i of pending) {
    const { probeId, result } = items[i]!;
    const key = keyOf(probeId, result.region);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { probeId, region: result.region, indexes: [] }));
    group.indexes.push(i);
  }

  const pass: Pass = { retry: [], missing: [] };
  const plans: Plan[] = [];
  for (const group of [...groups.values()].sort(byKey)) {
    const probe = probeById.get(group.probeId);
    if (!probe) {
      for (const i of group.indexes) outcomes[i] = GONE;
      continue;
    }
    const row = stateByKey.get(keyOf(group.probeId, group.region));
    if (row === undefined) {
      // No state row yet (a first result, or reset by a config change meanwhile).
      pass.missing.push({ probeId: group.probeId, region: group.region });
      pass.retry.push(...group.indexes);
      continue;
    }
    const thresholds = Thresholds.parse(JSON.parse(probe.thresholds));
    const schedule = parseStoredSchedule(probe.schedule);
    let state = decodeProbeState(row.state);
    let regionChanges: HealthChange[] | null = null;
    let skippedSlots = 0;
    let lateChecks = 0;
    const applied: Applied[] = [];
    for (const i of group.indexes) {
      const { result } = items[i]!;
      if (!isNewerResult(state, result)) {
        // Against a state that can only have moved forward since: still not newer on a retry.
        outcomes[i] = NOT_NEWER;
        continue;
      }
      const next = applyResult(state, result, thresholds);
      const staleMs = schedule ? staleAfterMs({ id: probe.id, schedule }, result.startedAt) : Infinity;
      const wasVoting = state.lastStartedAt !== null && result.startedAt.getTime() - state.lastStartedAt.getTime() <= staleMs;
      // A region that was confirming a change and no longer heads there: the quorum may be waiting for it (settle.ts).
      const before = heading(state, thresholds);
      const streakBroke = before !== state.confirmed && heading(next, thresholds) !== before;
      if (next.confirmed !== state.confirmed) {
        regionChanges = [...(regionChanges ?? decodeHealthChanges(row.healthChanges)), { health: next.confirmed, at: endOf(result) }];
      }
      skippedSlots += items[i]!.skippedSlots ?? 0;
      if (items[i]!.late) lateChecks += 1;
      applied.push({
        index: i,
        previous: state.confirmed,
        state: next,
        recompute: next.confirmed !== state.confirmed || (!wasVoting && next.confirmed !== null) || streakBroke,
      });
      state = next;
    }
    if (applied.length > 0) {
      plans.push({
        ...group,
        componentId: probe.componentId,
        from: row.state,
        to: encodeProbeState(state),
        healthChanges: regionChanges === null ? null : encodeHealthChanges(regionChanges),
        skippedSlots,
        lateChecks,
        applied,
      });
    }
  }

  // Lock order everywhere: component, then probe state.
  const toLock = [...new Set(plans.filter((p) => p.applied.some((a) => a.recompute)).map((p) => p.componentId))].sort();
  const goneComponents = new Set<string>();
  for (const componentId of toLock) if (!(await lockComponent(tx, componentId))) goneComponents.add(componentId);

  const written: Plan[] = [];
  for (const [n, plan] of plans.entries()) {
    if (n % 25 === 24) await breathe();
    if (goneComponents.has(plan.componentId)) {
      for (const a of plan.applied) outcomes[a.index] = GONE;
      continue;
    }
    const swapped = await tx.probeState.updateMany({
      where: { probeId: plan.probeId, region: plan.region, state: plan.from },
      data: {
        state: plan.to,
        ...(plan.healthChanges === null ? {} : { healthChanges: plan.healthChanges }),
        ...(plan.skippedSlots > 0 ? { skippedSlots: { increment: plan.skippedSlots } } : {}),
        ...(plan.lateChecks > 0 ? { lateChecks: { increment: plan.lateChecks } } : {}),
      },
    });
    if (swapped.count === 1) written.push(plan);
    else pass.retry.push(...plan.applied.map((a) => a.index));
  }
  if (written.length > 0) {
    await tx.probeResult.createMany({ data: written.flatMap((plan) => plan.applied.map((a) => resultRow(items[a.index]!))) });
  }

  // Once per component: the latest confirming check is the moment of the change and its evidence.
  const triggers = new Map<string, { at: number; trigger: Key }>();
  for (const plan of written) {
    for (const a of plan.applied) {
      if (!a.recompute) continue;
      const at = endOf(items[a.index]!.result).getTime();
      const current = triggers.get(plan.componentId);
      if (!current || at >= current.at) triggers.set(plan.componentId, { at, trigger: { probeId: plan.probeId, region: plan.region } });
    }
  }
  const changes = new Map<string, ObservedChange | null>();
  for (const componentId of [...triggers.keys()].sort()) {
    const { at, trigger } = triggers.get(componentId)!;
    changes.set(componentId, await recomputeObservedStatus(tx, componentId, { at: new Date(at), trigger, waitForRegions: true }));
    await breathe();
  }
  for (const plan of written) {
    for (const a of plan.applied) {
      outcomes[a.index] = {
        applied: true,
        previous: a.previous,
        confirmed: a.state.confirmed,
        state: a.state,
        change: a.recompute ? (changes.get(plan.componentId) ?? null) : null,
      };
    }
  }
  return pass;
}

function resultRow({ probeId, result }: ResultToRecord) {
  return {
    probeId,
    region: result.region,
    startedAt: result.startedAt,
    outcome: result.outcome,
    errorClass: result.errorClass,
    message: result.message.slice(0, 500),
    latencyMs: result.latencyMs,
    dnsMs: result.timings.dnsMs ?? null,
    connectMs: result.timings.connectMs ?? null,
    tlsMs: result.timings.tlsMs ?? null,
    firstByteMs: result.timings.firstByteMs ?? null,
    statusCode: result.statusCode ?? null,
  };
}
