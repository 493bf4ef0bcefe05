import { describe, expect, it } from "vitest";
import type { ComponentStatus } from "../../status/schemas";
import { MAX_VOTE_WAIT_MS, settleObserved, VOTE_WAIT_MS, voteWaitMs } from "./settle";

const T = Date.parse("2026-12-01T10:00:00Z");
const s = (seconds: number) => new Date(T + seconds * 1000);
type S = ComponentStatus | null;

describe("settleObserved: a move waits while the regions still confirming would change it", () => {
  it.each<[string, S, S, S, number | null, number, S, number | null]>([
    // what, previous, current, projected, last change (s), at (s) -> observed, held until (s)
    ["nothing moves", "operational", "operational", "major_outage", 0, 0, "operational", null],
    ["every region agrees: moves at once", "operational", "major_outage", "major_outage", 0, 0, "major_outage", null],
    ["two of three down, the third still confirming: waits", "operational", "partial_outage", "major_outage", 0, 0.01, "operational", 5],
    ["still waiting within the bound", "operational", "partial_outage", "major_outage", 0, 4.99, "operational", 5],
    ["the bound has passed: the votes in hand decide", "operational", "partial_outage", "major_outage", 0, 5, "partial_outage", null],
    ["the third region's streak broke: a real partial outage", "operational", "partial_outage", "partial_outage", 0, 1, "partial_outage", null],
    ["recovery waits too: no transient partial on the way up", "major_outage", "partial_outage", "operational", 0, 1, "major_outage", 5],
    ["a later region change restarts the bound", "operational", "partial_outage", "major_outage", 3, 6, "operational", 8],
    ["no change time known: no wait", "operational", "partial_outage", "major_outage", null, 0, "partial_outage", null],
    ["from no data", null, "partial_outage", "major_outage", 0, 1, null, 5],
  ])("%s", (_what, previous, current, projected, lastChange, at, observed, heldUntil) => {
    expect(settleObserved({ previous, current, projected, lastChangeAt: lastChange === null ? null : s(lastChange), at: s(at), waitMs: VOTE_WAIT_MS })).toEqual(
      { observed, heldUntil: heldUntil === null ? null : s(heldUntil) },
    );
  });
});

describe("voteWaitMs", () => {
  it.each([
    [[], VOTE_WAIT_MS],
    [[0, 0], VOTE_WAIT_MS],
    [[10, 3], VOTE_WAIT_MS + 10_000],
    [[3600], MAX_VOTE_WAIT_MS],
  ])("jitter %j -> %d ms", (jitter, expected) => {
    expect(voteWaitMs(jitter)).toBe(expected);
  });
});
