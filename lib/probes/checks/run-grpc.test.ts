import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GrpcCheck } from "./config";
import { runGrpc } from "./run-grpc";
import {
  certificateValidBetween,
  closedPort,
  hasOpenssl,
  selfSignedCertificate,
  startGrpcHealth,
  startHttp,
  startSilentTcp,
  type Running,
} from "../../../tests/support/probe-servers";

// The gRPC health kind against a real local HTTP/2 server speaking grpc.health.v1.

const run = (port: number, extra: Record<string, unknown> = {}) =>
  runGrpc(GrpcCheck.parse({ kind: "grpc", host: "127.0.0.1", port, tls: false, timeoutMs: 2000, ...extra }), { region: "eu" });

describe("runGrpc", () => {
  const servers: Running[] = [];
  let health: Running;
  beforeAll(async () => {
    health = await startGrpcHealth({ "": "SERVING", "shop.Orders": "SERVING", "shop.Billing": "NOT_SERVING" });
    servers.push(health);
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it("SERVING is up, for the server and for a service", async () => {
    const whole = await run(health.port);
    expect(whole).toMatchObject({ outcome: "ok", errorClass: null });
    expect(whole.message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${health.port} is SERVING in \\d+ ms$`));
    expect(whole.timings.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(await run(health.port, { service: "shop.Orders" })).toMatchObject({
      outcome: "ok",
      message: expect.stringMatching(/^"shop\.Orders" on .* is SERVING/),
    });
  });

  it("NOT_SERVING and an unknown service fail with the answer", async () => {
    expect(await run(health.port, { service: "shop.Billing" })).toMatchObject({
      outcome: "failed",
      errorClass: "unexpected_answer",
      message: `"shop.Billing" on 127.0.0.1:${health.port} reports NOT_SERVING`,
    });
    expect(await run(health.port, { service: "shop.Nope" })).toMatchObject({
      outcome: "failed",
      errorClass: "unexpected_answer",
      message: `127.0.0.1:${health.port} does not know the service "shop.Nope" (NOT_FOUND)`,
    });
  });

  it("refused, hang and a server that is not HTTP/2 gRPC", async () => {
    const port = await closedPort();
    expect(await run(port)).toMatchObject({ outcome: "failed", errorClass: "connection_refused" });
    const silent = await startSilentTcp();
    servers.push(silent);
    expect(await run(silent.port, { timeoutMs: 300 })).toMatchObject({
      outcome: "failed",
      errorClass: "timeout",
      message: "Timed out after 300 ms waiting for the response",
    });
    const http1 = await startHttp((_req, res) => res.end("hello"));
    servers.push(http1);
    expect(await run(http1.port)).toMatchObject({ outcome: "failed", errorClass: "protocol_error" });
  });

  it("refuses a metadata address before connecting", async () => {
    expect(await runGrpc(GrpcCheck.parse({ kind: "grpc", host: "169.254.169.254", port: 50051 }), { region: "eu" })).toMatchObject({
      outcome: "failed",
      errorClass: "blocked_target",
    });
  });

  it.runIf(hasOpenssl())("over TLS: verified, self-signed and expired certificates", async () => {
    const secure = await startGrpcHealth({ "": "SERVING" }, { tls: selfSignedCertificate(30) });
    servers.push(secure);
    expect(await run(secure.port, { host: "localhost", tls: true, verifyTls: false })).toMatchObject({ outcome: "ok" });
    expect(await run(secure.port, { host: "localhost", tls: true })).toMatchObject({ outcome: "failed", errorClass: "tls_error" });
    const expired = await startGrpcHealth({ "": "SERVING" }, { tls: certificateValidBetween("20200101000000Z", "20200201000000Z") });
    servers.push(expired);
    expect(await run(expired.port, { host: "localhost", tls: true })).toMatchObject({ outcome: "failed", errorClass: "tls_error" });
  });
});
