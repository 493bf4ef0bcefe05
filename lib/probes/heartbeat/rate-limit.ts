// Pings per token per minute, counted in this process's memory: a ping is on the hot
// path of someone's cron job, so it costs no extra query, and a runaway loop pinging
// in a tight circle is refused (429) before it writes a result each time. With several
// instances behind a balancer each counts its own share, which is still a bound.

export const HEARTBEAT_PINGS_PER_MINUTE = 30;
const WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;

export class PingLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly perMinute = HEARTBEAT_PINGS_PER_MINUTE) {}

  /** Counts a ping; null when allowed, else the seconds until the window turns. */
  take(key: string, nowMs: number): number | null {
    if (nowMs - this.windowStart >= WINDOW_MS || nowMs < this.windowStart) {
      this.windowStart = nowMs;
      this.counts.clear();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    if (count > this.perMinute) return Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - nowMs) / 1000));
    // Bounded: a flood of made-up tokens cannot grow this without end (they get 404s anyway).
    if (this.counts.size < MAX_TRACKED || this.counts.has(key)) this.counts.set(key, count);
    return null;
  }
}
