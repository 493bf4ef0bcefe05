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
    ["oooo", "linear-gradient(90deg,var(--o) 0% 100%)"],
    ["nnoo", "linear-gradient(90deg,var(--n) 0% 50%,var(--o) 50% 100%)"],
    ["opom", "linear-gradient(90deg,var(--o) 0% 25%,var(--p) 25% 50%,var(--o) 50% 75%,var(--m) 75% 100%)"],
    ["ooo", "linear-gradient(90deg,var(--o) 0% 100%)"],
  ])("%j → one stop per run", (codes, gradient) => {
    expect(barGradient(codes)).toBe(gradient);
  });
  it("rounds stops to hundredths of a percent", () => {
    expect(barGradient("op".padStart(90, "o"))).toContain("var(--p) 98.89% 100%");
  });
});
