import { describe, expect, it } from "vitest";
import {
  applyResult,
  combineRegions,
  foldResults,
  heading,
  INITIAL_PROBE_STATE,
  isConfirming,
  isNewerResult,
  type Hysteresis,
  observedStatus,
  type AppliedResult,
  type ProbeHealth,
  type ProbeStatus,
} from "./decide";

const DEFAULTS: Hysteresis = { failuresToDown: 3, successesToUp: 2, slowToDegraded: 3 };
const OUTCOMES = { o: "ok", d: "degraded", f: "failed" } as const;

/** "ooffd" -> results one second apart, oldest first. */
function results(sequence: string): AppliedResult[] {
  return [...sequence].map((c, i) => ({
    outcome: OUTCOMES[c as keyof typeof OUTCOMES],
    errorClass: c === "o" ? null : c === "d" ? "slow_response" : "timeout",
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
  }));
}

/** The confirmed state after each result, as one letter: U(p) D(egraded) X (down) - (unknown). */
function trace(sequence: string, thresholds: Hysteresis = DEFAULTS): string {
  const letters = { up: "U", degraded: "D", down: "X" } as const;
  let state = INITIAL_PROBE_STATE;
  let out = "";
  for (const result of results(sequence)) {
    state = applyResult(state, result, thresholds);
    out += state.confirmed === null ? "-" : letters[state.confirmed];
  }
  return out;
}

describe("applyResult (defaults: down after 3 failures, up after 2 oks, degraded after 3 not-ok)", () => {
  it.each([
    ["o", "-"],
    ["oo", "-U"],
    ["oof", "-UU"],
    ["ooff", "-UUU"],
    ["oofff", "-UUUX"], // down only on the third consecutive failure
    ["ooffof", "-UUUUU"], // an ok in between resets the count: no flapping
    ["ooffoff", "-UUUUUU"],
    ["ooffoffo", "-UUUUUUU"],
    ["ooffffffo", "-UUUXXXXX"], // one ok is not enough to come back…
    ["ooffffoo", "-UUUXXXU"], // …two are
    ["ooffffofoo", "-UUUXXXXXU"], // a failure restarts the count to come back
    ["ooddd", "-UUUD"], // degraded after three slow checks
    ["ooddo", "-UUUU"],
    ["oodddo", "-UUUDD"], // one ok does not end degraded…
    ["oodddoo", "-UUUDDU"], // …two do
    ["oodddodo", "-UUUDDDD"],
    ["oofdf", "-UUUD"], // a mix of failures and slowness is degraded, not down
    ["oofdfff", "-UUUDDX"],
    ["fff", "--X"],
    ["ddd", "--D"],
    ["ooffffdd", "-UUUXXXD"], // back from down, but slow: degraded
    ["ooffffdo", "-UUUXXXU"], // back from down with the last check ok
  ])("%s -> %s", (sequence, expected) => {
    expect(trace(sequence)).toBe(expected);
  });

  it.each([
    ["ff", { failuresToDown: 1, successesToUp: 1, slowToDegraded: 1 }, "XX"],
    ["fofo", { failuresToDown: 1, successesToUp: 1, slowToDegraded: 1 }, "XUXU"],
    ["ffffo", { failuresToDown: 5, successesToUp: 1, slowToDegraded: 10 }, "----U"],
    ["offfff", { failuresToDown: 5, successesToUp: 1, slowToDegraded: 10 }, "UUUUUX"],
    ["offfffooo", { failuresToDown: 5, successesToUp: 3, slowToDegraded: 10 }, "-----XXXU"],
    ["oooffffoo", { failuresToDown: 5, successesToUp: 3, slowToDegraded: 10 }, "--UUUUUUU"],
  ] as const)("%s with %j -> %s", (sequence, thresholds, expected) => {
    expect(trace(sequence, thresholds)).toBe(expected);
  });

  it("counts consecutive results", () => {
    expect(foldResults(results("oofffd"), DEFAULTS)).toEqual({
      confirmed: "down",
      failures: 0,
      answered: 1,
      oks: 0,
      notOk: 4,
      lastStartedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 5)),
    });
  });

  it("ignores late and replayed results, returning the same state object", () => {
    const [first, second] = results("of");
    const state = applyResult(applyResult(INITIAL_PROBE_STATE, first!, DEFAULTS), second!, DEFAULTS);
    expect(applyResult(state, first!, DEFAULTS)).toBe(state); // older
    expect(applyResult(state, second!, DEFAULTS)).toBe(state); // replay of the last one
    expect(applyResult(state, { ...second!, startedAt: new Date(second!.startedAt.getTime() + 1) }, DEFAULTS)).not.toBe(state);
  });

  it("ignores cancelled checks", () => {
    const state = foldResults(results("oo"), DEFAULTS);
    const aborted: AppliedResult = { outcome: "failed", errorClass: "aborted", startedAt: new Date(Date.UTC(2027, 0, 1)) };
    expect(applyResult(state, aborted, DEFAULTS)).toBe(state);
  });

  it("lets a late result arrive out of order without effect", () => {
    const ordered = results("ooffff");
    const shuffled = [ordered[0]!, ordered[1]!, ordered[2]!, ordered[4]!, ordered[3]!, ordered[5]!];
    // The result at index 3 arrives after index 4 and is dropped, so only 3 failures count.
    expect(foldResults(shuffled, DEFAULTS).failures).toBe(3);
    expect(foldResults(shuffled, DEFAULTS).confirmed).toBe("down");
  });
});

describe("heading: where the streak leads if the next checks answer like the last", () => {
  it.each<[string, Hysteresis, ProbeHealth | null, ProbeHealth | null]>([
    ["", DEFAULTS, null, null],
    ["o", DEFAULTS, null, "up"], // a new probe confirming up
    ["oo", DEFAULTS, "up", "up"],
    ["oof", DEFAULTS, "up", "down"], // a first failure: confirming an outage
    ["ooff", DEFAULTS, "up", "down"],
    ["ooffo", DEFAULTS, "up", "up"], // the streak broke
    ["oofff", DEFAULTS, "down", "down"],
    ["ooffffo", DEFAULTS, "down", "up"], // a first success while down: confirming recovery
    ["ooffffd", DEFAULTS, "down", "degraded"], // back, but slow
    ["ood", DEFAULTS, "up", "degraded"],
    ["oodddo", DEFAULTS, "degraded", "up"],
    // Degraded is confirmed on the way down, but the streak leads on to down.
    ["oof", { failuresToDown: 3, successesToUp: 2, slowToDegraded: 2 }, "up", "down"],
    ["oof", { failuresToDown: 1, successesToUp: 1, slowToDegraded: 1 }, "down", "down"],
  ])("after %j with %j: confirmed %s, heading %s", (sequence, thresholds, confirmed, expected) => {
    const state = foldResults(results(sequence), thresholds);
    expect(state.confirmed).toBe(confirmed);
    expect(heading(state, thresholds)).toBe(expected);
    expect(isConfirming(state, thresholds)).toBe(expected !== confirmed);
  });
});

describe("isNewerResult", () => {
  const at = (iso: string) => ({ startedAt: new Date(iso) });
  it.each([
    [null, "2026-01-01T00:00:00Z", true],
    ["2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", true],
    ["2026-01-01T00:00:01Z", "2026-01-01T00:00:01Z", false],
    ["2026-01-01T00:00:02Z", "2026-01-01T00:00:01Z", false],
  ])("last %s, result %s -> %s", (last, result, expected) => {
    expect(isNewerResult({ lastStartedAt: last === null ? null : new Date(last) }, at(result))).toBe(expected);
  });
});

describe("combineRegions (quorum: at least half the regions with data; unanimous for down)", () => {
  it.each<[Array<ProbeHealth | null>, ProbeStatus | null]>([
    [[], null],
    [[null, null], null],
    [["up"], "up"],
    [["down"], "down"],
    [["degraded"], "degraded"],
    [["up", "up"], "up"],
    [["up", "down"], "partial"], // 1 of 2 is half: quorum, but not unanimous
    [["down", "down"], "down"],
    [["up", "degraded"], "degraded"],
    [["up", "up", "down"], "up"], // 1 of 3: no quorum, the failure does not count
    [["up", "degraded", "down"], "degraded"],
    [["up", "down", "down"], "partial"], // 2 of 3: quorum, regions disagree
    [["down", "down", "down"], "down"],
    [["up", "up", "up", "down"], "up"],
    [["up", "up", "down", "down"], "partial"], // 2 of 4
    [["down", "down", null], "down"], // a region without data does not count
    [["up", "up", "up", "up", "down"], "up"],
    [["degraded", "degraded", "up"], "degraded"],
  ])("%j -> %s", (regions, expected) => {
    expect(combineRegions(regions)).toBe(expected);
  });
});

describe("observedStatus (a component's probes)", () => {
  it.each<[Array<ProbeStatus | null>, string | null]>([
    [[], null],
    [[null], null],
    [["up"], "operational"],
    [["up", "up"], "operational"],
    [["down"], "major_outage"],
    [["down", "down"], "major_outage"],
    [["down", null], "major_outage"],
    [["down", "up"], "partial_outage"],
    [["partial"], "partial_outage"],
    [["partial", "up"], "partial_outage"],
    [["down", "partial"], "partial_outage"],
    [["degraded", "up"], "degraded_performance"],
    [["degraded", "down"], "partial_outage"],
    [["degraded", null], "degraded_performance"],
  ])("%j -> %s", (probes, expected) => {
    expect(observedStatus(probes)).toBe(expected);
  });
});
