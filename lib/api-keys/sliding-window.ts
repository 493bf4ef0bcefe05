// The per-key rate limit as a sliding window, approximated with two one-minute buckets
// (the current minute's count, and the previous minute's weighted by how much of it the
// window still covers). Pure: keys.ts stores the buckets on the key's row.

export const WINDOW_MS = 60_000;

export interface Buckets {
  /** Start of the bucket `count` belongs to (a multiple of WINDOW_MS), or null: never used. */
  start: Date | null;
  count: number;
  previous: number;
}

/** The buckets after one more request at `now`. */
export function countRequest(b: Buckets, now: Date): Buckets & { start: Date } {
  const start = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const held = b.start?.getTime();
  if (held === start.getTime()) return { start, count: b.count + 1, previous: b.previous };
  if (held === start.getTime() - WINDOW_MS) return { start, count: 1, previous: b.count };
  return { start, count: 1, previous: 0 };
}

export interface Verdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a request is allowed again (limited) or until the window has room for the whole limit once more. */
  resetSeconds: number;
}

/** Whether the request just counted (the buckets from countRequest) stays within `limit` per sliding minute. */
export function judge(b: Buckets & { start: Date }, now: Date, limit: number): Verdict {
  const elapsed = now.getTime() - b.start.getTime();
  const weight = 1 - elapsed / WINDOW_MS;
  const used = b.previous * weight + b.count;
  const allowed = used <= limit;
  const remaining = Math.max(0, Math.floor(limit - used));
  let waitMs: number;
  if (!allowed) {
    // A refused request is not kept (keys.ts stores only allowed ones): the earliest
    // time one more fits beside the `held` ones, within this bucket as the previous
    // one fades, or in the next bucket, where this one's count is the fading one.
    const held = b.count - 1;
    waitMs =
      held + 1 <= limit && b.previous > 0
        ? WINDOW_MS * (1 - (limit - held - 1) / b.previous) - elapsed
        : WINDOW_MS - elapsed + WINDOW_MS * Math.max(0, 1 - (limit - 1) / held);
  } else {
    // Until everything counted so far has left the window.
    waitMs = b.count > 0 ? 2 * WINDOW_MS - elapsed : WINDOW_MS - elapsed;
  }
  return { allowed, limit, remaining, resetSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
