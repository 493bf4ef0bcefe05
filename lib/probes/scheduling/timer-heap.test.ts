import { describe, expect, it } from "vitest";
import { TimerHeap } from "./timer-heap";

describe("TimerHeap", () => {
  it("pops in time order whatever the push order", () => {
    const heap = new TimerHeap<number>();
    // A fixed pseudo-random sequence (LCG), with repeated times.
    let seed = 7;
    const times = Array.from({ length: 500 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 1000);
    for (const [i, at] of times.entries()) heap.push(at, i);
    expect(heap.size).toBe(500);
    const popped: number[] = [];
    for (let next = heap.pop(); next; next = heap.pop()) popped.push(next.at);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
    expect(heap.peekAt()).toBeUndefined();
  });

  it("popDue takes only what is due, earliest first, and leaves the rest", () => {
    const heap = new TimerHeap<string>();
    for (const [at, value] of [
      [30, "c"],
      [10, "a"],
      [50, "e"],
      [20, "b"],
      [40, "d"],
    ] as const)
      heap.push(at, value);
    expect(heap.popDue(5)).toEqual([]);
    expect(heap.popDue(30).map((t) => t.value)).toEqual(["a", "b", "c"]);
    expect(heap.peekAt()).toBe(40);
    heap.push(35, "x");
    expect(heap.popDue(100).map((t) => t.value)).toEqual(["x", "d", "e"]);
    heap.push(1, "y");
    heap.clear();
    expect(heap.size).toBe(0);
  });
});
