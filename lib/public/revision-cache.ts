// An in-memory cache for the public read path: entries live until the page's
// revision changes (bumped in every writing transaction) or they reach maxAgeMs
// (uptime bars move with the clock). Writes in this process invalidate at once;
// other instances' writes are seen by polling the revision on a timer.
//
// A request never waits long on the database: when an older copy exists, it waits at
// most `waitMs` (750 ms) for the rebuild (so staff normally see their own write at once), then
// gets the older copy marked stale while the rebuild goes on; once a rebuild has run
// that long, later requests get the older copy without waiting at all. Only a key
// never built before waits for its first build.

export interface CacheEntry<T> {
  value: T;
  builtAt: number;
  /** Set when a rebuild failed (or is overdue) and the old value is being served. */
  staleSince: number | null;
}

export interface RevisionCacheOptions {
  readRevision: () => Promise<number>;
  pollMs: number;
  maxAgeMs: number;
  maxEntries: number;
  /** Keys never evicted to make room (the home page and its data): a flood of other keys cannot push them out. */
  keep?: ReadonlySet<string>;
  /** How long a request waits for a rebuild when an older copy can be served instead. */
  waitMs?: number;
  /** How often the revision is polled while the database is failing, so its return is seen at once (default 1 s). */
  degradedPollMs?: number;
  /** A rebuild still pending after this long is given up (a hung database) and started again. */
  rebuildTimeoutMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

interface Stored<T> extends CacheEntry<T> {
  /** The invalidation generation the value was read in. */
  generation: number;
}

interface Pending<T> {
  promise: Promise<CacheEntry<T>>;
  generation: number;
  startedAt: number;
}

/**
 * What a loader returns when it could only build from stale data (a page rendered from a
 * snapshot the database could not refresh): served with that staleness, retried after
 * pollMs, and rebuilt as soon as any entry is built fresh again, so a page rendered while
 * the database was coming back never keeps its "as of" notice for a whole maxAgeMs.
 */
export class StaleValue<T> {
  constructor(
    readonly value: T,
    readonly since: number,
  ) {}
}

/** Under a second, so a page view never takes longer, even right after a write while the database hangs. */
const DEFAULT_WAIT_MS = 750;
const DEFAULT_REBUILD_TIMEOUT_MS = 30_000;
const STALE_WAIT_MS = 100;
const DEFAULT_DEGRADED_POLL_MS = 1000;
/** A revision poll unanswered this long counts as failed (the query is left to finish or time out). */
const POLL_DEADLINE_MS = 2000;

export class RevisionCache {
  private entries = new Map<string, Stored<unknown>>();
  /** The last loader of each kept key, to rebuild it as soon as a write invalidates it. */
  private loaders = new Map<string, () => Promise<unknown>>();
  private loading = new Map<string, Pending<unknown>>();
  private revision: number | null = null;
  /** Bumped by every invalidate(): a rebuild that started before it cannot store its value as fresh. */
  private generation = 0;
  private polling = false;
  /** The last poll failed or hung: the database was unreachable. */
  private degraded = false;
  private timer: NodeJS.Timeout | null = null;
  private lastPollAt = -Infinity;
  private readonly now: () => number;
  private readonly waitMs: number;
  private readonly rebuildTimeoutMs: number;

  constructor(private readonly options: RevisionCacheOptions) {
    this.now = options.now ?? Date.now;
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    this.rebuildTimeoutMs = options.rebuildTimeoutMs ?? DEFAULT_REBUILD_TIMEOUT_MS;
  }

  /**
   * Marks every entry out of date (a write happened); the next read rebuilds. The kept keys
   * (the home page and its data) start rebuilding at once, so the person who just wrote
   * finds the new page built, or nearly, when they look (a read waits at most waitMs).
   */
  invalidate(): void {
    this.generation++;
    for (const [key, entry] of this.entries) this.entries.set(key, { ...entry, builtAt: -Infinity });
    for (const [key, load] of this.loaders) this.rebuild(key, load).promise.catch(() => undefined);
  }

  /** Something was built fresh after an outage: every copy built from stale data is rebuilt on its next read (kept keys at once). */
  private refreshStale(except: string): void {
    for (const [key, entry] of this.entries) {
      if (key === except || entry.staleSince === null || entry.builtAt === -Infinity) continue;
      this.entries.set(key, { ...entry, builtAt: -Infinity });
      const load = this.loaders.get(key);
      if (load) this.rebuild(key, load).promise.catch(() => undefined);
    }
  }

  /** The value cached under `key`, fresh or not, without loading anything (undefined when never built). */
  peek<T>(key: string): T | undefined {
    return (this.entries.get(key) as Stored<T> | undefined)?.value;
  }

  /** The cached entry under `key`, fresh or not, without loading anything. */
  peekEntry<T>(key: string): CacheEntry<T> | undefined {
    return this.entries.get(key) as Stored<T> | undefined;
  }

  async get<T>(key: string, load: () => Promise<T | StaleValue<T>>): Promise<CacheEntry<T>> {
    this.startPolling();
    if (this.options.keep?.has(key)) this.loaders.set(key, load);
    const entry = this.entries.get(key) as Stored<T> | undefined;
    if (entry && entry.generation === this.generation && this.now() - entry.builtAt < this.options.maxAgeMs) return entry;
    const pending = this.rebuild(key, load);
    if (!entry) return pending.promise;
    // Already serving a stale copy (the database is failing): wait only a moment, enough for
    // a database that just came back, then answer with the copy and let the rebuild go on.
    const wait = entry.staleSince !== null ? Math.min(this.waitMs, STALE_WAIT_MS) : this.waitMs;
    const left = wait - (this.now() - pending.startedAt);
    const overdue = () => this.markOverdue<T>(key, pending.startedAt);
    if (left <= 0) return overdue();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), left);
      timer.unref?.();
    });
    try {
      return (await Promise.race([pending.promise, deadline])) ?? overdue();
    } finally {
      clearTimeout(timer);
    }
  }

  /** The rebuild for `key` in the current generation: joins one in flight, or starts one. */
  private rebuild<T>(key: string, load: () => Promise<T | StaleValue<T>>): Pending<T> {
    const inFlight = this.loading.get(key) as Pending<T> | undefined;
    const fresh = inFlight && inFlight.generation === this.generation && this.now() - inFlight.startedAt < this.rebuildTimeoutMs;
    if (inFlight && fresh) return inFlight;
    if (inFlight && inFlight.generation === this.generation)
      this.options.onError?.(new Error(`rebuild of ${key} gave no answer in ${this.rebuildTimeoutMs} ms`));
    const generation = this.generation;
    const pending: Pending<T> = { generation, startedAt: this.now(), promise: Promise.resolve(null as never) };
    pending.promise = (async (): Promise<CacheEntry<T>> => {
      try {
        const value = await load();
        if (value instanceof StaleValue) return this.storeStale(key, { ...(this.entries.get(key) as Stored<T> | undefined), value: value.value }, value.since);
        return this.store(key, value, generation);
      } catch (error) {
        this.options.onError?.(error);
        const previous = this.entries.get(key) as Stored<T> | undefined;
        if (!previous) throw error;
        // Serve the last good value rather than an error page.
        return this.storeStale(key, previous, previous.staleSince ?? this.now());
      } finally {
        if (this.loading.get(key) === pending) this.loading.delete(key);
      }
    })();
    this.loading.set(key, pending as Pending<unknown>);
    return pending;
  }

  /** Served as stale since `since`, and retried after pollMs. */
  private storeStale<T>(key: string, entry: { value: T; staleSince?: number | null }, since: number): CacheEntry<T> {
    const stale: Stored<T> = {
      value: entry.value,
      builtAt: this.now() - this.options.maxAgeMs + this.options.pollMs,
      staleSince: entry.staleSince ?? since,
      generation: this.generation, // counts as current until the retry time, so requests do not hammer a failing database
    };
    this.entries.set(key, stale);
    return stale;
  }

  private store<T>(key: string, value: T, generation: number): CacheEntry<T> {
    const current = this.entries.get(key);
    // A newer build already landed (a rebuild started after an invalidate finished first).
    if (current && current.generation > generation && current.staleSince === null) return current as Stored<T>;
    if (this.entries.size >= this.options.maxEntries && !this.entries.has(key)) this.evictOldest();
    // Read before the latest invalidate: keep it to serve, but as out of date, so the next read rebuilds.
    const builtAt = generation === this.generation ? this.now() : -Infinity;
    const stored: Stored<T> = { value, builtAt, staleSince: null, generation };
    this.entries.set(key, stored);
    if (current && current.staleSince !== null && builtAt !== -Infinity) this.refreshStale(key);
    return stored;
  }

  /** Drops the first-inserted entry not in `keep` (a rebuild keeps its key's place, so the home page is always among the oldest). */
  private evictOldest(): void {
    for (const key of this.entries.keys()) {
      if (this.options.keep?.has(key)) continue;
      this.entries.delete(key);
      return;
    }
  }

  /** The older copy, marked stale since the overdue rebuild started (the "as of" notice). */
  private markOverdue<T>(key: string, since: number): CacheEntry<T> {
    const entry = this.entries.get(key) as Stored<T>;
    const stale: Stored<T> = { ...entry, staleSince: entry.staleSince ?? since };
    this.entries.set(key, stale);
    return stale;
  }

  /** Polls the shared revision so writes made by other instances show up within pollMs. */
  async checkRevision(): Promise<void> {
    if (this.polling) return; // a hung database must not pile up one query per tick
    this.polling = true;
    const startedAt = Date.now();
    this.lastPollAt = startedAt;
    const poll = this.options.readRevision();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), Math.min(this.options.pollMs, POLL_DEADLINE_MS));
      timer.unref?.();
    });
    try {
      const answer = await Promise.race([poll, deadline]);
      if (answer === "late") {
        this.markDegraded(new Error(`the database gave no answer to the revision poll within ${POLL_DEADLINE_MS} ms`));
        await poll.catch(() => undefined); // one poll at a time, however long the hung one takes
        return;
      }
      // Back from an outage: rebuild everything, including pages rendered from the stale
      // copy (they carry the "as of" notice and would otherwise keep it until maxAgeMs).
      const recovered = this.degraded || Date.now() - startedAt > this.options.pollMs;
      this.degraded = false;
      if ((this.revision !== null && answer !== this.revision) || recovered) this.invalidate();
      this.revision = answer;
    } catch (error) {
      this.markDegraded(error);
    } finally {
      clearTimeout(timer);
      this.polling = false;
    }
  }

  /**
   * The database failed a poll: every entry is now served as stale (the "as of" notice and
   * vigil_public_snapshot_stale, within one poll of the failure) and rebuilt, which for the
   * HTML pages means a render from the stale snapshot that carries the notice. Requests
   * meanwhile wait at most STALE_WAIT_MS for a rebuild.
   */
  private markDegraded(error: unknown): void {
    const first = !this.degraded;
    this.degraded = true;
    this.generation++;
    const now = this.now();
    for (const [key, entry] of this.entries) this.entries.set(key, { ...entry, builtAt: -Infinity, staleSince: entry.staleSince ?? now });
    if (first) this.options.onError?.(error);
  }

  private startPolling(): void {
    if (this.timer) return;
    // Every pollMs, and every degradedPollMs while the database is failing (half a tick of slack for timer jitter).
    const tickMs = Math.min(this.options.pollMs, this.options.degradedPollMs ?? DEFAULT_DEGRADED_POLL_MS);
    this.timer = setInterval(() => {
      if (this.degraded || Date.now() - this.lastPollAt >= this.options.pollMs - tickMs / 2) void this.checkRevision();
    }, tickMs);
    this.timer.unref();
    void this.checkRevision();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
