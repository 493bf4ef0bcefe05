// Small concurrency guards, shared by the probe worker and the outbox dispatcher.
//
// createLimiter(max): at most `max` checks in flight in this process; the rest wait
// in FIFO order. A task that throws or rejects frees its slot all the same.
//
// forEachLimited(items, max, work): a fixed list through such a limiter, in order; it
// resolves when every item is done and rejects with the first failure (the other items
// still run to the end, as in-flight work cannot be recalled).
//
// createOverlapGuard(): a probe never runs twice at once in this process; a run that
// finds its probe still running is skipped (not queued), so a slow target cannot
// build a backlog. Across processes the worker coordinates through the database.

export interface Limiter {
  <T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly pending: number;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  let active = 0;
  const queue: Array<() => void> = [];
  // A finished task hands its slot straight to the first waiter, if any.
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else active -= 1;
  };
  const limit = async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
  return Object.defineProperties(limit, {
    active: { get: () => active },
    pending: { get: () => queue.length },
  }) as Limiter;
}

export async function forEachLimited<T>(items: readonly T[], max: number, work: (item: T) => Promise<void>): Promise<void> {
  const limit = createLimiter(max);
  await Promise.all(items.map((item) => limit(() => work(item))));
}

export type GuardedRun<T> = { ran: true; value: T } | { ran: false };

export interface OverlapGuard {
  /** Runs `task` unless a run for `id` is still in progress; then resolves { ran: false }. */
  run<T>(id: string, task: () => Promise<T>): Promise<GuardedRun<T>>;
  isRunning(id: string): boolean;
  readonly running: number;
}

export function createOverlapGuard(): OverlapGuard {
  const inFlight = new Set<string>();
  return {
    async run<T>(id: string, task: () => Promise<T>): Promise<GuardedRun<T>> {
      if (inFlight.has(id)) return { ran: false };
      inFlight.add(id);
      try {
        return { ran: true, value: await task() };
      } finally {
        inFlight.delete(id);
      }
    },
    isRunning: (id) => inFlight.has(id),
    get running() {
      return inFlight.size;
    },
  };
}
