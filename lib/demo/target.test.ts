import { describe, expect, it } from "vitest";
import { demoLatencyMs, demoTargetResponse, isDemoTargetPath } from "./target";

describe("the demo target", () => {
  it("answers 200 {status: UP} for a slug after its own short delay, and no body to HEAD", async () => {
    const started = performance.now();
    const res = await demoTargetResponse("GET", "/demo-target/hubdoc", () => 0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(demoLatencyMs("hubdoc", () => 0) - 2);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body!.toString())).toEqual({ status: "UP" });
    expect(res.headers).toMatchObject({ "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
    const head = await demoTargetResponse("HEAD", "/demo-target/hubdoc", () => 0);
    expect(head).toMatchObject({ status: 200, body: null });
  });

  it("keeps each slug's latency steady and under 80 ms", () => {
    for (const slug of ["verify", "hubdoc", "tax-uk", "workflowmax"]) {
      const low = demoLatencyMs(slug, () => 0);
      expect(low).toBeGreaterThanOrEqual(10);
      expect(demoLatencyMs(slug, () => 0.999)).toBeLessThan(80);
      expect(demoLatencyMs(slug, () => 0)).toBe(low);
    }
  });

  it("answers 404 at once for anything that is not a slug", async () => {
    for (const path of ["/demo-target/", "/demo-target/a/b", "/demo-target/UPPER", `/demo-target/${"x".repeat(65)}`]) {
      expect(isDemoTargetPath(path)).toBe(true);
      expect((await demoTargetResponse("GET", path)).status).toBe(404);
    }
    expect(isDemoTargetPath("/demo-targets")).toBe(false);
  });
});
