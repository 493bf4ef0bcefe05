import { METADATA_ADDRESS_CODE } from "../../net/ssrf";
import { formatDuration, type ProbeErrorClass } from "../result";

// Maps what Node, undici and c-ares throw to an error class and a sentence staff can
// act on. Keyed on error codes, never on message text (messages change between versions).

export interface Failure {
  errorClass: ProbeErrorClass;
  message: string;
}

export interface FailureContext {
  /** "example.com:443", for "Connection refused by …". */
  target: string;
  timeoutMs: number;
  /** What the check was doing, for "Timed out after 10 s connecting". */
  phase: string;
}

const DNS_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NODATA",
  "EAI_NONAME",
  "ENODATA",
  "ESERVFAIL",
  "EREFUSED",
  "EFORMERR",
  "ENONAME",
  "EBADRESP",
]);

const TLS_DESCRIPTIONS: Record<string, string> = {
  CERT_HAS_EXPIRED: "the certificate has expired",
  CERT_NOT_YET_VALID: "the certificate is not valid yet",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "the certificate chain ends in an untrusted self-signed certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the certificate's issuer is unknown (incomplete chain?)",
  UNABLE_TO_GET_ISSUER_CERT: "the certificate's issuer is unknown",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate's issuer is not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "the certificate does not cover this hostname",
  CERT_REVOKED: "the certificate has been revoked",
  CERT_UNTRUSTED: "the certificate is not trusted",
  CERT_REJECTED: "the certificate was rejected",
  ERR_SSL_WRONG_VERSION_NUMBER: "the server did not answer in TLS (plain HTTP on this port?)",
};

/** True for the codes TLS verification and handshakes fail with. */
export function isTlsCode(code: string): boolean {
  return code in TLS_DESCRIPTIONS || code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") || code === "EPROTO" || code.includes("CERT");
}

export function describeTlsCode(code: string): string {
  return TLS_DESCRIPTIONS[code] ?? "the TLS handshake failed";
}

/** The most specific code on an error, looking into `cause` and AggregateError (happy eyeballs). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === "string" && record.code !== "") return record.code;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = errorCode(inner);
      if (code) return code;
    }
  }
  return record.cause === undefined ? undefined : errorCode(record.cause);
}

/** "example.com:443", "[fd00::1]:443": host and port as they appear in a URL. */
export function formatTarget(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export function classifyError(error: unknown, ctx: FailureContext): Failure {
  const code = errorCode(error) ?? "";
  const timedOut = `Timed out after ${formatDuration(ctx.timeoutMs)} ${ctx.phase}`;
  if (
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "ETIMEDOUT" ||
    code === "ETIMEOUT"
  ) {
    return { errorClass: "timeout", message: timedOut };
  }
  // The message names the address and how an admin allows it (checks/target-guard.ts).
  if (code === METADATA_ADDRESS_CODE && error instanceof Error) return { errorClass: "blocked_target", message: error.message };
  if (code === "ECONNREFUSED") return { errorClass: "connection_refused", message: `Connection refused by ${ctx.target}` };
  if (DNS_CODES.has(code)) {
    return { errorClass: "dns_failure", message: `Could not resolve ${hostOf(ctx.target)} (${code})` };
  }
  if (isTlsCode(code)) {
    return { errorClass: "tls_error", message: `TLS error: ${describeTlsCode(code)} (${code})` };
  }
  if (code === "ECONNRESET" || code === "EPIPE") {
    return { errorClass: "connection_reset", message: `Connection reset by ${ctx.target} ${ctx.phase}` };
  }
  if (code === "UND_ERR_SOCKET") {
    return { errorClass: "connection_reset", message: `Connection closed by ${ctx.target} ${ctx.phase}` };
  }
  if (code.startsWith("HPE_")) {
    return { errorClass: "network_error", message: `Invalid HTTP response from ${ctx.target} (${code})` };
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EADDRNOTAVAIL") {
    return { errorClass: "network_error", message: `No route to ${ctx.target} (${code})` };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { errorClass: "network_error", message: `Network error ${ctx.phase}: ${text}${code ? ` (${code})` : ""}` };
}

function hostOf(target: string): string {
  const colon = target.lastIndexOf(":");
  const host = colon > 0 && !target.endsWith("]") ? target.slice(0, colon) : target;
  return host.replace(/^\[(.*)\]$/, "$1");
}
