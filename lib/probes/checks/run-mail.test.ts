import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MailCheck } from "./config";
import { runMail } from "./run-mail";
import {
  certificateValidBetween,
  closedPort,
  hasOpenssl,
  selfSignedCertificate,
  startBannerTcp,
  startLineMail,
  startSilentTcp,
  startSmtp,
  type Certificate,
  type Running,
} from "../../../tests/support/probe-servers";

// The mail kind against real local servers: smtp-server for SMTP, small IMAP and POP3
// servers that do STARTTLS on the same socket. Certificates are judged like the TLS kind.

const DAY = 86_400_000;
const run = (input: Record<string, unknown>, now?: () => Date) =>
  runMail(MailCheck.parse({ kind: "mail", host: "localhost", timeoutMs: 3000, ...input }), { region: "eu", ...(now ? { now } : {}) });

describe.runIf(hasOpenssl())("runMail", () => {
  const servers: Running[] = [];
  let cert: Certificate;
  beforeAll(() => {
    cert = selfSignedCertificate(30);
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  const started = async <T extends Running>(server: Promise<T>) => {
    const s = await server;
    servers.push(s);
    return s.port;
  };

  it("SMTP with STARTTLS: the greeting, the upgrade and a certificate valid for 30 days", async () => {
    const port = await started(startSmtp({ tls: cert, banner: "Vigil test mail" }));
    const result = await run({ protocol: "smtp", port, verifyTls: false, bannerContains: "Vigil test" });
    expect(result).toMatchObject({ outcome: "ok", errorClass: null });
    expect(result.message).toMatch(/^SMTP "220 .*Vigil test mail"; STARTTLS certificate valid for (29|30) days \(until \d{4}-\d{2}-\d{2}\), in \d+ ms$/);
    expect(result.timings.tlsMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(0);
    // Trusted only when verification is off: the certificate is self-signed.
    expect(await run({ protocol: "smtp", port })).toMatchObject({ outcome: "failed", errorClass: "tls_error" });
    // Judged against the check's clock, like the TLS kind.
    expect(await run({ protocol: "smtp", port, verifyTls: false }, () => new Date(Date.now() + 25 * DAY))).toMatchObject({
      outcome: "failed",
      errorClass: "cert_expiring",
    });
    expect(await run({ protocol: "smtp", port, bannerContains: "Other" })).toMatchObject({ outcome: "failed", errorClass: "keyword_missing" });
  });

  it("SMTP without STARTTLS offered is a protocol error, or fine with tls none", async () => {
    const port = await started(startSmtp());
    const result = await run({ protocol: "smtp", port, verifyTls: false });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "protocol_error" });
    expect(result.message).toMatch(/does not offer STARTTLS: EHLO vigil\.invalid got "250-/);
    expect(await run({ protocol: "smtp", port, tls: "none" })).toMatchObject({ outcome: "ok", message: expect.stringMatching(/\(no TLS\), in \d+ ms$/) });
  });

  it("SMTP with implicit TLS (465-style)", async () => {
    const port = await started(startSmtp({ tls: cert, implicit: true }));
    const result = await run({ protocol: "smtp", port, tls: "implicit", verifyTls: false });
    expect(result).toMatchObject({ outcome: "ok" });
    expect(result.message).toMatch(/^SMTP "220 .*"; TLS certificate valid for/);
  });

  it("IMAP and POP3 with STARTTLS / STLS, and implicit TLS", async () => {
    const imap = await started(startLineMail({ protocol: "imap", tls: cert }));
    expect(await run({ protocol: "imap", port: imap, verifyTls: false })).toMatchObject({
      outcome: "ok",
      message: expect.stringMatching(/^IMAP "\* OK .*"; STARTTLS certificate valid/),
    });
    const pop3 = await started(startLineMail({ protocol: "pop3", tls: cert }));
    expect(await run({ protocol: "pop3", port: pop3, verifyTls: false })).toMatchObject({
      outcome: "ok",
      message: expect.stringMatching(/^POP3 "\+OK .*"; STARTTLS/),
    });
    const imaps = await started(startLineMail({ protocol: "imap", tls: cert, implicit: true }));
    expect(await run({ protocol: "imap", port: imaps, tls: "implicit", verifyTls: false })).toMatchObject({ outcome: "ok" });
    const plainPop = await started(startLineMail({ protocol: "pop3" }));
    expect(await run({ protocol: "pop3", port: plainPop })).toMatchObject({
      outcome: "failed",
      errorClass: "protocol_error",
      message: expect.stringMatching(/does not offer STARTTLS: STLS got "-ERR/),
    });
  });

  it("an expired certificate", async () => {
    const expired = certificateValidBetween("20200101000000Z", "20200201000000Z");
    const port = await started(startLineMail({ protocol: "imap", tls: expired }));
    expect(await run({ protocol: "imap", port, verifyTls: false })).toMatchObject({
      outcome: "failed",
      errorClass: "cert_expired",
      message: 'IMAP "* OK [CAPABILITY IMAP4rev1 STARTTLS] test IMAP ready"; STARTTLS certificate expired on 2020-02-01',
    });
  });

  it("a refusal, the wrong protocol, a refused connection and a server that says nothing", async () => {
    const bye = await started(startLineMail({ protocol: "imap", greeting: "* BYE too busy\r\n" }));
    expect(await run({ protocol: "imap", port: bye })).toMatchObject({
      outcome: "failed",
      errorClass: "unexpected_answer",
      message: `localhost:${bye} refused the session: "* BYE too busy"`,
    });
    const ssh = await started(startBannerTcp({ banner: "SSH-2.0-OpenSSH_9.6\r\n" }));
    for (const protocol of ["smtp", "imap", "pop3"]) {
      const result = await run({ protocol, port: ssh });
      expect(result).toMatchObject({ outcome: "failed", errorClass: "protocol_error" });
      expect(result.message).toMatch(/did not greet like an (SMTP|IMAP|POP3) server \(got "SSH-2.0-OpenSSH_9.6"\)/);
    }
    const port = await closedPort();
    expect(await run({ protocol: "smtp", port })).toMatchObject({ outcome: "failed", errorClass: "connection_refused" });
    const silent = await started(startSilentTcp());
    expect(await run({ protocol: "smtp", port: silent, timeoutMs: 300 })).toMatchObject({
      outcome: "failed",
      errorClass: "timeout",
      message: "Timed out after 300 ms waiting for the greeting",
    });
    // Implicit TLS against a plain-text server: the handshake fails.
    const plain = await started(startLineMail({ protocol: "pop3" }));
    expect(await run({ protocol: "pop3", port: plain, tls: "implicit" })).toMatchObject({ outcome: "failed", errorClass: "tls_error" });
  });

  it("refuses a metadata address before connecting", async () => {
    expect(await run({ protocol: "smtp", host: "169.254.169.254", port: 25 })).toMatchObject({ outcome: "failed", errorClass: "blocked_target" });
  });
});
