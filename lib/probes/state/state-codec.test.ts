import { describe, expect, it } from "vitest";
import { foldResults, INITIAL_PROBE_STATE } from "./decide";
import { decodeProbeState, encodeProbeState, INITIAL_STATE_TEXT } from "./state-codec";

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
