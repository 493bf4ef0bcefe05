import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { NotFoundError } from "../errors";
import { invalidatePublicSnapshot } from "../public/snapshot";
import { claimSlot } from "./lease";
import { observeCheck, registerProbeMetrics, retainProbeMetrics } from "./metrics";
import { recordProbeResult, type RecordOutcome } from "./record-result";
import type { ProbeResult } from "./result";
import { runCheck } from "./run";
import { createLimiter, createOverlapGuard, nextRunAt, nextSlotAt, type Limiter, type OverlapGuard } from "./schedule";
import { parseProbeRow, type StoredProbe } from "./stored";

// The probe worker: runs every enabled probe on its schedule from this process's
// region (PROBE_REGION), in the web server process by default (instrumentation.ts).
//
// - Probes are (re)loaded every reloadMs, so console changes apply within that time.
// - Each probe runs at its slots (schedule.ts: interval probes spread by a hash of their
//   id, cron probes at their fire times, plus optional jitter); a slot missed while the
//   process was busy is skipped, not queued.
// - Never twice at once in this process (overlap guard), at most `concurrency` checks in
//   flight (limiter), and once per slot per region across processes (lease.ts).
// - Each result goes through recordProbeResult (record-result.ts), which makes the
//   decisions. Nothing here throws into the timer: failures are logged and the
//   schedule goes on.
// Tests drive runProbeOnce / runProbeSlot / recordProbeResult directly, without timers.

export interface LoadedProbe extends StoredProbe {
  componentSlug: string;
}

/** Enabled probes with their parsed config; a row that does not parse is reported and left out. */
export async function loadEnabledProbes(db: Db, onInvalid?: (probeId: string, error: unknown) => void): Promise<LoadedProbe[]> {
  const rows = await db.probe.findMany({ where: { enabled: true }, include: { component: { select: { slug: true } } } });
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
}

export interface Ran {
  result: ProbeResult;
  outcome: RecordOutcome;
}

async function runAndRecord(db: Db, probe: LoadedProbe, options: RunOptions): Promise<Ran> {
  const result = await runCheck(probe.check, {
    region: options.region,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  observeCheck({ probe: probe.id, name: probe.name, component: probe.componentSlug, region: options.region }, result);
  const outcome = await recordProbeResult(db, probe.id, result);
  if (outcome.applied && outcome.change?.statusChanged) invalidatePublicSnapshot();
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
  log?: Pick<Console, "log" | "error">;
}

interface Entry {
  probe: LoadedProbe;
  /** Changes when anything about the probe changes. */
  fingerprint: string;
  /** The un-jittered slot (the lease key) and when to start it (slot + jitter). */
  slotAt: Date;
  runAt: Date;
}

const MIN_SLEEP_MS = 50;
const MAX_SLEEP_MS = 1000;

export class ProbeWorker {
  private readonly entries = new Map<string, Entry>();
  private readonly limiter: Limiter;
  private readonly guard: OverlapGuard = createOverlapGuard();
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly invalid = new Set<string>();
  private tickTimer: NodeJS.Timeout | null = null;
  private reloadTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => Date;
  private readonly log: Pick<Console, "log" | "error">;

  constructor(private readonly options: WorkerOptions) {
    this.limiter = createLimiter(options.concurrency);
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? console;
  }

  /** How many probes are scheduled. */
  get size(): number {
    return this.entries.size;
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
    const probes = await loadEnabledProbes(this.options.db, (id, error) => {
      if (!this.invalid.has(id)) this.log.error(`[vigil] probes: probe ${id} has an invalid stored config, skipped:`, error);
      this.invalid.add(id);
    });
    const now = this.now();
    const seen = new Set<string>();
    for (const probe of probes) {
      seen.add(probe.id);
      const fingerprint = JSON.stringify([probe.name, probe.componentSlug, probe.check, probe.schedule]);
      const current = this.entries.get(probe.id);
      if (current?.fingerprint === fingerprint) continue;
      const scheduleChanged = !current || JSON.stringify(current.probe.schedule) !== JSON.stringify(probe.schedule);
      if (!scheduleChanged) {
        this.entries.set(probe.id, { ...current, probe, fingerprint });
        continue;
      }
      const next = this.nextAfter(probe, now);
      if (next) this.entries.set(probe.id, { probe, fingerprint, ...next });
      else this.entries.delete(probe.id);
    }
    for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
    retainProbeMetrics(seen);
  }

  private nextAfter(probe: LoadedProbe, after: Date): Pick<Entry, "slotAt" | "runAt"> | null {
    const slotAt = nextSlotAt(probe, after);
    const runAt = nextRunAt(probe, after, this.options.random);
    return slotAt && runAt ? { slotAt, runAt } : null;
  }

  private tick(): void {
    if (this.stopped) return;
    const now = this.now();
    let earliest = Infinity;
    for (const [id, entry] of this.entries) {
      if (entry.runAt.getTime() <= now.getTime()) {
        this.dispatch(entry);
        // Slots are computed from the previous slot, so runs never drift; a slot already
        // past (the process was stalled) is skipped rather than run late.
        let next = this.nextAfter(entry.probe, entry.slotAt);
        if (next && next.slotAt.getTime() <= now.getTime()) next = this.nextAfter(entry.probe, now);
        if (!next) {
          this.entries.delete(id);
          continue;
        }
        entry.slotAt = next.slotAt;
        entry.runAt = next.runAt;
      }
      earliest = Math.min(earliest, entry.runAt.getTime());
    }
    const maxSleep = this.options.maxSleepMs ?? MAX_SLEEP_MS;
    const sleep = Math.min(maxSleep, Math.max(Math.min(MIN_SLEEP_MS, maxSleep), earliest - this.now().getTime()));
    this.tickTimer = setTimeout(() => this.tick(), sleep);
    this.tickTimer.unref();
  }

  private dispatch(entry: Entry): void {
    const { probe, slotAt } = entry;
    const options: RunOptions = { region: this.options.region, signal: this.abort.signal };
    // A probe still running (or waiting for a slot in the limiter) skips this run.
    const run = this.guard
      .run(probe.id, () => this.limiter(() => (this.stopped ? Promise.resolve(null) : runProbeSlot(this.options.db, probe, slotAt, options))))
      .catch((error) => this.log.error(`[vigil] probes: ${probe.name} (${probe.id}) failed to run or record:`, error));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Stops scheduling, cancels checks in flight (their results are not recorded) and waits for them. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) clearTimeout(this.tickTimer);
    if (this.reloadTimer) clearInterval(this.reloadTimer);
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }
}

const globalForWorker = globalThis as unknown as { vigilProbeWorker?: ProbeWorker };

/** Starts this process's worker once (a second call is harmless); null when PROBES_ENABLED is false. */
export function startProbeWorker(): ProbeWorker | null {
  registerProbeMetrics();
  const { PROBES_ENABLED, PROBE_REGION, PROBE_CONCURRENCY } = env();
  if (!PROBES_ENABLED) return null;
  if (globalForWorker.vigilProbeWorker) return globalForWorker.vigilProbeWorker;
  const worker = new ProbeWorker({ db: defaultDb(), region: PROBE_REGION, concurrency: PROBE_CONCURRENCY });
  globalForWorker.vigilProbeWorker = worker;
  void worker.start();
  console.log(`[vigil] probes: worker started for region ${PROBE_REGION} (up to ${PROBE_CONCURRENCY} checks at once)`);
  return worker;
}
