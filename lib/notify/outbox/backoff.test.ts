import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_MS, nextAttemptDelayMs, shouldDeadLetter } from "./backoff";

/** mulberry32: a small seeded generator, so every run draws the same numbers. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("nextAttemptDelayMs", () => {
  it("doubles the cap per attempt from 30 s, up to 6 h", () => {
    const atTop = () => 1 - Number.EPSILON; // the largest draw
    const caps = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 30, 1000].map((n) => nextAttemptDelayMs(n, { random: atTop }));
    expect(caps).toEqual([
      29_999,
      59_999,
      119_999,
      239_999,
      479_999,
      959_999,
      1_919_999,
      3_839_999,
      7_679_999,
      15_359_999,
      DEFAULT_MAX_MS - 1,
      DEFAULT_MAX_MS - 1,
      DEFAULT_MAX_MS - 1,
    ]);
  });

  it("draws uniformly below the cap (full jitter), never below the 1 s floor", () => {
    expect(nextAttemptDelayMs(3, { random: () => 0.5 })).toBe(60_000);
    expect(nextAttemptDelayMs(3, { random: () => 0 })).toBe(1_000);
    expect(nextAttemptDelayMs(3, { random: () => 0, minMs: 0 })).toBe(0);
    // A broken random source cannot push the delay past the cap.
    expect(nextAttemptDelayMs(1, { random: () => 7 })).toBeLessThan(30_000);
  });

  it("is deterministic for a seed and spreads delays across the range", () => {
    const draw = (seed: number) => {
      const random = seeded(seed);
      return Array.from({ length: 2000 }, () => nextAttemptDelayMs(5, { random }));
    };
    const a = draw(42);
    expect(draw(42)).toEqual(a);
    expect(draw(43)).not.toEqual(a);
    const cap = 30_000 * 2 ** 4;
    expect(Math.max(...a)).toBeLessThan(cap);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(1_000);
    // Roughly uniform: each quarter of the range holds about a quarter of the draws.
    for (let q = 0; q < 4; q++) {
      const share = a.filter((d) => d >= (q * cap) / 4 && d < ((q + 1) * cap) / 4).length / a.length;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.3);
    }
  });

  it("honours a Retry-After, still capped", () => {
    expect(nextAttemptDelayMs(1, { random: () => 0.1, retryAfterMs: 120_000 })).toBe(120_000);
    expect(nextAttemptDelayMs(8, { random: () => 0.9, retryAfterMs: 1_000 })).toBe(Math.floor(0.9 * 30_000 * 128));
    expect(nextAttemptDelayMs(1, { random: () => 0.1, retryAfterMs: 48 * 3_600_000 })).toBe(DEFAULT_MAX_MS);
  });

  it("takes custom bounds and refuses nonsense", () => {
    expect(nextAttemptDelayMs(4, { baseMs: 1_000, maxMs: 5_000, random: () => 0.999 })).toBe(4_995);
    expect(() => nextAttemptDelayMs(0)).toThrow(RangeError);
    expect(() => nextAttemptDelayMs(1.5)).toThrow(RangeError);
    expect(() => nextAttemptDelayMs(1, { baseMs: 0 })).toThrow(RangeError);
    expect(() => nextAttemptDelayMs(1, { baseMs: 10, maxMs: 5 })).toThrow(RangeError);
  });
});

describe("shouldDeadLetter", () => {
  it.each([
    [0, 8, false],
    [7, 8, false],
    [8, 8, true],
    [9, 8, true],
    [1, 1, true],
  ])("%i failed attempts of %i allowed → %s", (attempts, max, expected) => {
    expect(shouldDeadLetter(attempts, max)).toBe(expected);
  });

  it("refuses a maximum below one", () => {
    expect(() => shouldDeadLetter(0, 0)).toThrow(RangeError);
  });
});
