import { describe, expect, it } from "vitest";
import { forEachLimited } from "./concurrency";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("forEachLimited", () => {
  it.each([
    [1, 5],
    [3, 10],
    [16, 4],
  ])("at most %i at once over %i items, started in order, all done", async (max, count) => {
    const items = Array.from({ length: count }, (_, i) => i);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    await forEachLimited(items, max, async (i) => {
      started.push(i);
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
    });
    expect(started).toEqual(items);
    expect(peak).toBe(Math.min(max, count));
    expect(running).toBe(0);
  });

  it("rejects with a failure once the others have had their turn", async () => {
    const done: number[] = [];
    await expect(
      forEachLimited([0, 1, 2, 3], 2, async (i) => {
        await tick();
        if (i === 1) throw new Error("item 1 failed");
        done.push(i);
      }),
    ).rejects.toThrow("item 1 failed");
    await tick();
    await tick();
    expect(done.sort()).toEqual([0, 2, 3]);
  });

  it("does nothing for no items, and refuses a limit below 1", async () => {
    await expect(forEachLimited([], 4, async () => undefined)).resolves.toBeUndefined();
    await expect(forEachLimited([1], 0, async () => undefined)).rejects.toThrow(RangeError);
  });
});
