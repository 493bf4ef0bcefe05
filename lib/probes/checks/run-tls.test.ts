import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TlsCheck } from "./config";
import { describeTimeLeft, runTls } from "./run-tls";
import { closedPort, hasOpenssl, listen, selfSignedCertificate, startSilentTcp, type Running } from "../../../tests/support/probe-servers";

const DAY = 86_400_000;

describe("describeTimeLeft", () => {
  it.each([
    [5 * DAY + 3_600_000, "5 days"],
    [DAY, "1 day"],
    [7 * 3_600_000, "7 hours"],
    [3_600_000, "1 hour"],
    [59_000, "0 hours"],
  ])("%d ms -> %s", (ms, text) => expect(describeTimeLeft(ms)).toBe(text));
});

describe.skipIf(!hasOpenssl())("runTls against a server with a 3-day self-signed certificate", () => {
  let server: Running;
  let silent: Running;
  const run = (input: Record<string, unknown>, now?: () => Date) =>
    runTls(TlsCheck.parse({ kind: "tls", host: "localhost", port: server.port, ...input }), { region: "us", ...(now ? { now } : {}) });

  beforeAll(async () => {
    const { key, cert } = selfSignedCertificate(3);
    server = await listen(tls.createServer({ key, cert }, (socket) => socket.end()));
    silent = await startSilentTcp();
  });
  afterAll(async () => {
    await server.close();
    await silent.close();
  });

  it("is degraded inside warnDays", async () => {
    const result = await run({ verifyTls: false, warnDays: 14, criticalDays: 2 });
    expect(result).toMatchObject({ outcome: "degraded", errorClass: "cert_expiring" });
    expect(result.message).toMatch(/^Certificate expires in 2 days \(\d{4}-\d{2}-\d{2}\)$/);
    expect(result.timings.tlsMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0);
  });

  it("fails inside criticalDays", async () => {
    const result = await run({ verifyTls: false }); // warn 14, critical 7
    expect(result).toMatchObject({ outcome: "failed", errorClass: "cert_expiring" });
  });

  it("passes with thresholds below the time left", async () => {
    const result = await run({ verifyTls: false, warnDays: 2, criticalDays: 1 });
    expect(result).toMatchObject({ outcome: "ok", errorClass: null });
    expect(result.message).toMatch(/^Certificate valid for 2 days/);
  });

  it("reports an expired certificate (judged against ctx.now)", async () => {
    const result = await run({ verifyTls: false }, () => new Date(Date.now() + 10 * DAY));
    expect(result).toMatchObject({ outcome: "failed", errorClass: "cert_expired" });
    expect(result.message).toMatch(/^Certificate expired on \d{4}-\d{2}-\d{2}$/);
  });

  it("reports an untrusted certificate when verifying", async () => {
    const result = await run({ warnDays: 2, criticalDays: 1 });
    expect(result).toMatchObject({
      outcome: "failed",
      errorClass: "tls_error",
      message: "Certificate not trusted: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)",
    });
  });

  it("times out in a handshake that never completes", async () => {
    const result = await runTls(TlsCheck.parse({ kind: "tls", host: "127.0.0.1", port: silent.port, timeoutMs: 300 }), { region: "us" });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "timeout", message: "Timed out after 300 ms in the TLS handshake" });
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    const result = await runTls(TlsCheck.parse({ kind: "tls", host: "127.0.0.1", port }), { region: "us" });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "connection_refused" });
  });
});
