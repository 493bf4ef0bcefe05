import { z } from "zod";
import type { Db } from "../../db";
import type { ProbeResult } from "../result";
import { recordProbeResult, type RecordOutcome } from "../state/record-result";
import { dueAfterMiss, dueAfterPing } from "./due";
import { findHeartbeatByToken, storedTiming } from "./store";
import { withoutNul } from "../../text/nul";

// A heartbeat's results enter the same state machine as every other probe's
// (record-results.ts: hysteresis, quorum, observed status, auto-incident), from one
// region of their own: a ping is a success, /fail a failure, a missed period a failure
// dated at its due time. A result is applied only when newer than the last one, so a
// miss recorded after a late ping (or twice) changes nothing.

export const HEARTBEAT_REGION = "heartbeat";

export const PING_STATUSES = ["ok", "fail"] as const;
export type PingStatus = (typeof PING_STATUSES)[number];

/** The optional JSON body of a ping. */
export const HeartbeatPingBody = z.strictObject({
  status: z.enum(PING_STATUSES, { error: 'status must be "ok" or "fail"' }).optional(),
  duration_ms: z
    .number({ error: "duration_ms must be a number of milliseconds" })
    .int("duration_ms must be a whole number of milliseconds")
    .min(0, "duration_ms must be at least 0")
    .max(86_400_000, "duration_ms must be at most 86400000 (a day)")
    .optional(),
  message: z
    .string({ error: "message must be text" })
    .max(500, "message must be at most 500 characters")
    .refine(withoutNul, "message must not contain a NUL character (\\u0000)")
    .optional(),
});
export type HeartbeatPingBody = z.infer<typeof HeartbeatPingBody>;

export interface Ping {
  status: PingStatus;
  durationMs?: number;
  message?: string;
}

export type PingOutcome =
  | { found: false }
  | { found: true; limited: number }
  | { found: true; limited?: undefined; recorded: boolean; nextDueAt: Date | null; statusChanged: boolean };

const changed = (outcome: RecordOutcome | null) => outcome?.applied === true && outcome.change?.statusChanged === true;

function pingResult(ping: Ping, now: Date): ProbeResult {
  const durationMs = ping.durationMs ?? 0;
  const ok = ping.status === "ok";
  return {
    outcome: ok ? "ok" : "failed",
    errorClass: ok ? null : "heartbeat_failed",
    message: ping.message?.trim() || (ok ? "Ping received" : "The job reported a failure"),
    latencyMs: durationMs,
    timings: { totalMs: durationMs },
    startedAt: now,
    region: HEARTBEAT_REGION,
  };
}

/** Records a ping for the token's heartbeat at `now` (a paused probe's ping is acknowledged, not recorded). */
/**
 * Records a ping of `token`. `admit`, asked once the token is known (so made-up tokens
 * cannot crowd real ones out of the limiter), answers null to go on or the seconds to wait.
 */
export async function recordHeartbeatPing(db: Db, token: string, ping: Ping, now: Date, admit: () => number | null = () => null): Promise<PingOutcome> {
  const heartbeat = await findHeartbeatByToken(db, token);
  if (!heartbeat) return { found: false };
  const retryAfter = admit();
  if (retryAfter !== null) return { found: true, limited: retryAfter };
  const timing = storedTiming(heartbeat.probe);
  const outcome = heartbeat.probe.enabled && timing ? await recordProbeResult(db, heartbeat.probeId, pingResult(ping, now)) : null;
  const nextDueAt = timing ? dueAfterPing(timing, now) : null;
  await db.probeHeartbeat.updateMany({
    where: { probeId: heartbeat.probeId },
    data: { lastPingAt: now, lastPingStatus: ping.status, nextDueAt, claimedUntil: null },
  });
  return { found: true, recorded: outcome?.applied === true, nextDueAt, statusChanged: changed(outcome) };
}

/** How long a detector holds a miss it is recording before another instance may take it over. */
const CLAIM_MS = 60_000;
const BATCH = 200;

export interface MissedSummary {
  missed: number;
  statusChanged: boolean;
}

/**
 * Records a failure for every enabled heartbeat past its due time. Safe on several
 * instances at once: each miss is claimed by a conditional update (same due time, not
 * claimed by a live detector), so exactly one records it; a detector that dies after its
 * claim leaves it to the next one after CLAIM_MS, and the result (dated at the due time)
 * is not applied twice. The due time then moves a period on, unless a ping moved it first.
 */
export async function detectMissedHeartbeats(db: Db, now = new Date()): Promise<MissedSummary> {
  const unclaimed = [{ claimedUntil: null }, { claimedUntil: { lt: now } }];
  const due = await db.probeHeartbeat.findMany({
    where: { nextDueAt: { lte: now }, probe: { enabled: true }, OR: unclaimed },
    orderBy: { nextDueAt: "asc" },
    take: BATCH,
    select: { probeId: true, nextDueAt: true, lastPingAt: true, probe: { select: { id: true, config: true, schedule: true } } },
  });
  const summary: MissedSummary = { missed: 0, statusChanged: false };
  for (const row of due) {
    const dueAt = row.nextDueAt!;
    const timing = storedTiming(row.probe);
    const claimedUntil = new Date(now.getTime() + CLAIM_MS);
    const claim = await db.probeHeartbeat.updateMany({ where: { probeId: row.probeId, nextDueAt: dueAt, OR: unclaimed }, data: { claimedUntil } });
    if (claim.count !== 1) continue;
    const since = row.lastPingAt ? `since ${row.lastPingAt.toISOString()}` : "yet";
    const outcome = timing
      ? await recordProbeResult(db, row.probeId, {
          outcome: "failed",
          errorClass: "heartbeat_missed",
          message: `No ping ${since}: one was due by ${dueAt.toISOString()}`,
          latencyMs: 0,
          timings: { totalMs: 0 },
          startedAt: dueAt,
          region: HEARTBEAT_REGION,
        })
      : null;
    await db.probeHeartbeat.updateMany({
      where: { probeId: row.probeId, nextDueAt: dueAt, claimedUntil },
      data: { nextDueAt: timing ? dueAfterMiss(timing, dueAt) : null, claimedUntil: null },
    });
    if (outcome?.applied) summary.missed += 1;
    summary.statusChanged ||= changed(outcome);
  }
  return summary;
}
