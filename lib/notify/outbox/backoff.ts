// When to try a failed delivery again: exponential backoff with "full jitter" (a delay
// drawn uniformly below the exponential cap), which spreads retries from many failed
// deliveries instead of sending them back in waves at the same instants.

export const DEFAULT_BASE_MS = 30_000;
export const DEFAULT_MAX_MS = 6 * 3_600_000;
/** A floor, so a draw near zero does not retry in the same instant. */
export const DEFAULT_MIN_MS = 1_000;

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  minMs?: number;
  /** Uniform in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
  /** The receiver's Retry-After, if it sent one: never retry sooner (still capped by maxMs). */
  retryAfterMs?: number | null;
}

/**
 * The delay before the next try, after `attempt` failed tries (1 after the first
 * failure): uniform in [minMs, min(maxMs, baseMs · 2^(attempt−1))).
 */
export function nextAttemptDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = DEFAULT_BASE_MS, maxMs = DEFAULT_MAX_MS, minMs = DEFAULT_MIN_MS, random = Math.random } = options;
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a whole number from 1, got ${attempt}`);
  if (!(baseMs > 0) || !(maxMs >= baseMs) || !(minMs >= 0)) throw new RangeError("need 0 < baseMs <= maxMs and minMs >= 0");
  // 2^(attempt-1) overflows to Infinity for large attempts; the cap holds it regardless.
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 1_000));
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  let delay = Math.max(minMs, Math.floor(r * cap));
  if (options.retryAfterMs != null && options.retryAfterMs > delay) delay = Math.ceil(options.retryAfterMs);
  return Math.min(delay, maxMs);
}

/** Whether a delivery that has failed `attempts` times should stop and be marked dead. */
export function shouldDeadLetter(attempts: number, maxAttempts: number): boolean {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number from 1, got ${maxAttempts}`);
  return attempts >= maxAttempts;
}
