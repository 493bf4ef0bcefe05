import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DnsCheck } from "./config";
import { runDns } from "./run-dns";
import { startDns, type Running } from "../../../tests/support/probe-servers";

describe("runDns against a local DNS server", () => {
  let dns: Running;
  const run = (input: Record<string, unknown>) =>
    runDns(DnsCheck.parse({ kind: "dns", resolver: `127.0.0.1:${dns.port}`, timeoutMs: 2000, ...input }), { region: "eu" });

  beforeAll(async () => {
    dns = await startDns({
      "test.vigil.internal": {
        A: ["127.0.0.1", "127.0.0.2"],
        AAAA: ["fd00::1"],
        MX: [
          { priority: 20, exchange: "backup.vigil.internal" },
          { priority: 10, exchange: "mail.vigil.internal" },
        ],
        TXT: [["v=spf1 ", "-all"]],
      },
      "www.vigil.internal": { CNAME: "test.vigil.internal" },
      "empty.vigil.internal": {},
      "slow.vigil.internal": { silent: true },
    });
  });
  afterAll(() => dns.close());

  it("resolves an A record", async () => {
    const result = await run({ name: "test.vigil.internal" });
    expect(result).toMatchObject({ outcome: "ok", errorClass: null });
    expect(result.message).toMatch(/^Resolved test.vigil.internal A to 127.0.0.1, 127.0.0.2 in \d+ ms$/);
    expect(result.timings.dnsMs).toBe(result.timings.totalMs);
  });

  it.each([
    ["A", "127.0.0.2"],
    ["AAAA", "fd00::1"],
    ["CNAME", "TEST.vigil.internal."],
    ["MX", "mail.vigil.internal"],
    ["TXT", "v=spf1 -all"],
  ])("finds the expected %s answer %s", async (recordType, expected) => {
    const name = recordType === "CNAME" ? "www.vigil.internal" : "test.vigil.internal";
    const result = await run({ name, recordType, expected });
    expect(result.outcome, result.message).toBe("ok");
  });

  it("fails when the expected answer is missing", async () => {
    const result = await run({ name: "test.vigil.internal", expected: "10.0.0.1" });
    expect(result).toMatchObject({
      outcome: "failed",
      errorClass: "unexpected_answer",
      message: "Expected 10.0.0.1 among the answers for test.vigil.internal A, got 127.0.0.1, 127.0.0.2",
    });
  });

  it("reports a name that does not exist", async () => {
    const result = await run({ name: "nonexistent.invalid" });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "dns_failure" });
    expect(result.message).toMatch(/does not exist \(NXDOMAIN/);
    expect(result.latencyMs).toBeLessThan(1000);
  });

  it("reports a name without records of the type", async () => {
    const result = await run({ name: "empty.vigil.internal", recordType: "AAAA" });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "dns_failure" });
    expect(result.message).toMatch(/no such records/);
  });

  it("times out when the server does not answer", async () => {
    const result = await run({ name: "slow.vigil.internal", timeoutMs: 300 });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "timeout" });
    expect(result.message).toBe(`Timed out after 300 ms resolving slow.vigil.internal A via 127.0.0.1:${dns.port}`);
    expect(result.latencyMs).toBeLessThan(1500);
  });
});
