import { describe, expect, it } from "vitest";
import { MIN_STALE_MS, probeStatusAt, staleAfterMs, votingRegions, type RegionState } from "./observe";

const at = new Date("2026-03-10T12:00:00Z");
const ago = (seconds: number) => new Date(at.getTime() - seconds * 1000);
const region = (name: string, confirmed: RegionState["confirmed"], secondsAgo: number | null): RegionState => ({
  region: name,
  confirmed,
  lastStartedAt: secondsAgo === null ? null : ago(secondsAgo),
});

describe("staleAfterMs", () => {
  it("is three intervals (plus jitter), at least two minutes", () => {
    expect(staleAfterMs({ id: "p", schedule: { intervalSeconds: 60 } }, at)).toBe(180_000);
    expect(staleAfterMs({ id: "p", schedule: { intervalSeconds: 60, jitterSeconds: 20 } }, at)).toBe(200_000);
    expect(staleAfterMs({ id: "p", schedule: { intervalSeconds: 10 } }, at)).toBe(MIN_STALE_MS);
  });

  it("uses a cron's period", () => {
    expect(staleAfterMs({ id: "p", schedule: { cron: "0 */5 * * * *" } }, at)).toBe(15 * 60_000);
    expect(staleAfterMs({ id: "p", schedule: { cron: "*/30 * * * * *" } }, at)).toBe(MIN_STALE_MS);
  });
});

describe("probeStatusAt: quorum over the regions that are still reporting", () => {
  const STALE = 180_000;
  it.each<[string, RegionState[], string | null]>([
    ["no region yet", [], null],
    ["one region without a confirmed state", [region("eu", null, 10)], null],
    ["one region down", [region("eu", "down", 10)], "down"],
    ["one of two down is half: a quorum, not unanimous", [region("eu", "down", 10), region("us", "up", 10)], "partial"],
    ["one of three down: no quorum", [region("eu", "down", 10), region("us", "up", 10), region("ap", "up", 10)], "up"],
    ["two of three down", [region("eu", "down", 10), region("us", "down", 10), region("ap", "up", 10)], "partial"],
    ["a stale down region does not vote", [region("eu", "down", 600), region("us", "up", 10)], "up"],
    ["a stale up region does not vote either", [region("eu", "down", 10), region("us", "up", 600)], "down"],
    ["all stale: the last known states stand", [region("eu", "down", 600), region("us", "down", 900)], "down"],
    ["a region that never reported counts only when none is fresh", [region("eu", null, null), region("us", "degraded", 10)], "degraded"],
  ])("%s", (_name, regions, expected) => {
    expect(probeStatusAt(regions, at, STALE)).toBe(expected);
  });

  it("votingRegions keeps the fresh ones, or all when none is fresh", () => {
    const regions = [region("eu", "up", 10), region("us", "down", 600)];
    expect(votingRegions(regions, at, STALE).map((r) => r.region)).toEqual(["eu"]);
    expect(votingRegions([region("us", "down", 600)], at, STALE).map((r) => r.region)).toEqual(["us"]);
  });
});
