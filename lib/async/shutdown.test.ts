import { describe, expect, it } from "vitest";
import { onShutdown, shutdownAll } from "./shutdown";

describe("shutdownAll", () => {
  it("runs every stop at once and names those still running at the deadline", async () => {
    const stopped: string[] = [];
    onShutdown("quick", async () => void stopped.push("quick"));
    onShutdown("failing", async () => {
      throw new Error("boom");
    });
    onShutdown("stuck", () => new Promise(() => undefined));
    const started = Date.now();
    expect(await shutdownAll(50)).toEqual(["stuck"]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(stopped).toEqual(["quick"]);
  });
});
