import https from "node:https";
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpCheck, type CheckConfigInput } from "./config";
import type { ProbeResult } from "../result";
import { runHttp } from "./run-http";
import { closedPort, hasOpenssl, listen, selfSignedCertificate, startHttp, startSilentTcp, type Running } from "../../../tests/support/probe-servers";

const ctx = { region: "test" };
type HttpInput = Omit<Extract<CheckConfigInput, { kind: "http" }>, "kind">;
const check = (input: HttpInput, options: { signal?: AbortSignal } = {}) => runHttp(HttpCheck.parse({ kind: "http", ...input }), { ...ctx, ...options });

const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];

const routes: Record<string, http.RequestListener> = {
  "/ok": (_req, res) => res.end("all good"),
  "/json": (_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ status: "ok", checks: [{ name: "db", latency: 12 }], version: "1.2.3" }));
  },
  "/not-json": (_req, res) => res.end("<html>"),
  "/503": (_req, res) => {
    res.statusCode = 503;
    res.end("down");
  },
  "/echo": (req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.end("echoed");
    });
  },
  "/redirect": (_req, res) => {
    res.writeHead(302, { location: "/ok" });
    res.end();
  },
  "/see-other": (_req, res) => {
    res.writeHead(303, { location: "/echo" });
    res.end();
  },
  "/loop": (_req, res) => {
    res.writeHead(301, { location: "/loop" });
    res.end();
  },
  "/ftp": (_req, res) => {
    res.writeHead(302, { location: "ftp://example.com/file" });
    res.end();
  },
  "/slow": (_req, res) => void setTimeout(() => res.end("late"), 150),
  "/hang": () => undefined,
  "/stall-body": (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.write("first part");
  },
  "/endless": (_req, res) => {
    const chunk = Buffer.alloc(64 * 1024, "x");
    const pump = () => {
      while (res.write(chunk)) {
        /* fill the buffer */
      }
    };
    res.on("drain", pump);
    pump();
  },
  "/big": (_req, res) => res.end("y".repeat(5000)),
  "/reset": (req) => req.socket.destroy(),
};

let server: Running & { url: string };
let other: Running & { url: string };

beforeAll(async () => {
  server = await startHttp((req, res) => {
    const chain = /^\/chain\/(\d+)$/.exec(req.url ?? "");
    if (chain) {
      const left = Number(chain[1]);
      if (left === 0) res.end("end of chain");
      else res.writeHead(302, { location: `/chain/${left - 1}` }).end();
      return;
    }
    const route = routes[(req.url ?? "").split("?")[0] ?? ""];
    if (route) route(req, res);
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  // A second origin, to test that credentials are not forwarded across origins.
  other = await startHttp((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers, body: "" });
    if (req.url === "/cross") {
      res.writeHead(302, { location: `${server.url}/echo` });
      res.end();
    } else res.end("other");
  });
});

afterAll(async () => {
  await server.close();
  await other.close();
});

function expectFailure(result: ProbeResult, errorClass: ProbeResult["errorClass"], message: RegExp | string) {
  expect(result.outcome).toBe("failed");
  expect(result.errorClass).toBe(errorClass);
  expect(result.message).toMatch(message);
}

describe("runHttp against a real server", () => {
  it("passes a 200 and reports timings", async () => {
    const startedBefore = Date.now();
    const result = await check({ url: `${server.url}/ok`, bodyContains: "good" });
    expect(result).toMatchObject({ outcome: "ok", errorClass: null, statusCode: 200, region: "test" });
    expect(result.message).toMatch(/^Status 200 in \d+ ms$/);
    expect(result.startedAt.getTime()).toBeGreaterThanOrEqual(startedBefore);
    expect(result.latencyMs).toBe(result.timings.totalMs);
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.dnsMs).toBeUndefined(); // an IP literal needs no lookup
    expect(result.timings.tlsMs).toBeUndefined();
  });

  it("times the DNS lookup of a hostname", async () => {
    const result = await check({ url: `http://localhost:${server.port}/ok` });
    expect(result.outcome).toBe("ok");
    expect(result.timings.dnsMs).toBeGreaterThanOrEqual(0);
  });

  it("fails an unexpected status with both codes in the message", async () => {
    const result = await check({ url: `${server.url}/503` });
    expectFailure(result, "unexpected_status", "Unexpected status 503 (expected 200-399)");
    expect(result.statusCode).toBe(503);
  });

  it("accepts a status listed in expectedStatus", async () => {
    const result = await check({ url: `${server.url}/503`, expectedStatus: "200-299,503" });
    expect(result.outcome).toBe("ok");
  });

  it("checks keywords", async () => {
    expectFailure(await check({ url: `${server.url}/ok`, bodyContains: "healthy" }), "keyword_missing", 'does not contain "healthy"');
    expectFailure(await check({ url: `${server.url}/ok`, bodyNotContains: "good" }), "keyword_present", 'contains "good"');
    expect((await check({ url: `${server.url}/ok`, bodyNotContains: "error" })).outcome).toBe("ok");
  });

  it("evaluates JSON assertions", async () => {
    const url = `${server.url}/json`;
    const pass = await check({
      url,
      jsonAssertions: [
        { path: "$.status", op: "==", value: "ok" },
        { path: "$.checks[0].latency", op: "<", value: 100 },
        { path: '$["version"]', op: "contains", value: "1.2" },
        { path: "$.checks", op: "exists" },
      ],
    });
    expect(pass.outcome).toBe("ok");
    const fail = await check({ url, jsonAssertions: [{ path: "$.checks[0].latency", op: ">", value: 100 }] });
    expectFailure(fail, "assertion_failed", "Expected $.checks[0].latency > 100, got a number not above it");
    const missing = await check({ url, jsonAssertions: [{ path: "$.uptime", op: "exists" }] });
    expectFailure(missing, "assertion_failed", "no value at $.uptime");
    const notJson = await check({ url: `${server.url}/not-json`, jsonAssertions: [{ path: "$", op: "exists" }] });
    expectFailure(notJson, "assertion_failed", "not valid JSON");
  });

  it("follows redirects and reports the final status", async () => {
    const result = await check({ url: `${server.url}/redirect`, bodyContains: "all good" });
    expect(result).toMatchObject({ outcome: "ok", statusCode: 200 });
  });

  it("judges the redirect itself when followRedirects is off", async () => {
    const result = await check({ url: `${server.url}/redirect`, followRedirects: false, expectedStatus: "200" });
    expectFailure(result, "unexpected_status", "Unexpected status 302 (expected 200)");
  });

  it("stops after maxRedirects", async () => {
    const result = await check({ url: `${server.url}/loop`, maxRedirects: 3 });
    expectFailure(result, "too_many_redirects", "Stopped after 3 redirects (301 to /loop)");
  });

  it("follows exactly maxRedirects redirects", async () => {
    expect((await check({ url: `${server.url}/chain/2`, maxRedirects: 2, bodyContains: "end of chain" })).outcome).toBe("ok");
    expectFailure(await check({ url: `${server.url}/chain/2`, maxRedirects: 1 }), "too_many_redirects", "Stopped after 1 redirect (302 to /chain/0)");
  });

  it("refuses a redirect to a non-HTTP URL", async () => {
    expectFailure(await check({ url: `${server.url}/ftp` }), "invalid_redirect", "ftp://example.com/file");
  });

  it("sends method, headers and body, and turns POST into GET after 303", async () => {
    seen.length = 0;
    await check({ url: `${server.url}/echo`, method: "PUT", headers: { "X-Token": "abc" }, body: "payload" });
    expect(seen[0]).toMatchObject({ method: "PUT", body: "payload", headers: { "x-token": "abc", "user-agent": "Vigil-Probe/1.0" } });
    seen.length = 0;
    const result = await check({ url: `${server.url}/see-other`, method: "POST", body: "form=1" });
    expect(result.outcome).toBe("ok");
    expect(seen[0]).toMatchObject({ method: "GET", body: "" });
  });

  it("drops credentials when a redirect leaves the origin", async () => {
    seen.length = 0;
    await check({ url: `${other.url}/cross`, headers: { Authorization: "Bearer secret", "X-Keep": "1" } });
    expect(seen.map((s) => s.url)).toEqual(["/cross", "/echo"]);
    expect(seen[0]?.headers.authorization).toBe("Bearer secret");
    expect(seen[1]?.headers.authorization).toBeUndefined();
    expect(seen[1]?.headers["x-keep"]).toBe("1");
  });

  it("sends HEAD", async () => {
    seen.length = 0;
    expect((await check({ url: `${server.url}/echo`, method: "HEAD" })).outcome).toBe("ok");
    expect(seen[0]?.method).toBe("HEAD");
  });

  it("is degraded when slower than degradedAboveMs", async () => {
    const result = await check({ url: `${server.url}/slow`, degradedAboveMs: 50 });
    expect(result).toMatchObject({ outcome: "degraded", errorClass: "slow_response", statusCode: 200 });
    expect(result.message).toMatch(/^Status 200 in \d+ ms, slower than 50 ms$/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(140);
  });

  it("times out waiting for headers", async () => {
    const result = await check({ url: `${server.url}/hang`, timeoutMs: 300 });
    expectFailure(result, "timeout", "Timed out after 300 ms waiting for the response");
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.latencyMs).toBeLessThan(2000);
  });

  it("times out reading a stalled body", async () => {
    const result = await check({ url: `${server.url}/stall-body`, timeoutMs: 300 });
    expectFailure(result, "timeout", "Timed out after 300 ms reading the body");
  });

  it("stops reading an endless body at maxBodyBytes", async () => {
    const result = await check({ url: `${server.url}/endless`, maxBodyBytes: 100_000, bodyContains: "x", timeoutMs: 5000 });
    expectFailure(result, "body_too_large", "larger than 100000 bytes");
    expect(result.latencyMs).toBeLessThan(2000);
    const noChecks = await check({ url: `${server.url}/endless`, maxBodyBytes: 100_000, timeoutMs: 5000 });
    expect(noChecks.outcome).toBe("ok"); // nothing needs the body, so the cap is not a failure
  });

  it("fails body checks on a body over maxBodyBytes", async () => {
    const result = await check({ url: `${server.url}/big`, maxBodyBytes: 1024, bodyContains: "y" });
    expectFailure(result, "body_too_large", "larger than 1 KiB");
  });

  it("maps a refused connection", async () => {
    const port = await closedPort();
    const result = await check({ url: `http://127.0.0.1:${port}/` });
    expectFailure(result, "connection_refused", `Connection refused by 127.0.0.1:${port}`);
  });

  it("maps a name that does not resolve", async () => {
    const result = await check({ url: "http://nonexistent.invalid/", timeoutMs: 5000 });
    expectFailure(result, "dns_failure", "Could not resolve nonexistent.invalid");
  });

  it("maps a connection closed before the response", async () => {
    expectFailure(await check({ url: `${server.url}/reset` }), "connection_reset", `127.0.0.1:${server.port}`);
  });

  it("reports a cancelled check as aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await check({ url: `${server.url}/hang`, timeoutMs: 5000 }, { signal: controller.signal });
    expectFailure(result, "aborted", "cancelled while waiting for the response");
    expect(result.latencyMs).toBeLessThan(1000);
  });

  it("reports a plain-TCP server on an https URL as a TLS error", async () => {
    const result = await check({ url: `https://127.0.0.1:${server.port}/ok` });
    expectFailure(result, "tls_error", "ERR_SSL_WRONG_VERSION_NUMBER");
  });
});

describe.skipIf(!hasOpenssl())("runHttp over TLS", () => {
  let tlsServer: Running;
  let silent: Running;

  beforeAll(async () => {
    const { key, cert } = selfSignedCertificate(3);
    tlsServer = await listen(https.createServer({ key, cert }, (_req, res) => res.end("secure")));
    silent = await startSilentTcp();
  });

  afterAll(async () => {
    await tlsServer.close();
    await silent.close();
  });

  it("rejects a self-signed certificate by default", async () => {
    const result = await check({ url: `https://localhost:${tlsServer.port}/` });
    expectFailure(result, "tls_error", "TLS error: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)");
  });

  it("accepts it with verifyTls off and times the handshake", async () => {
    const result = await check({ url: `https://localhost:${tlsServer.port}/`, verifyTls: false, bodyContains: "secure" });
    expect(result).toMatchObject({ outcome: "ok", statusCode: 200 });
    expect(result.timings.dnsMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.tlsMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(0);
  });

  it("times out in a TLS handshake that never completes", async () => {
    const result = await check({ url: `https://127.0.0.1:${silent.port}/`, timeoutMs: 300 });
    expectFailure(result, "timeout", "Timed out after 300 ms in the TLS handshake");
  });
});
