import type { DbOrTx } from "../db";
import { ImportSourceError } from "./errors";
import { type HttpOptions, readStatuspageSource, type SourceLocation } from "./fetch";
import { type ImportSummary, mapSource, planImport, planSize, sourceKey, summarize } from "./plan";
import { applyPlan, loadImportedRefs } from "./write";

// One import from a Statuspage-compatible page: read everything, parse each record,
// plan against what earlier runs imported, then write (unless it is a dry run). The CLI
// (scripts/ops/import.ts) and the console's job (jobs.ts) both call this.

export interface StatuspageImportOptions extends SourceLocation, Pick<HttpOptions, "allowPrivate" | "timeoutMs" | "maxBytes"> {
  dryRun: boolean;
  now?: Date;
  /** Called once the size is known (`total` records), then after each record. */
  onProgress?: (done: number, total: number) => Promise<void> | void;
}

export async function importFromStatuspage(db: DbOrTx, options: StatuspageImportOptions): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const raw = await readStatuspageSource(options, options);
  const result = mapSource(raw);
  if ("error" in result) throw new ImportSourceError(result.error);
  const plan = planImport(result.mapped, await loadImportedRefs(db, sourceKey(result.mapped.page.externalId)));
  const total = planSize(plan);
  await options.onProgress?.(0, total);
  if (options.dryRun) {
    await options.onProgress?.(total, total);
    return summarize(plan, true);
  }
  const done = await applyPlan(db, plan, { now, onProgress: (n) => options.onProgress?.(n, total) });
  return summarize(done, false);
}
