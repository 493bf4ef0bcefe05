import { describe, expect, it } from "vitest";
import { classifyError, errorCode, formatTarget } from "./classify-error";

const ctx = { target: "api.example.com:443", timeoutMs: 10_000, phase: "connecting" };
const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("classifyError", () => {
  it.each([
    ["UND_ERR_CONNECT_TIMEOUT", "timeout", "Timed out after 10 s connecting"],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout", "Timed out after 10 s connecting"],
    ["UND_ERR_BODY_TIMEOUT", "timeout", "Timed out after 10 s connecting"],
    ["ETIMEDOUT", "timeout", "Timed out after 10 s connecting"],
    ["ECONNREFUSED", "connection_refused", "Connection refused by api.example.com:443"],
    ["ENOTFOUND", "dns_failure", "Could not resolve api.example.com (ENOTFOUND)"],
    ["EAI_AGAIN", "dns_failure", "Could not resolve api.example.com (EAI_AGAIN)"],
    ["CERT_HAS_EXPIRED", "tls_error", "TLS error: the certificate has expired (CERT_HAS_EXPIRED)"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls_error", "TLS error: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls_error", "does not cover this hostname"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls_error", "issuer is unknown"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "tls_error", "(SELF_SIGNED_CERT_IN_CHAIN)"],
    ["ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE", "tls_error", "TLS error: the TLS handshake failed"],
    ["ECONNRESET", "connection_reset", "Connection reset by api.example.com:443 connecting"],
    ["UND_ERR_SOCKET", "connection_reset", "Connection closed by api.example.com:443"],
    ["HPE_INVALID_CONSTANT", "network_error", "Invalid HTTP response from api.example.com:443"],
    ["EHOSTUNREACH", "network_error", "No route to api.example.com:443 (EHOSTUNREACH)"],
    ["EWHATEVER", "network_error", "Network error connecting: boom (EWHATEVER)"],
  ])("%s -> %s", (code, errorClass, message) => {
    const failure = classifyError(withCode(code), ctx);
    expect(failure.errorClass).toBe(errorClass);
    expect(failure.message).toContain(message);
  });

  it("looks inside AggregateError (happy eyeballs) and cause", () => {
    const aggregate = new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "all failed");
    expect(classifyError(aggregate, ctx).errorClass).toBe("connection_refused");
    const wrapped = new Error("fetch failed", { cause: withCode("ENOTFOUND") });
    expect(classifyError(wrapped, ctx).errorClass).toBe("dns_failure");
  });

  it("survives things that are not errors", () => {
    expect(classifyError("weird", ctx)).toEqual({ errorClass: "network_error", message: "Network error connecting: weird" });
    expect(errorCode(null)).toBeUndefined();
  });
});

describe("formatTarget", () => {
  it("brackets IPv6 addresses", () => {
    expect(formatTarget("example.com", 443)).toBe("example.com:443");
    expect(formatTarget("fd00::1", 8080)).toBe("[fd00::1]:8080");
  });

  it("names the host of a bracketed target in DNS failures", () => {
    const failure = classifyError(Object.assign(new Error("x"), { code: "ENOTFOUND" }), { ...ctx, target: "[fd00::1]:80" });
    expect(failure.message).toBe("Could not resolve fd00::1 (ENOTFOUND)");
  });
});
