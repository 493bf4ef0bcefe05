import { describe, expect, it } from "vitest";
import { PingLimiter } from "./rate-limit";

describe("PingLimiter", () => {
  it("allows the limit per key per minute, then says when to retry", () => {
    const limiter = new PingLimiter(3);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("a", t0))).toEqual([null, null, null]);
    expect(limiter.take("a", t0 + 15_000)).toBe(45);
    expect(limiter.take("b", t0 + 15_000)).toBeNull();
    expect(limiter.take("a", t0 + 60_000)).toBeNull();
  });
});
