import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../checks/config";
import { foldResults, type AppliedResult } from "../state/decide";
import { recheckAt } from "./recheck";

const T = Date.parse("2026-12-01T10:00:00Z");
const OUTCOMES = { o: "ok", d: "degraded", f: "failed" } as const;
const state = (sequence: string) =>
  foldResults(
    [...sequence].map((c, i): AppliedResult => ({ outcome: OUTCOMES[c as keyof typeof OUTCOMES], errorClass: null, startedAt: new Date(T + i * 1000) })),
    DEFAULT_THRESHOLDS,
  );

describe("recheckAt: the next check comes soon while a change is being confirmed", () => {
  const ended = new Date(T + 60_000);
  const nextSlot = new Date(T + 120_000);
  it.each<[string, string, Partial<Thresholds>, number | null, number | null]>([
    // what, results, thresholds, timeout-free next slot (s after the end; null: none), expected (s after the end)
    ["steady up: wait for the slot", "oo", {}, 60, null],
    ["a first failure: re-check 3 s after it ended", "oof", {}, 60, 3],
    ["a second failure: once more", "ooff", {}, 60, 3],
    ["confirmed down: back to the slots", "oofff", {}, 60, null],
    ["a first success while down", "ooffffo", {}, 60, 3],
    ["a new probe's first success", "o", {}, 60, 3],
    ["a slow answer (confirming degraded)", "ood", {}, 60, 3],
    ["re-checks off", "oof", { recheckSeconds: 0 }, 60, null],
    ["a longer re-check", "oof", { recheckSeconds: 20 }, 60, 20],
    ["the slot comes before the re-check could end: the slot is the re-check", "oof", {}, 12, null],
    ["a cron that stops: re-check anyway", "oof", {}, null, 3],
  ])("%s", (_what, results, thresholds, slotInSeconds, expected) => {
    const at = recheckAt({
      state: state(results),
      thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
      endedAt: ended,
      nextSlotAt: slotInSeconds === null ? null : new Date(ended.getTime() + slotInSeconds * 1000),
      timeoutMs: 10_000,
    });
    expect(at === null ? null : (at.getTime() - ended.getTime()) / 1000).toBe(expected);
  });

  it("a re-check that ends exactly at the next slot is made", () => {
    expect(recheckAt({ state: state("oof"), thresholds: DEFAULT_THRESHOLDS, endedAt: ended, nextSlotAt: nextSlot, timeoutMs: 57_000 })).toEqual(
      new Date(T + 63_000),
    );
  });
});
