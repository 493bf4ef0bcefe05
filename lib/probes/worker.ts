import { loadInstallationSettings } from "../settings/queries";
import { onShutdown } from "../async/shutdown";
import { createHash } from "node:crypto";
import { setMaxListeners } from "node:events";
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { NotFoundError } from "../errors";
import { claimSlot, claimSlots } from "./scheduling/lease";
import { observeCheck, observeLateCheck, observeSkippedSlots, registerProbeMetrics, retainProbeMetrics, type CheckLabels, type SkipReason } from "./metrics";
import { recordProbeResult, type RecordOutcome } from "./state/record-result";
import type { ProbeResult } from "./result";
import { ResultWriter } from "./state/result-writer";
import { runCheck } from "./checks/run";
import { recheckAt } from "./scheduling/recheck";
import { settleObservedStatus } from "./state/reconcile";
import type { ProbeState } from "./state/decide";
import { createLimiter, createOverlapGuard, nextRunAt, nextSlotAt, slotsBetween, type Limiter, type OverlapGuard } from "./scheduling/schedule";
import { PUSH_KINDS } from "./kinds";
import { parseProbeRow, type StoredProbe } from "./stored";
import { TimerHeap } from "./scheduling/timer-heap";
import { emptyStats, type WorkerStats } from "./scheduling/worker-stats";
import { log } from "../log";
import { reportError } from "../db-reachability";

/** The worker's messages go to the one logger; an unreachable database is one line, not one per tick. */
const defaultLog: Pick<Console, "log" | "error"> = {
  log: (message: string) => log.info(message),
  error: (message: string, error?: unknown) => reportError(error, message.replace(/^\[vigil\] /, "").replace(/:$/, "")),
};

// The probe worker: runs every enabled probe on its schedule from this process's
// region (PROBE_REGION), in the web server process by default (instrumentation.ts).
//
// - Probes are (re)loaded every reloadMs, so console changes apply within that time.
// - Each probe runs at its slots (schedule.ts: interval probes spread by a hash of their
//   id, cron probes at their fire times, plus optional jitter); a slot missed while the
//   process was busy is skipped, not queued, and counted (metrics.ts, and on the probe's
//   state row for the console), as is a slot skipped because the previous check still
//   ran, and a check that started over a second late.
// - While a check's region is confirming a change, the next check is a re-check a few
//   seconds after it ended (scheduling/recheck.ts), claimed like a slot.
// - A status move held back for the other regions (state/settle.ts) is looked at again
//   when its bound passes, if no other region's result has settled it by then.
// - The schedule is a min-heap by start time (timer-heap.ts): one timer for the process,
//   and a tick costs what is due, not a visit to every probe.
// - Never twice at once in this process (overlap guard), at most `concurrency` checks in
//   flight (limiter), and once per slot per region across processes (lease.ts). Slots
//   are claimed up to a second before they start, those of 250 ms in one transaction,
//   so a start waits for neither the database nor a batch being written.
// - Results are written behind (result-writer.ts): those completed within 250 ms go to
//   the database in one transaction (record-results.ts), which makes the decisions.
//   Nothing here throws into the timer: failures are logged and the schedule goes on.
// Tests drive runProbeOnce / runProbeSlot / recordProbeResult directly, without timers:
// they claim, run and record one check at once, by the same rules.

/** Enabled probes the worker checks itself: a heartbeat's results come from its pings (heartbeat/). */
const RUNNABLE = { enabled: true, kind: { notIn: [...PUSH_KINDS] } };

export interface LoadedProbe extends StoredProbe {
  componentSlug: string;
}

/** Enabled probes with their parsed config; a row that does not parse is reported and left out. */
export async function loadEnabledProbes(db: Db, onInvalid?: (probeId: string, error: unknown) => void): Promise<LoadedProbe[]> {
  const rows = await db.probe.findMany({ where: RUNNABLE, include: { component: { select: { slug: true } } } });
  const probes: LoadedProbe[] = [];
  for (const row of rows) {
    try {
      probes.push({ ...parseProbeRow(row), componentSlug: row.component.slug });
    } catch (error) {
      onInvalid?.(row.id, error);
    }
  }
  return probes;
}

async function loadProbe(db: Db, probeId: string): Promise<LoadedProbe> {
  const row = await db.probe.findUnique({ where: { id: probeId }, include: { component: { select: { slug: true } } } });
  if (!row) throw new NotFoundError("probe");
  return { ...parseProbeRow(row), componentSlug: row.component.slug };
}

export interface RunOptions {
  region: string;
  signal?: AbortSignal;
  /** Clock for the check's startedAt (tests). */
  now?: () => Date;
  /** Called when a result changed a component's status (the wiring refreshes the public page). */
  onStatusChange?: () => void;
}

export interface Ran {
  result: ProbeResult;
  outcome: RecordOutcome;
}

async function runAndRecord(db: Db, probe: LoadedProbe, options: RunOptions): Promise<Ran> {
  const result = await runCheck(probe.check, {
    region: options.region,
    allowMetadataTargets: (await loadInstallationSettings(db)).allowMetadataProbeTargets,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  observeCheck({ probe: probe.id, name: probe.name, component: probe.componentSlug, region: options.region }, result);
  const outcome = await recordProbeResult(db, probe.id, result);
  if (outcome.applied && outcome.change?.statusChanged) options.onStatusChange?.();
  return { result, outcome };
}

/** Runs one probe once now and records the result (no lease): for tests and tools. */
export async function runProbeOnce(db: Db, probeId: string, options: RunOptions): Promise<Ran> {
  return runAndRecord(db, await loadProbe(db, probeId), options);
}

/** Runs the probe's slot `slotAt` if this process wins it for its region; null when another process has it. */
export async function runProbeSlot(db: Db, probe: LoadedProbe, slotAt: Date, options: RunOptions): Promise<Ran | null> {
  if (!(await claimSlot(db, probe.id, options.region, slotAt))) return null;
  return runAndRecord(db, probe, options);
}

export interface WorkerOptions {
  db: Db;
  region: string;
  concurrency: number;
  reloadMs?: number;
  now?: () => Date;
  random?: () => number;
  /** Longest wait between two looks at the schedule (tests with a fast clock shorten it). */
  maxSleepMs?: number;
  /** Results completed within this window (or this many) are written in one transaction (result-writer.ts). */
  writeWindowMs?: number;
  writeBatch?: number;
  log?: Pick<Console, "log" | "error">;
  /** Called when a batch of results changed a component's status (the wiring refreshes the public page). */
  onStatusChange?: () => void;
}

interface Entry {
  probe: LoadedProbe;
  /** A hash of the stored row: changes when anything about the probe changes. */
  fingerprint: string;
  /** The stored schedule's text: when it changes, the probe gets new slots. */
  scheduleText: string;
  /** The un-jittered slot (the lease key) and when to start it (slot + jitter). */
  slotAt: Date;
  runAt: Date;
  /** Bumped at each reschedule: heap nodes of an older generation (or a replaced entry) are stale. */
  generation: number;
  /** A re-check planned before the next slot (its heap node is stale unless it matches). */
  recheckAt: Date | null;
  /** Slots skipped since the last result was handed on: counted on the state row with the next one. */
  skippedSlots: number;
}

interface Planned {
  entry: Entry;
  generation: number;
  /** A re-check rather than the entry's next slot. */
  recheck?: true;
}

/** One slot to run, as it was when it fell due. */
interface Due {
  probe: LoadedProbe;
  slotAt: Date;
  runAt: Date;
}

/** Slots are claimed up to this long before they start, so the claim's transaction is not on the start's path. */
const LOOKAHEAD_MS = 1000;
/** At most one claim transaction per this period (each takes every slot entering the look-ahead). */
const CLAIM_EVERY_MS = 250;
const MIN_SLEEP_MS = 10;
const MAX_SLEEP_MS = 1000;
/** Lag samples kept between two takeStats() calls (a minute at 10,000 probes is far below). */
const MAX_LAG_SAMPLES = 1_000_000;
/** A check that starts later than this after it was due counts as late. */
const LATE_AFTER_MS = 1000;

export class ProbeWorker {
  private readonly entries = new Map<string, Entry>();
  /** Every probe's next slot, by start time. */
  private readonly heap = new TimerHeap<Planned>();
  /** Slots this process claimed, waiting for their start time. */
  private readonly ready = new TimerHeap<Due>();
  /** Components whose status move waits for other regions, by when to look again. */
  private readonly holds = new TimerHeap<string>();
  private claiming: Promise<void> | null = null;
  private lastClaimAt = -Infinity;
  private readonly limiter: Limiter;
  private readonly guard: OverlapGuard = createOverlapGuard();
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly invalid = new Set<string>();
  private readonly writer: ResultWriter;
  private stats: WorkerStats = emptyStats();
  private tickTimer: NodeJS.Timeout | null = null;
  /** When tickTimer fires (performance.now()). */
  private tickAt = 0;
  private reloadTimer: NodeJS.Timeout | null = null;
  /** Settings → "Let probes reach link-local and cloud metadata addresses" (checks/target-guard.ts). */
  private allowMetadataTargets = false;
  private stopped = false;
  private readonly now: () => Date;
  private readonly log: Pick<Console, "log" | "error">;

  constructor(private readonly options: WorkerOptions) {
    this.limiter = createLimiter(options.concurrency);
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? defaultLog;
    // Every check in flight listens to this signal (deadline.ts): hundreds at once is normal.
    setMaxListeners(0, this.abort.signal);
    this.writer = new ResultWriter(options.db, {
      ...(options.writeWindowMs === undefined ? {} : { windowMs: options.writeWindowMs }),
      ...(options.writeBatch === undefined ? {} : { maxBatch: options.writeBatch }),
      log: this.log,
      // Once per batch, however many components it moved.
      onBatch: (outcomes) => {
        if (outcomes.some((o) => o.applied && o.change?.statusChanged)) this.options.onStatusChange?.();
      },
    });
  }

  /** How many probes are scheduled. */
  get size(): number {
    return this.entries.size;
  }

  /** What the worker did since the last call (checks, failures, start lag, errors). */
  takeStats(): WorkerStats {
    const stats = this.stats;
    this.stats = emptyStats();
    return stats;
  }

  /** Transactions the results were written in, and results written, since start. */
  get writes(): { batches: number; results: number; pending: number } {
    return { batches: this.writer.batches, results: this.writer.written, pending: this.writer.pending };
  }

  async start(): Promise<void> {
    try {
      await this.reload();
    } catch (error) {
      // The database may come up later: the reload timer keeps trying.
      this.log.error("[vigil] probes: loading probes failed:", error);
    }
    if (this.stopped) return;
    this.reloadTimer = setInterval(() => {
      this.reload().catch((error) => this.log.error("[vigil] probes: reloading probes failed:", error));
    }, this.options.reloadMs ?? 30_000);
    this.reloadTimer.unref();
    this.tick();
  }

  /** Picks up added, changed, disabled and deleted probes. */
  async reload(): Promise<void> {
    // Re-read with the probes: an admin's change applies within reloadMs.
    this.allowMetadataTargets = (await loadInstallationSettings(this.options.db)).allowMetadataProbeTargets;
    const rows = await this.options.db.probe.findMany({
      where: RUNNABLE,
      select: { id: true, componentId: true, name: true, enabled: true, config: true, schedule: true, thresholds: true, component: { select: { slug: true } } },
    });
    const now = this.now();
    const seen = new Set<string>();
    for (const row of rows) {
      // A hash of the stored text: an unchanged probe costs no parsing (10,000 probes every
      // 30 s), and the worker does not keep a second copy of every config.
      const fingerprint = createHash("sha1")
        .update([row.name, row.component.slug, row.componentId, row.config, row.schedule, row.thresholds].join("\u0000"))
        .digest("base64");
      const current = this.entries.get(row.id);
      if (current?.fingerprint === fingerprint) {
        seen.add(row.id);
        continue;
      }
      let probe: LoadedProbe;
      try {
        probe = { ...parseProbeRow(row), componentSlug: row.component.slug };
      } catch (error) {
        if (!this.invalid.has(row.id)) this.log.error(`[vigil] probes: probe ${row.id} has an invalid stored config, skipped:`, error);
        this.invalid.add(row.id);
        continue;
      }
      this.invalid.delete(row.id);
      seen.add(row.id);
      if (current && current.scheduleText === row.schedule) {
        // Same slots: the probe keeps its place in the schedule.
        current.probe = probe;
        current.fingerprint = fingerprint;
        continue;
      }
      const next = this.nextAfter(probe, now);
      if (!next) {
        this.entries.delete(row.id);
        continue;
      }
      const entry: Entry = { probe, fingerprint, scheduleText: row.schedule, ...next, generation: 0, recheckAt: null, skippedSlots: 0 };
      this.entries.set(row.id, entry);
      this.heap.push(entry.runAt.getTime(), { entry, generation: 0 });
    }
    for (const id of [...this.entries.keys()]) if (!seen.has(id)) this.entries.delete(id);
    // Replaced and removed entries leave stale nodes behind: rebuild once they dominate.
    if (this.heap.size > 2 * this.entries.size + 1024) {
      this.heap.clear();
      for (const entry of this.entries.values()) {
        this.heap.push(entry.runAt.getTime(), { entry, generation: entry.generation });
        if (entry.recheckAt) this.heap.push(entry.recheckAt.getTime(), { entry, generation: entry.generation, recheck: true });
      }
    }
    retainProbeMetrics(seen);
  }

  private nextAfter(probe: LoadedProbe, after: Date): Pick<Entry, "slotAt" | "runAt"> | null {
    const slotAt = nextSlotAt(probe, after);
    const runAt = nextRunAt(probe, after, this.options.random);
    return slotAt && runAt ? { slotAt, runAt } : null;
  }

  private tick(): void {
    this.tickTimer = null;
    if (this.stopped) return;
    const now = this.now().getTime();
    if (!this.claiming && now - this.lastClaimAt >= CLAIM_EVERY_MS) this.claimAhead(now);
    for (const { value } of this.ready.popDue(now)) this.startRun(value);
    for (const componentId of new Set(this.holds.popDue(now).map((h) => h.value))) this.settle(componentId);
    const nextStart = Math.min(this.ready.peekAt() ?? Infinity, this.holds.peekAt() ?? Infinity);
    const nextClaim = this.claiming ? Infinity : Math.max(this.lastClaimAt + CLAIM_EVERY_MS, (this.heap.peekAt() ?? Infinity) - LOOKAHEAD_MS);
    this.sleep(Math.min(nextStart, nextClaim) - this.now().getTime());
  }

  /** Wakes the loop in `ms` (within bounds), unless it already wakes sooner: frequent wake-ups must not keep postponing a tick. */
  private sleep(ms: number): void {
    if (this.stopped) return;
    const maxSleep = this.options.maxSleepMs ?? MAX_SLEEP_MS;
    const delay = Math.min(maxSleep, Math.max(Math.min(MIN_SLEEP_MS, maxSleep), ms));
    const wakeAt = performance.now() + delay;
    if (this.tickTimer) {
      if (this.tickAt <= wakeAt) return;
      clearTimeout(this.tickTimer);
    }
    this.tickAt = wakeAt;
    this.tickTimer = setTimeout(() => this.tick(), delay);
    this.tickTimer.unref();
  }

  /** Takes the slots starting within LOOKAHEAD_MS off the schedule and claims them in one transaction. */
  private claimAhead(now: number): void {
    this.lastClaimAt = now;
    const due: Due[] = [];
    for (const { at, value } of this.heap.popDue(now + LOOKAHEAD_MS)) {
      const { entry, generation } = value;
      if (this.entries.get(entry.probe.id) !== entry) continue; // removed or replaced
      if (value.recheck) {
        // Claimed like a slot (its time is the lease key), so one process of the region runs it.
        if (entry.recheckAt?.getTime() !== at) continue; // replaced by a later plan
        entry.recheckAt = null;
        due.push({ probe: entry.probe, slotAt: new Date(at), runAt: new Date(at) });
        continue;
      }
      if (entry.generation !== generation) continue; // rescheduled
      due.push({ probe: entry.probe, slotAt: entry.slotAt, runAt: entry.runAt });
      // Slots are computed from the previous slot, so runs never drift; a slot already
      // past (the process was stalled) is skipped rather than run late.
      let next = this.nextAfter(entry.probe, entry.slotAt);
      if (next && next.slotAt.getTime() <= now) {
        this.skipped(entry, "behind", slotsBetween(entry.probe, entry.slotAt, new Date(now)));
        next = this.nextAfter(entry.probe, new Date(now));
      }
      if (!next) {
        this.entries.delete(entry.probe.id);
        continue;
      }
      entry.slotAt = next.slotAt;
      entry.runAt = next.runAt;
      entry.generation += 1;
      this.heap.push(entry.runAt.getTime(), { entry, generation: entry.generation });
    }
    if (due.length === 0) return;
    const claimed = claimSlots(
      this.options.db,
      this.options.region,
      due.map((d) => ({ probeId: d.probe.id, slotAt: d.slotAt })),
    ).then(
      (won) =>
        due.forEach((d, i) => {
          if (won[i]) this.ready.push(d.runAt.getTime(), d);
          else this.stats.claimedElsewhere += 1;
        }),
      (error) => {
        this.stats.errors += 1;
        this.log.error(`[vigil] probes: claiming ${due.length} slot${due.length === 1 ? "" : "s"} failed, skipped:`, error);
      },
    );
    this.claiming = claimed.finally(() => {
      this.claiming = null;
      this.sleep(0); // a won slot may start before the timer would fire
    });
  }

  private labels(probe: LoadedProbe): CheckLabels {
    return { probe: probe.id, name: probe.name, component: probe.componentSlug, region: this.options.region };
  }

  /** Counts skipped slots: in the stats, in /metrics, and (with the next result) on the probe's state row. */
  private skipped(entry: Entry | undefined, reason: SkipReason, count: number): void {
    if (!entry || count <= 0) return;
    if (reason === "overlap") this.stats.overlapped += count;
    else this.stats.behind += count;
    entry.skippedSlots += count;
    observeSkippedSlots(this.labels(entry.probe), reason, count);
  }

  /** Starts a claimed slot now, unless the probe's previous check is still running (then the slot is skipped). */
  private startRun(d: Due): void {
    if (this.guard.isRunning(d.probe.id)) {
      this.skipped(this.entries.get(d.probe.id), "overlap", 1);
      return;
    }
    const run = this.guard
      .run(d.probe.id, () => this.runOne(d))
      .catch((error) => {
        this.stats.errors += 1;
        this.log.error(`[vigil] probes: ${d.probe.name} (${d.probe.id}) failed to run or record:`, error);
      });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private async runOne(d: Due): Promise<void> {
    const ran = await this.limiter(async () => {
      if (this.stopped) return null;
      const lag = this.now().getTime() - d.runAt.getTime();
      if (this.stats.lagsMs.length < MAX_LAG_SAMPLES) this.stats.lagsMs.push(Math.max(0, lag));
      // The worker's clock (tests speed it up) dates the result, so schedule, re-checks and decisions share one timeline.
      const result = await runCheck(d.probe.check, {
        region: this.options.region,
        signal: this.abort.signal,
        allowMetadataTargets: this.allowMetadataTargets,
        ...(this.options.now ? { now: this.now } : {}),
      });
      return { result, late: lag > LATE_AFTER_MS, endedAt: this.now() };
    });
    if (ran === null) return;
    const { result, late, endedAt } = ran;
    const labels = this.labels(d.probe);
    observeCheck(labels, result);
    // Cancelled at shutdown: says nothing about the target, and is not recorded.
    if (result.errorClass === "aborted") return;
    this.stats.checks += 1;
    if (result.outcome === "failed") this.stats.failed += 1;
    if (late) {
      this.stats.late += 1;
      observeLateCheck(labels);
    }
    const entry = this.entries.get(d.probe.id);
    const skippedSlots = entry?.skippedSlots ?? 0;
    if (entry) entry.skippedSlots = 0;
    const outcome = await this.writer.add({ probeId: d.probe.id, result, ...(skippedSlots > 0 ? { skippedSlots } : {}), ...(late ? { late } : {}) });
    if (!outcome.applied || this.stopped) return;
    const rechecks = this.planRecheck(d.probe.id, outcome.state, endedAt);
    const held = outcome.change?.heldUntil;
    if (held) this.holds.push(held.getTime(), d.probe.componentId);
    // Either may be due before the timer would fire.
    if (rechecks || held) this.sleep(0);
  }

  /** While the region confirms a change, the next check comes a few seconds after this one ended (recheck.ts). */
  private planRecheck(probeId: string, state: ProbeState, endedAt: Date): boolean {
    const entry = this.entries.get(probeId);
    if (!entry) return false;
    const { thresholds, check } = entry.probe;
    const at = recheckAt({ state, thresholds, endedAt, nextSlotAt: entry.slotAt, timeoutMs: check.timeoutMs });
    if (!at) return false;
    entry.recheckAt = at;
    this.heap.push(at.getTime(), { entry, generation: entry.generation, recheck: true });
    return true;
  }

  /** A held status move is due: re-derive it (another region's result may have settled it already). */
  private settle(componentId: string): void {
    const run = settleObservedStatus(this.options.db, componentId, this.now(), "the other regions did not confirm in time").then(
      (change) => {
        if (change?.heldUntil) this.holds.push(change.heldUntil.getTime(), componentId);
        if (change?.statusChanged) this.options.onStatusChange?.();
      },
      (error) => {
        this.stats.errors += 1;
        this.log.error(`[vigil] probes: re-deriving component ${componentId} after waiting for other regions failed:`, error);
      },
    );
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /**
   * Stops scheduling. Checks in flight get up to `graceMs` (default 0) to finish; the
   * rest are cancelled (their results are not recorded). Resolves once the results in
   * hand are written.
   */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) clearTimeout(this.tickTimer);
    if (this.reloadTimer) clearInterval(this.reloadTimer);
    // Claimed slots that have not started are given up (the next slots are free for anyone).
    await this.claiming;
    this.ready.clear();
    this.holds.clear();
    const graceMs = options.graceMs ?? 0;
    if (graceMs > 0 && this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
    await this.writer.flush();
  }
}

const globalForWorker = globalThis as unknown as { vigilProbeWorker?: ProbeWorker };

/** Starts this process's worker once (a second call is harmless); null when PROBES_ENABLED is false. */
export function startProbeWorker(wiring: Pick<WorkerOptions, "onStatusChange"> = {}): ProbeWorker | null {
  registerProbeMetrics();
  const { PROBES_ENABLED, PROBE_REGION, PROBE_CONCURRENCY } = env();
  if (!PROBES_ENABLED) return null;
  if (globalForWorker.vigilProbeWorker) return globalForWorker.vigilProbeWorker;
  const worker = new ProbeWorker({ db: defaultDb(), region: PROBE_REGION, concurrency: PROBE_CONCURRENCY, ...wiring });
  globalForWorker.vigilProbeWorker = worker;
  // Checks in flight get up to 5 s to finish, and their results are written, before exit.
  onShutdown("probe worker", () => worker.stop({ graceMs: 5000 }));
  void worker.start();
  log.info({ region: PROBE_REGION, concurrency: PROBE_CONCURRENCY }, "probe worker started");
  return worker;
}
