import https from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpCheck } from "./config";
import { runHttp } from "./run-http";
import { hasOpenssl, listen, selfSignedCertificate, startHttp, type Certificate, type Running } from "../../../tests/support/probe-servers";

// HTTP checks with basic and bearer auth and with a client certificate (mutual TLS),
// against real local servers that demand them.

const run = (input: Record<string, unknown>) => runHttp(HttpCheck.parse({ kind: "http", timeoutMs: 3000, ...input }), { region: "eu" });

describe("runHttp with credentials", () => {
  let server: Running & { url: string };
  beforeAll(async () => {
    server = await startHttp((req, res) => {
      const auth = req.headers.authorization;
      const ok = auth === `Basic ${Buffer.from("monitor:s3cret:ish").toString("base64")}` || auth === "Bearer tok-123";
      res.statusCode = ok ? 200 : 401;
      res.end(ok ? "ok" : "who are you");
    });
  });
  afterAll(() => server.close());

  it.each([
    ["basic", { type: "basic", username: "monitor", password: "s3cret:ish" }, 200],
    ["bearer", { type: "bearer", token: "tok-123" }, 200],
    ["a wrong password", { type: "basic", username: "monitor", password: "nope" }, 401],
    ["a wrong token", { type: "bearer", token: "tok-999" }, 401],
  ])("%s", async (_name, auth, status) => {
    const result = await run({ url: `${server.url}/private`, auth });
    expect(result.statusCode).toBe(status);
    expect(result.outcome).toBe(status === 200 ? "ok" : "failed");
  });

  it("without credentials the server answers 401", async () => {
    expect(await run({ url: `${server.url}/private` })).toMatchObject({ outcome: "failed", errorClass: "unexpected_status", statusCode: 401 });
  });
});

describe.runIf(hasOpenssl())("runHttp with a client certificate", () => {
  let client: Certificate;
  let other: Certificate;
  let server: Running & { url: string };
  beforeAll(async () => {
    client = selfSignedCertificate(30);
    other = selfSignedCertificate(30);
    const serverCert = selfSignedCertificate(30);
    // Only clients presenting `client` get through the handshake.
    const running = await listen(
      https.createServer({ key: serverCert.key, cert: serverCert.cert, requestCert: true, rejectUnauthorized: true, ca: [client.cert] }, (_req, res) =>
        res.end("hello, client"),
      ),
    );
    server = { ...running, url: `https://localhost:${running.port}` };
  });
  afterAll(() => server.close());

  it("presents the certificate and gets in", async () => {
    const result = await run({ url: server.url, verifyTls: false, clientCertificate: { cert: client.cert, key: client.key }, bodyContains: "hello, client" });
    expect(result).toMatchObject({ outcome: "ok", statusCode: 200 });
  });

  it("without one, or with another, the server ends the handshake", async () => {
    for (const clientCertificate of [undefined, { cert: other.cert, key: other.key }]) {
      const result = await run({ url: server.url, verifyTls: false, ...(clientCertificate ? { clientCertificate } : {}) });
      expect(result.outcome).toBe("failed");
      expect(["tls_error", "connection_reset"]).toContain(result.errorClass);
    }
  });

  it("refuses a key that does not belong to the certificate", () => {
    const parsed = HttpCheck.safeParse({ kind: "http", url: server.url, clientCertificate: { cert: client.cert, key: other.key } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toContain("clientCertificate.key: key does not belong to this certificate");
  });
});
