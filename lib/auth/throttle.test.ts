import { describe, expect, it } from "vitest";
import { lockedUntil, throttleKeys } from "./throttle";

const at = (min: number) => new Date(Date.UTC(2026, 10, 27, 12, min));

// The counting itself is in the database (race-proof); its tests are integration tests.
describe("throttle", () => {
  it.each([
    [null, at(0), null],
    [{ lockedUntil: null }, at(0), null],
    [{ lockedUntil: at(19) }, at(4), at(19)],
    [{ lockedUntil: at(19) }, at(18), at(19)],
    [{ lockedUntil: at(19) }, at(19), null],
  ])("a lock until %j at %s is %s", (state, now, expected) => {
    expect(lockedUntil(state, now)).toEqual(expected);
  });

  it("counts per account and per address", () => {
    expect(throttleKeys("ana@example.com", "203.0.113.7")).toEqual(["account:ana@example.com", "ip:203.0.113.7"]);
    expect(throttleKeys(null, "203.0.113.7")).toEqual(["ip:203.0.113.7"]);
  });
});
