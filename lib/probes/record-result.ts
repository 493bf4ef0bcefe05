import type { Db } from "../db";
import { Thresholds } from "./config";
import { applyResult, isNewerResult, type ProbeHealth } from "./decide";
import { ensureProbeState } from "./lease";
import { staleAfterMs } from "./observe";
import { lockComponent, recomputeObservedStatus, type ObservedChange } from "./observed-status";
import type { ProbeResult } from "./result";
import { decodeProbeState, encodeProbeState } from "./state-codec";
import { parseStoredSchedule } from "./stored";

// One check's result into the database, in one transaction:
//   1. ignore it unless strictly newer than the last applied result for its probe and
//      region (late, replayed and cancelled checks change nothing and are not stored);
//   2. apply it to the region's decision state, saved by compare-and-swap on the state
//      text (two workers handed the same result: one applies it, the other retries and
//      finds it no longer newer);
//   3. store the result row (history, evidence, response-time chart);
//   4. when the probe's confirmed health moved (or the region starts voting again),
//      lock the component and re-derive its observed status and status.
// Results that change nothing confirmed skip step 4, so a steady probe costs one
// update and one insert per check.

export type RecordOutcome =
  | { applied: false; reason: "aborted" | "not_newer" | "probe_gone" | "contended" }
  | { applied: true; previous: ProbeHealth | null; confirmed: ProbeHealth | null; change: ObservedChange | null };

const RETRY = Symbol("retry");
const MAX_ATTEMPTS = 5;

export async function recordProbeResult(db: Db, probeId: string, result: ProbeResult): Promise<RecordOutcome> {
  if (result.errorClass === "aborted") return { applied: false, reason: "aborted" };
  const { region } = result;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (!(await ensureProbeState(db, probeId, region))) return { applied: false, reason: "probe_gone" };
    const outcome = await db.$transaction(async (tx): Promise<RecordOutcome | typeof RETRY> => {
      const probe = await tx.probe.findUnique({ where: { id: probeId }, select: { componentId: true, schedule: true, thresholds: true } });
      if (!probe) return { applied: false, reason: "probe_gone" };
      const row = await tx.probeState.findUnique({ where: { probeId_region: { probeId, region } }, select: { state: true } });
      if (!row) return RETRY; // reset by a config change meanwhile
      const previous = decodeProbeState(row.state);
      if (!isNewerResult(previous, result)) return { applied: false, reason: "not_newer" };
      const next = applyResult(previous, result, Thresholds.parse(JSON.parse(probe.thresholds)));

      const schedule = parseStoredSchedule(probe.schedule);
      const staleMs = schedule ? staleAfterMs({ id: probeId, schedule }, result.startedAt) : Infinity;
      const wasVoting = previous.lastStartedAt !== null && result.startedAt.getTime() - previous.lastStartedAt.getTime() <= staleMs;
      const recompute = next.confirmed !== previous.confirmed || (!wasVoting && next.confirmed !== null);
      // Lock order everywhere: component, then probe state.
      if (recompute && !(await lockComponent(tx, probe.componentId))) return { applied: false, reason: "probe_gone" };

      const swapped = await tx.probeState.updateMany({
        where: { probeId, region, state: row.state },
        data: { state: encodeProbeState(next) },
      });
      if (swapped.count !== 1) return RETRY;
      await tx.probeResult.create({
        data: {
          probeId,
          region,
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
        },
      });
      const change = recompute
        ? await recomputeObservedStatus(tx, probe.componentId, {
            // The change happened when the confirming check ended.
            at: new Date(result.startedAt.getTime() + result.latencyMs),
            trigger: { probeId, region },
          })
        : null;
      return { applied: true, previous: previous.confirmed, confirmed: next.confirmed, change };
    });
    if (outcome !== RETRY) return outcome;
  }
  return { applied: false, reason: "contended" };
}
