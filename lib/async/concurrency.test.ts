import { describe, expect, it } from "vitest";
import { createLimiter, createOverlapGuard } from "./concurrency";

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createLimiter", () => {
  it("runs at most `max` tasks at once, the rest in FIFO order", async () => {
    const limit = createLimiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const all = gates.map((gate, i) =>
      limit(async () => {
        started.push(i);
        running += 1;
        peak = Math.max(peak, running);
        await gate.promise;
        running -= 1;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([limit.active, limit.pending]).toEqual([2, 2]);
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect([limit.active, limit.pending]).toEqual([2, 1]);
    gates[0]?.resolve();
    gates[2]?.resolve();
    gates[3]?.resolve();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
    expect([limit.active, limit.pending]).toEqual([0, 0]);
  });

  it("frees the slot when a task rejects or throws synchronously", async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(
      limit(() => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    expect(await limit(async () => "still works")).toBe("still works");
    expect(limit.active).toBe(0);
  });

  it("rejects a bad max", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});

describe("createOverlapGuard", () => {
  it("skips a probe that is still running and allows others", async () => {
    const guard = createOverlapGuard();
    const gate = deferred<string>();
    const first = guard.run("p1", () => gate.promise);
    expect(guard.isRunning("p1")).toBe(true);
    expect(await guard.run("p1", async () => "second")).toEqual({ ran: false });
    expect(await guard.run("p2", async () => "other")).toEqual({ ran: true, value: "other" });
    expect(guard.running).toBe(1);
    gate.resolve("first");
    expect(await first).toEqual({ ran: true, value: "first" });
    expect(guard.isRunning("p1")).toBe(false);
    expect(await guard.run("p1", async () => "again")).toEqual({ ran: true, value: "again" });
  });

  it("releases the probe when the task fails", async () => {
    const guard = createOverlapGuard();
    await expect(guard.run("p1", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(guard.isRunning("p1")).toBe(false);
  });
});
