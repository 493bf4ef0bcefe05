import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketCheck } from "./config";
import { runWebSocket } from "./run-websocket";
import {
  certificateValidBetween,
  closedPort,
  hasOpenssl,
  selfSignedCertificate,
  startBadWebSocketHandshake,
  startHttp,
  startSilentTcp,
  startWebSocket,
  type Running,
} from "../../../tests/support/probe-servers";

// The WebSocket kind against real local servers (ws on 127.0.0.1): the success path and
// one test per fault class.

const run = (url: string, extra: Record<string, unknown> = {}) =>
  runWebSocket(WebSocketCheck.parse({ kind: "websocket", url, timeoutMs: 2000, ...extra }), { region: "eu" });

describe("runWebSocket", () => {
  const servers: Running[] = [];
  let echo: Running & { url: string };
  beforeAll(async () => {
    echo = await startWebSocket({ reply: (m) => (m === "ping" ? "pong from server" : null) });
    servers.push(echo);
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it("opens the upgrade", async () => {
    const result = await run(`${echo.url}/socket`);
    expect(result).toMatchObject({ outcome: "ok", errorClass: null, region: "eu" });
    expect(result.message).toMatch(/^WebSocket to 127\.0\.0\.1:\d+ open in \d+ ms$/);
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(0);
  });

  it("sends a message and expects a reply containing a text", async () => {
    const result = await run(echo.url, { send: "ping", expectContains: "pong" });
    expect(result).toMatchObject({ outcome: "ok" });
    expect(result.message).toMatch(/; the reply contains "pong"$/);
  });

  it("no reply is a timeout; a reply without the text is keyword_missing", async () => {
    const silent = await run(echo.url, { send: "hello", expectContains: "pong", timeoutMs: 300 });
    expect(silent).toMatchObject({ outcome: "failed", errorClass: "timeout", message: "Timed out after 300 ms waiting for a reply" });
    const other = await startWebSocket({ reply: () => "nope" });
    servers.push(other);
    const wrong = await run(other.url, { send: "ping", expectContains: "pong", timeoutMs: 300 });
    expect(wrong).toMatchObject({ outcome: "failed", errorClass: "keyword_missing", message: 'No reply containing "pong" within 300 ms (got "nope")' });
  });

  it("a refused connection", async () => {
    const port = await closedPort();
    expect(await run(`ws://127.0.0.1:${port}`)).toMatchObject({
      outcome: "failed",
      errorClass: "connection_refused",
      message: `Connection refused by 127.0.0.1:${port}`,
    });
  });

  it("a server that accepts and never answers times out", async () => {
    const silent = await startSilentTcp();
    servers.push(silent);
    expect(await run(`ws://127.0.0.1:${silent.port}`, { timeoutMs: 300 })).toMatchObject({
      outcome: "failed",
      errorClass: "timeout",
      message: "Timed out after 300 ms waiting for the upgrade",
    });
  });

  it("an HTTP server that does not upgrade is unexpected_status; a wrong accept key is protocol_error", async () => {
    const plain = await startHttp((_req, res) => res.end("hello"));
    servers.push(plain);
    const result = await run(`ws://127.0.0.1:${plain.port}/`);
    expect(result).toMatchObject({ outcome: "failed", errorClass: "unexpected_status", statusCode: 200 });
    expect(result.message).toBe(`127.0.0.1:${plain.port} answered 200 instead of upgrading to a WebSocket (101)`);
    const bad = await startBadWebSocketHandshake();
    servers.push(bad);
    const handshake = await run(bad.url);
    expect(handshake).toMatchObject({ outcome: "failed", errorClass: "protocol_error" });
    expect(handshake.message).toMatch(/did not complete a WebSocket upgrade: Invalid Sec-WebSocket-Accept header/);
  });

  it("refuses a metadata address before connecting", async () => {
    expect(await run("ws://169.254.169.254/")).toMatchObject({ outcome: "failed", errorClass: "blocked_target" });
  });

  it.runIf(hasOpenssl())("wss://: a self-signed certificate fails verification unless it is off; an expired one is a TLS error", async () => {
    const secure = await startWebSocket({ tls: selfSignedCertificate(30) });
    servers.push(secure);
    const url = secure.url.replace("127.0.0.1", "localhost");
    expect(await run(url)).toMatchObject({
      outcome: "failed",
      errorClass: "tls_error",
      message: "TLS error: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)",
    });
    expect(await run(url, { verifyTls: false })).toMatchObject({ outcome: "ok" });
    const expired = await startWebSocket({ tls: certificateValidBetween("20200101000000Z", "20200201000000Z") });
    servers.push(expired);
    expect(await run(expired.url.replace("127.0.0.1", "localhost"))).toMatchObject({
      outcome: "failed",
      errorClass: "tls_error",
      message: "TLS error: the certificate has expired (CERT_HAS_EXPIRED)",
    });
  });
});
