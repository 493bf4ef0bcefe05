import { describe, expect, it } from "vitest";
import { needsStepUp, STEP_UP_WINDOW_MS } from "./step-up";

describe("needsStepUp", () => {
  const now = new Date("2026-12-02T10:00:00Z");
  it.each([
    ["never proven", null, true],
    ["just now", now, false],
    ["at the edge of the window", new Date(now.getTime() - STEP_UP_WINDOW_MS), false],
    ["a moment too long ago", new Date(now.getTime() - STEP_UP_WINDOW_MS - 1), true],
  ])("%s → %s", (_, at, needed) => expect(needsStepUp(at, now)).toBe(needed));
});
