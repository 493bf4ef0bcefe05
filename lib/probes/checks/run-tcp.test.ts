import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TcpCheck } from "./config";
import { runTcp } from "./run-tcp";
import { closedPort, startSilentTcp, type Running } from "../../../tests/support/probe-servers";

const run = (host: string, port: number, extra: { timeoutMs?: number; degradedAboveMs?: number } = {}, signal?: AbortSignal) =>
  runTcp(TcpCheck.parse({ kind: "tcp", host, port, ...extra }), { region: "eu", ...(signal ? { signal } : {}) });

describe("runTcp", () => {
  let server: Running;
  beforeAll(async () => {
    server = await startSilentTcp();
  });
  afterAll(() => server.close());

  it("connects to a listening port", async () => {
    const result = await run("127.0.0.1", server.port);
    expect(result).toMatchObject({ outcome: "ok", errorClass: null, region: "eu" });
    expect(result.message).toMatch(new RegExp(`^Connected to 127.0.0.1:${server.port} in \\d+ ms$`));
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.dnsMs).toBeUndefined();
  });

  it("times the lookup of a hostname", async () => {
    const result = await run("localhost", server.port);
    expect(result.outcome).toBe("ok");
    expect(result.timings.dnsMs).toBeGreaterThanOrEqual(0);
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    const result = await run("127.0.0.1", port);
    expect(result).toMatchObject({ outcome: "failed", errorClass: "connection_refused", message: `Connection refused by 127.0.0.1:${port}` });
  });

  it("reports a name that does not resolve", async () => {
    const result = await run("nonexistent.invalid", 80, { timeoutMs: 5000 });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "dns_failure" });
  });

  it("reports a check cancelled before it started", async () => {
    const result = await run("127.0.0.1", server.port, {}, AbortSignal.abort());
    expect(result).toMatchObject({ outcome: "failed", errorClass: "aborted" });
  });
});
