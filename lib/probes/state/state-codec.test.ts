import { describe, expect, it } from "vitest";
import { foldResults, INITIAL_PROBE_STATE } from "./decide";
import { decodeHealthChanges, decodeProbeState, encodeHealthChanges, encodeProbeState, HEALTH_CHANGES_KEPT, INITIAL_STATE_TEXT } from "./state-codec";

describe("stored probe state", () => {
  it("round-trips, dates included", () => {
    const state = foldResults(
      [0, 1, 2].map((i) => ({ outcome: "failed" as const, errorClass: "timeout" as const, startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) })),
      { failuresToDown: 3, successesToUp: 2, slowToDegraded: 3 },
    );
    expect(decodeProbeState(encodeProbeState(state))).toEqual(state);
    expect(decodeProbeState(INITIAL_STATE_TEXT)).toEqual(INITIAL_PROBE_STATE);
  });

  it.each([null, "", "{", '{"confirmed":"sideways"}', '{"confirmed":null,"failures":-1,"answered":0,"oks":0,"notOk":0,"lastStartedAt":null}'])(
    "starts over from what it cannot read: %j",
    (text) => {
      expect(decodeProbeState(text)).toBe(INITIAL_PROBE_STATE);
    },
  );
});

describe("stored health changes", () => {
  const change = (i: number) => ({ health: i % 2 === 0 ? ("down" as const) : ("up" as const), at: new Date(Date.UTC(2026, 0, 1, 0, i)) });
  it("round-trips, keeping the newest", () => {
    expect(decodeHealthChanges(encodeHealthChanges([change(0), change(1)]))).toEqual([change(0), change(1)]);
    const many = Array.from({ length: HEALTH_CHANGES_KEPT + 3 }, (_, i) => change(i));
    expect(decodeHealthChanges(encodeHealthChanges(many))).toEqual(many.slice(3));
  });

  it.each([null, "", "[", '[{"health":"sideways","at":"2026-01-01T00:00:00.000Z"}]', "{}"])("reads what it cannot parse as none: %j", (text) => {
    expect(decodeHealthChanges(text)).toEqual([]);
  });
});
