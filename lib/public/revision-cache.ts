// An in-memory cache for the public read path: entries live until the page's
// revision changes (bumped in every writing transaction) or they reach maxAgeMs
// (uptime bars move with the clock). Writes in this process invalidate at once;
// other instances' writes are seen by polling the revision on a timer, so a
// request never waits on the database unless its entry is missing.

export interface CacheEntry<T> {
  value: T;
  builtAt: number;
  /** Set when a rebuild failed and the old value is being served. */
  staleSince: number | null;
}

export interface RevisionCacheOptions {
  readRevision: () => Promise<number>;
  pollMs: number;
  maxAgeMs: number;
  maxEntries: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export class RevisionCache {
  private entries = new Map<string, CacheEntry<unknown>>();
  private loading = new Map<string, Promise<CacheEntry<unknown>>>();
  private revision: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: RevisionCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Drops every entry (a write happened); the next read rebuilds. */
  invalidate(): void {
    for (const [key, entry] of this.entries) this.entries.set(key, { ...entry, builtAt: -Infinity });
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<CacheEntry<T>> {
    this.startPolling();
    const entry = this.entries.get(key) as CacheEntry<T> | undefined;
    if (entry && this.now() - entry.builtAt < this.options.maxAgeMs) return entry;
    return this.rebuild(key, load, entry);
  }

  private rebuild<T>(key: string, load: () => Promise<T>, previous: CacheEntry<T> | undefined): Promise<CacheEntry<T>> {
    // One rebuild per key at a time, however many requests arrive meanwhile.
    const pending = this.loading.get(key) as Promise<CacheEntry<T>> | undefined;
    if (pending) return pending;
    const promise = (async (): Promise<CacheEntry<T>> => {
      try {
        const value = await load();
        const fresh = { value, builtAt: this.now(), staleSince: null };
        if (this.entries.size >= this.options.maxEntries && !this.entries.has(key)) {
          this.entries.delete(this.entries.keys().next().value!);
        }
        this.entries.set(key, fresh);
        return fresh;
      } catch (error) {
        this.options.onError?.(error);
        if (!previous) throw error;
        // Serve the last good value rather than an error page; retry on a later request.
        const stale = { ...previous, builtAt: this.now() - this.options.maxAgeMs + this.options.pollMs, staleSince: previous.staleSince ?? this.now() };
        this.entries.set(key, stale);
        return stale;
      } finally {
        this.loading.delete(key);
      }
    })();
    this.loading.set(key, promise as Promise<CacheEntry<unknown>>);
    return promise;
  }

  /** Polls the shared revision so writes made by other instances show up within pollMs. */
  async checkRevision(): Promise<void> {
    try {
      const revision = await this.options.readRevision();
      if (this.revision !== null && revision !== this.revision) this.invalidate();
      this.revision = revision;
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private startPolling(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.checkRevision(), this.options.pollMs);
    this.timer.unref();
    void this.checkRevision();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
