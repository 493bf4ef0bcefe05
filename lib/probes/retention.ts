import type { DbOrTx } from "../db";

// Raw probe results are kept PROBE_RESULT_RETENTION_DAYS (default 14): the 7-day
// response-time chart and the console read them; a status change keeps its own copy of
// the checks that caused it (evidence), and the 90-day bars come from the status
// history, so nothing else needs older rows. Deleted in bounded batches, oldest
// first, so one run never holds a long write lock; safe on several instances at once.

const DAY_MS = 86_400_000;

export async function pruneProbeResults(
  db: DbOrTx,
  now: Date,
  retentionDays: number,
  { batchSize = 5000, maxBatches = 40 }: { batchSize?: number; maxBatches?: number } = {},
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const batch = await db.probeResult.findMany({ where: { startedAt: { lt: cutoff } }, select: { id: true }, take: batchSize, orderBy: { startedAt: "asc" } });
    if (batch.length === 0) break;
    deleted += (await db.probeResult.deleteMany({ where: { id: { in: batch.map((r) => r.id) } } })).count;
    if (batch.length < batchSize) break;
  }
  return deleted;
}
