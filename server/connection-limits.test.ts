import { describe, expect, it } from "vitest";
import { PerAddressCounter } from "./connection-limits";

describe("PerAddressCounter", () => {
  it("admits up to the limit per address, independently, and frees a slot on release", () => {
    const counter = new PerAddressCounter(2);
    expect([counter.admit("a"), counter.admit("a"), counter.admit("a"), counter.admit("b")]).toEqual([true, true, false, true]);
    counter.release("a");
    expect(counter.admit("a")).toBe(true);
    counter.release("b");
    expect(counter.count("b")).toBe(0);
  });
});
