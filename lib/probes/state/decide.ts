import type { ComponentStatus } from "../../status/schemas";
import type { Thresholds } from "../checks/config";
import type { ProbeResult } from "../result";

// From probe results to a component's observed status, in three pure steps:
//
// 1. Per probe and region: applyResult(state, result, thresholds) -> state. The worker
//    stores this small ProbeState per (probe, region) instead of a history, and saves
//    it only when the returned object is a new one (same object = result ignored).
//    - down after failuresToDown consecutive failures;
//    - degraded after slowToDegraded consecutive checks that were not ok (slow or
//      failed: a flapping mix of the two is at least degraded);
//    - leaving down takes successesToUp consecutive checks that got an answer
//      (then degraded if the non-ok streak still counts, else up);
//    - leaving degraded takes successesToUp consecutive ok checks;
//    - a new probe is up after successesToUp consecutive ok checks, unknown (null) before;
//    - otherwise the confirmed state stays as it was (hysteresis: no flapping).
//    Results at or before the last applied startedAt (late or replayed) are ignored,
//    and so are cancelled checks (errorClass "aborted").
//    heading(state) is where the current streak leads if the next checks answer like
//    the last one: a region whose heading differs from its confirmed health is still
//    confirming a change (the worker re-checks it soon, and the quorum waits for it).
// 2. Per probe across regions: combineRegions(confirmed states) -> ProbeStatus | null.
//    Down only when at least half of the regions with data are down (quorum); some
//    but fewer down is "partial"; else degraded if any region is; else up.
// 3. Per component across probes: observedStatus(probe statuses) -> ComponentStatus | null,
//    the `observed` layer of lib/components/effective-status.ts.

export type ProbeHealth = "up" | "degraded" | "down";
export type ProbeStatus = ProbeHealth | "partial";

export interface ProbeState {
  /** The confirmed health; null until enough results have arrived. */
  confirmed: ProbeHealth | null;
  /** Consecutive failed results. */
  failures: number;
  /** Consecutive results that were not failed (ok or degraded). */
  answered: number;
  /** Consecutive ok results. */
  oks: number;
  /** Consecutive results that were not ok (degraded or failed). */
  notOk: number;
  /** startedAt of the last applied result. */
  lastStartedAt: Date | null;
}

export type AppliedResult = Pick<ProbeResult, "outcome" | "startedAt" | "errorClass">;

/** The counters' part of the thresholds (the re-check setting does not decide anything). */
export type Hysteresis = Pick<Thresholds, "failuresToDown" | "successesToUp" | "slowToDegraded">;

export const INITIAL_PROBE_STATE: ProbeState = Object.freeze({
  confirmed: null,
  failures: 0,
  answered: 0,
  oks: 0,
  notOk: 0,
  lastStartedAt: null,
});

/** The guard against late and replayed results: apply only what is strictly newer. */
export function isNewerResult(state: Pick<ProbeState, "lastStartedAt">, result: Pick<ProbeResult, "startedAt">): boolean {
  return state.lastStartedAt === null || result.startedAt.getTime() > state.lastStartedAt.getTime();
}

export function applyResult(state: ProbeState, result: AppliedResult, thresholds: Hysteresis): ProbeState {
  if (!isNewerResult(state, result) || result.errorClass === "aborted") return state;
  return { ...advance(state, result.outcome, thresholds), lastStartedAt: result.startedAt };
}

/** The counters and confirmed health after one more result (no ordering guard). */
function advance(state: ProbeState, outcome: ProbeResult["outcome"], thresholds: Hysteresis): ProbeState {
  const failed = outcome === "failed";
  const ok = outcome === "ok";
  const next = {
    failures: failed ? state.failures + 1 : 0,
    answered: failed ? 0 : state.answered + 1,
    oks: ok ? state.oks + 1 : 0,
    notOk: ok ? 0 : state.notOk + 1,
    lastStartedAt: state.lastStartedAt,
  };
  return { ...next, confirmed: confirm(state.confirmed, next, thresholds) };
}

/** The outcome of the last applied result, read back from the counters (null before any). */
function lastOutcome(state: ProbeState): ProbeResult["outcome"] | null {
  if (state.failures > 0) return "failed";
  if (state.oks > 0) return "ok";
  return state.notOk > 0 ? "degraded" : null;
}

/**
 * Where the current streak leads: the confirmed health after enough further results
 * like the last one (every threshold is reached by then). Equal to `confirmed` when no
 * change is being confirmed.
 */
export function heading(state: ProbeState, thresholds: Hysteresis): ProbeHealth | null {
  const outcome = lastOutcome(state);
  if (outcome === null) return state.confirmed;
  const steps = Math.max(thresholds.failuresToDown, thresholds.successesToUp, thresholds.slowToDegraded);
  let s = state;
  for (let i = 0; i < steps; i++) s = advance(s, outcome, thresholds);
  return s.confirmed;
}

/** A change is being confirmed: the region's streak leads away from its confirmed health. */
export function isConfirming(state: ProbeState, thresholds: Hysteresis): boolean {
  return heading(state, thresholds) !== state.confirmed;
}

function confirm(previous: ProbeHealth | null, s: Pick<ProbeState, "failures" | "answered" | "oks" | "notOk">, t: Hysteresis): ProbeHealth | null {
  if (s.failures >= t.failuresToDown) return "down";
  if (previous === "down") {
    if (s.answered < t.successesToUp) return "down";
    return s.notOk >= t.slowToDegraded ? "degraded" : "up";
  }
  if (s.notOk >= t.slowToDegraded) return "degraded";
  if (previous === "degraded") return s.oks >= t.successesToUp ? "up" : "degraded";
  if (previous === "up") return "up";
  return s.oks >= t.successesToUp ? "up" : null;
}

/** Folds results (oldest first) into a state; for tests, backfills and recomputation. */
export function foldResults(results: readonly AppliedResult[], thresholds: Hysteresis, initial: ProbeState = INITIAL_PROBE_STATE): ProbeState {
  return results.reduce((state, result) => applyResult(state, result, thresholds), initial);
}

/**
 * One probe's status across the regions it runs from (null: no region has data yet).
 * A failure counts only when at least half the regions with data agree (quorum), so one
 * region's network trouble is not an outage; a quorum that is not unanimous is partial.
 */
export function combineRegions(regions: ReadonlyArray<ProbeHealth | null>): ProbeStatus | null {
  const known = regions.filter((r): r is ProbeHealth => r !== null);
  if (known.length === 0) return null;
  const down = known.filter((r) => r === "down").length;
  if (down === known.length) return "down";
  if (down * 2 >= known.length) return "partial";
  return known.includes("degraded") ? "degraded" : "up";
}

/** A component's observed status from its probes' statuses (null: no probe has data). */
export function observedStatus(probes: ReadonlyArray<ProbeStatus | null>): ComponentStatus | null {
  const known = probes.filter((p): p is ProbeStatus => p !== null);
  if (known.length === 0) return null;
  if (known.every((p) => p === "down")) return "major_outage";
  if (known.some((p) => p === "down" || p === "partial")) return "partial_outage";
  if (known.includes("degraded")) return "degraded_performance";
  return "operational";
}
