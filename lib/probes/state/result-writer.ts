import type { Db } from "../../db";
import { recordProbeResults, type RecordOutcome, type ResultToRecord } from "./record-results";

// The worker's write-behind for check results: results that complete within
// `windowMs` of the first one waiting (or `maxBatch` of them, whichever comes first)
// are recorded in one transaction (record-results.ts). One batch is written at a time,
// in completion order, so a probe's results still reach the database in order.
//
// add() resolves with the result's outcome once its batch is committed. A batch that
// fails as a whole (e.g. a probe deleted mid-write on PostgreSQL) is written again one
// result at a time, so one bad result cannot lose the others; what still fails rejects.

export interface ResultWriterOptions {
  windowMs?: number;
  maxBatch?: number;
  /** After each committed batch, with its outcomes (e.g. to refresh the public page once). */
  onBatch?: (outcomes: RecordOutcome[]) => void;
  log?: Pick<Console, "error">;
}

interface Queued {
  item: ResultToRecord;
  queuedAt: number;
  resolve: (outcome: RecordOutcome) => void;
  reject: (error: unknown) => void;
}

export const DEFAULT_WINDOW_MS = 250;
export const DEFAULT_MAX_BATCH = 200;

export class ResultWriter {
  private queue: Queued[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  /** Batches committed and results in them, since start (for the benchmark and tests). */
  batches = 0;
  written = 0;

  constructor(
    private readonly db: Db,
    private readonly options: ResultWriterOptions = {},
  ) {
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  }

  /** Results waiting for their batch. */
  get pending(): number {
    return this.queue.length;
  }

  add(item: ResultToRecord): Promise<RecordOutcome> {
    return new Promise<RecordOutcome>((resolve, reject) => {
      this.queue.push({ item, queuedAt: performance.now(), resolve, reject });
      this.pump();
    });
  }

  /** Writes everything queued now, without waiting for the window, and waits for it. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.writing) {
      if (!this.writing) this.startWrite();
      await this.writing;
    }
  }

  private pump(): void {
    if (this.writing || this.queue.length === 0) return;
    const waited = performance.now() - this.queue[0]!.queuedAt;
    if (this.queue.length >= this.maxBatch || waited >= this.windowMs) {
      this.startWrite();
    } else if (!this.timer) {
      // Not unref'd: results in hand keep the process up until they are written.
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, this.windowMs - waited);
    }
  }

  private startWrite(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue.splice(0, this.maxBatch);
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
      this.pump();
    });
  }

  private async write(batch: Queued[]): Promise<void> {
    let outcomes: RecordOutcome[];
    try {
      outcomes = await recordProbeResults(
        this.db,
        batch.map((q) => q.item),
      );
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      this.options.log?.error(`[vigil] probes: writing a batch of ${batch.length} results failed, writing them one by one:`, error);
      outcomes = [];
      for (const q of batch) {
        try {
          const [outcome] = await recordProbeResults(this.db, [q.item]);
          outcomes.push(outcome!);
          q.resolve(outcome!);
        } catch (single) {
          q.reject(single);
        }
      }
      this.committed(outcomes);
      return;
    }
    for (const [i, q] of batch.entries()) q.resolve(outcomes[i]!);
    this.committed(outcomes);
  }

  private committed(outcomes: RecordOutcome[]): void {
    if (outcomes.length === 0) return;
    this.batches += 1;
    this.written += outcomes.length;
    try {
      this.options.onBatch?.(outcomes);
    } catch (error) {
      this.options.log?.error("[vigil] probes: after-batch hook failed:", error);
    }
  }
}
