import { describe, expect, it } from "vitest";
import { barGradient, DAY_CODES, dayStatusOf } from "./day-codes";

describe("day codes", () => {
  it.each(Object.entries(DAY_CODES))("%s ↔ %s", (status, code) => {
    expect(dayStatusOf(code)).toBe(status);
  });
  it("reads an unknown letter as no data", () => {
    expect(dayStatusOf("x")).toBe("no_data");
  });
});

describe("barGradient", () => {
  it.each([
    ["", "none"],
    ["oooo", "linear-gradient(90deg,var(--color-st-operational) 0% 100%)"],
    ["nnoo", "linear-gradient(90deg,var(--color-st-nodata) 0% 50%,var(--color-st-operational) 50% 100%)"],
    [
      "opom",
      "linear-gradient(90deg,var(--color-st-operational) 0% 25%,var(--color-st-partial) 25% 50%,var(--color-st-operational) 50% 75%,var(--color-st-major) 75% 100%)",
    ],
    ["ooo", "linear-gradient(90deg,var(--color-st-operational) 0% 100%)"],
  ])("%j → one stop per run", (codes, gradient) => {
    expect(barGradient(codes)).toBe(gradient);
  });
  it("rounds stops to hundredths of a percent", () => {
    expect(barGradient("op".padStart(90, "o"))).toContain("var(--color-st-partial) 98.89% 100%");
  });
});
