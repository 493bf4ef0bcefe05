import { describe, expect, it } from "vitest";
import { afterFailure, lockedUntil, type ThrottleState } from "./throttle";

const at = (min: number) => new Date(Date.UTC(2026, 10, 27, 12, min));

describe("throttle", () => {
  it("locks for 15 minutes on the fifth failure within the window", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) state = afterFailure(state, at(i));
    expect(lockedUntil(state, at(4))).toBeNull();
    state = afterFailure(state, at(4));
    expect(lockedUntil(state, at(4))).toEqual(at(19));
    expect(lockedUntil(state, at(18))).toEqual(at(19));
    expect(lockedUntil(state, at(19))).toBeNull();
  });

  it("starts counting again after the window", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) state = afterFailure(state, at(i));
    state = afterFailure(state, at(20));
    expect(state.failures).toBe(1);
    expect(lockedUntil(state, at(20))).toBeNull();
  });
});
