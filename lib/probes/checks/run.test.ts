import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckConfig } from "./config";
import { combineRegions, foldResults, observedStatus } from "../state/decide";
import { runCheck } from "./run";
import { closedPort, startDns, startHttp, type Running } from "../../../tests/support/probe-servers";

describe("runCheck", () => {
  let web: Running & { url: string };
  let dns: Running;
  beforeAll(async () => {
    web = await startHttp((_req, res) => res.end("ok"));
    dns = await startDns({ "test.vigil.internal": { A: ["127.0.0.1"] } });
  });
  afterAll(async () => {
    await web.close();
    await dns.close();
  });

  it("dispatches on kind", async () => {
    const now = () => new Date("2026-03-10T12:00:00Z");
    const http = await runCheck(CheckConfig.parse({ kind: "http", url: `${web.url}/` }), { region: "eu", now });
    expect(http).toMatchObject({ outcome: "ok", statusCode: 200, region: "eu", startedAt: now() });
    const tcp = await runCheck(CheckConfig.parse({ kind: "tcp", host: "127.0.0.1", port: web.port }), { region: "eu" });
    expect(tcp.message).toMatch(/^Connected to/);
    const dnsResult = await runCheck(
      CheckConfig.parse({ kind: "dns", name: "test.vigil.internal", resolver: `127.0.0.1:${dns.port}`, expected: "127.0.0.1" }),
      { region: "eu" },
    );
    expect(dnsResult.outcome).toBe("ok");
    const tls = await runCheck(CheckConfig.parse({ kind: "tls", host: "127.0.0.1", port: web.port, timeoutMs: 2000 }), { region: "eu" });
    expect(tls).toMatchObject({ outcome: "failed", errorClass: "tls_error" });
  });

  it("turns a runner bug into an internal_error result instead of rejecting", async () => {
    const bogus = { kind: "smtp" } as unknown as CheckConfig;
    const result = await runCheck(bogus, { region: "eu" });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "internal_error", region: "eu" });
    expect(result.message).toContain('unknown probe kind "smtp"');
  });

  it("feeds decide.ts: three refused checks from two regions make a major outage", async () => {
    const config = CheckConfig.parse({ kind: "tcp", host: "127.0.0.1", port: await closedPort() });
    const thresholds = { failuresToDown: 3, successesToUp: 2, slowToDegraded: 3 };
    const byRegion = await Promise.all(
      ["eu", "us"].map(async (region) => {
        const results = [];
        // Checks of one probe are seconds apart in production; here they may share a
        // millisecond, and decide.ts drops a result that is not newer than the last.
        for (let i = 0; i < 3; i++) {
          const now = () => new Date(Date.UTC(2026, 2, 10, 12, 0, i * 30));
          results.push(await runCheck(config, { region, now }));
        }
        return foldResults(results, thresholds).confirmed;
      }),
    );
    expect(byRegion).toEqual(["down", "down"]);
    expect(observedStatus([combineRegions(byRegion)])).toBe("major_outage");
  });
});
