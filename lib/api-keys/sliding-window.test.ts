import { describe, expect, it } from "vitest";
import { countRequest, judge, WINDOW_MS } from "./sliding-window";

const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 15, 0, 0) + ms);

describe("sliding-window rate limit", () => {
  it.each([
    // [what, buckets before, ms after the minute, limit, allowed, remaining]
    ["first request", { start: null, count: 0, previous: 0 }, 0, 3, true, 2],
    ["the limit exactly", { start: at(0), count: 2, previous: 0 }, 10_000, 3, true, 0],
    ["one over the limit", { start: at(0), count: 3, previous: 0 }, 10_000, 3, false, 0],
    ["the previous minute still weighs at its start", { start: at(-WINDOW_MS), count: 3, previous: 0 }, 1_000, 3, false, 0],
    ["the previous minute has faded at its end", { start: at(-WINDOW_MS), count: 3, previous: 0 }, 59_000, 3, true, 1],
    ["an old bucket is forgotten", { start: at(-5 * WINDOW_MS), count: 99, previous: 99 }, 0, 3, true, 2],
  ] as const)("%s", (_what, before, ms, limit, allowed, remaining) => {
    const now = at(ms);
    const verdict = judge(countRequest({ ...before }, now), now, limit);
    expect(verdict).toMatchObject({ allowed, remaining, limit });
    expect(verdict.resetSeconds).toBeGreaterThanOrEqual(1);
  });

  it("a refused request learns when the next one fits, and it does", () => {
    const limit = 4;
    let b = countRequest({ start: null, count: 0, previous: 0 }, at(50_000));
    for (let i = 1; i < limit; i++) b = countRequest(b, at(50_000));
    // The refused one is judged but not kept.
    const refused = judge(countRequest(b, at(50_000)), at(50_000), limit);
    expect(refused.allowed).toBe(false);
    const later = at(50_000 + refused.resetSeconds * 1000);
    expect(judge(countRequest(b, later), later, limit).allowed).toBe(true);
    const earlier = at(50_000 + (refused.resetSeconds - 2) * 1000);
    expect(judge(countRequest(b, earlier), earlier, limit).allowed).toBe(false);
  });
});
