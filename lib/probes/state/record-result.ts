import type { Db } from "../../db";
import type { ProbeResult } from "../result";
import { recordProbeResults, type RecordOutcome } from "./record-results";

// One check's result into the database, at once, in its own transaction: the same
// rules as the worker's batches (record-results.ts), for tests, tools and replays.

export type { RecordOutcome } from "./record-results";

export async function recordProbeResult(db: Db, probeId: string, result: ProbeResult): Promise<RecordOutcome> {
  const [outcome] = await recordProbeResults(db, [{ probeId, result }]);
  return outcome!;
}
