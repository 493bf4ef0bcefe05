import type { Db, DbOrTx } from "../../db";
import { CheckConfig, Schedule } from "../checks/config";
import { openCheckConfig } from "../sealed-config";
import { dueAfterPing, type HeartbeatTiming } from "./due";
import { generateHeartbeatToken, hashHeartbeatToken, tokenPrefix } from "./token";

// The ProbeHeartbeat row beside a heartbeat probe: its token's hash and when the next
// ping is due. The staff verbs call these inside their transaction.

/** The timing of a stored heartbeat probe, or null when the row is not a readable heartbeat. */
export function storedTiming(probe: { id: string; config: string; schedule: string }): HeartbeatTiming | null {
  try {
    const check = CheckConfig.parse(openCheckConfig(probe.config));
    if (check.kind !== "heartbeat") return null;
    return { id: probe.id, schedule: Schedule.parse(JSON.parse(probe.schedule)), graceSeconds: check.graceSeconds };
  } catch {
    return null;
  }
}

/** A new token for the heartbeat (the old one stops working at once); returns it in full, the only time. */
export async function issueHeartbeatToken(db: DbOrTx, timing: HeartbeatTiming, now: Date): Promise<string> {
  const token = generateHeartbeatToken();
  const data = { tokenHash: hashHeartbeatToken(token), tokenPrefix: tokenPrefix(token) };
  await db.probeHeartbeat.upsert({
    where: { probeId: timing.id },
    create: { probeId: timing.id, ...data, nextDueAt: dueAfterPing(timing, now) },
    update: data,
  });
  return token;
}

/** After a save or a resume: the next ping is expected one period from now (a changed period applies at once). */
export async function rescheduleHeartbeat(db: DbOrTx, timing: HeartbeatTiming, now: Date): Promise<void> {
  await db.probeHeartbeat.updateMany({ where: { probeId: timing.id }, data: { nextDueAt: dueAfterPing(timing, now), claimedUntil: null } });
}

/** The heartbeat a URL's token belongs to, with its probe. */
export function findHeartbeatByToken(db: Db, token: string) {
  return db.probeHeartbeat.findUnique({
    where: { tokenHash: hashHeartbeatToken(token) },
    select: { probeId: true, probe: { select: { id: true, enabled: true, config: true, schedule: true } } },
  });
}
