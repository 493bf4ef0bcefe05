import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TcpCheck } from "./config";
import { runTcp } from "./run-tcp";
import { closedPort, startBannerTcp, startSilentTcp, type Running } from "../../../tests/support/probe-servers";

type Extra = { timeoutMs?: number; degradedAboveMs?: number; send?: string; bannerContains?: string };
const run = (host: string, port: number, extra: Extra = {}, signal?: AbortSignal) =>
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

describe("runTcp with a banner keyword", () => {
  const servers: Running[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  const start = async (options: Parameters<typeof startBannerTcp>[0]) => {
    const server = await startBannerTcp(options);
    servers.push(server);
    return server.port;
  };

  it("passes when the banner contains the text", async () => {
    const port = await start({ banner: "SSH-2.0-OpenSSH_9.6\r\n" });
    const result = await run("127.0.0.1", port, { bannerContains: "SSH-2.0" });
    expect(result).toMatchObject({ outcome: "ok", errorClass: null });
    expect(result.message).toMatch(/; the answer contains "SSH-2.0"$/);
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(0);
  });

  it("sends the text (escapes as line breaks) and reads the reply", async () => {
    const port = await start({ reply: (line) => (line === "PING" ? "+PONG\r\n" : "-ERR unknown\r\n") });
    expect(await run("127.0.0.1", port, { send: "PING\\r\\n", bannerContains: "+PONG" })).toMatchObject({ outcome: "ok" });
    const wrong = await run("127.0.0.1", port, { send: "PONG\\r\\n", bannerContains: "+PONG", timeoutMs: 500 });
    expect(wrong).toMatchObject({ outcome: "failed", errorClass: "keyword_missing" });
    expect(wrong.message).toBe(`127.0.0.1:${port} did not answer "+PONG" within 500 ms (got "-ERR unknown⏎")`);
  });

  it("a different protocol's banner, then a close, is keyword_missing", async () => {
    const port = await start({ banner: "220 mail.example.com ESMTP\r\n", close: true });
    const result = await run("127.0.0.1", port, { bannerContains: "SSH-" });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "keyword_missing" });
    expect(result.message).toMatch(/before it closed the connection \(got "220 mail.example.com ESMTP⏎"\)$/);
  });

  it("a server that accepts and says nothing times out", async () => {
    const silent = await startSilentTcp();
    servers.push(silent);
    const result = await run("127.0.0.1", silent.port, { bannerContains: "SSH-", timeoutMs: 300 });
    expect(result).toMatchObject({
      outcome: "failed",
      errorClass: "timeout",
      message: `Timed out after 300 ms waiting for 127.0.0.1:${silent.port} to answer`,
    });
  });

  it("refuses a metadata address before connecting", async () => {
    const result = await run("169.254.169.254", 80, { bannerContains: "x" });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "blocked_target" });
  });
});
