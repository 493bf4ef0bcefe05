import net, { isIP, type Socket } from "node:net";
import tls from "node:tls";
import { Client, errors, type Dispatcher, type buildConnector } from "undici";
import { classifyError, formatTarget } from "./classify-error";
import { type TargetGuard, targetGuard } from "./target-guard";
import type { ClientCertificate, HttpAuth, HttpCheck } from "./config";
import { createDeadline, type Deadline } from "./deadline";
import { checkJsonAssertion } from "./json-path";
import { formatDuration, startCheck, type Outcome, type PhaseTimings, type ProbeResult, type RunContext } from "../result";
import { formatStatusRanges, statusMatches } from "./status-ranges";

// runHttp(config, ctx): one HTTP check. Never throws.
//
// Bounded at every step: one deadline of timeoutMs covers the whole check (all
// redirects and the body); undici's own connect/headers/body timeouts are set to the
// remaining budget too, because its defaults are 300 s. Redirects are followed here,
// one fresh Client per hop, so each hop gets its own bounded connection and timings.
// At most maxBodyBytes are read; the body stream is destroyed beyond that.
//
// Timings come from our own connector (undici's `connect` option), which opens the
// socket itself and listens to that socket's events: 'lookup' (DNS done), 'connect'
// (TCP done), 'secureConnect' (TLS done). They are per socket, so concurrent checks
// cannot mix them up (undici's diagnostics_channel is process-wide and would need
// correlating). Phase durations of the last hop:
//   dnsMs = lookup - start (absent for IP literals)   connectMs = connect - lookup
//   tlsMs = secureConnect - connect                   firstByteMs = headers - socket ready
// and totalMs = the whole check including redirects and reading the body.

const USER_AGENT = "Vigil-Probe/1.0";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Credentials are not sent to another origin after a redirect (as browsers do).
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

type ResponseHeaders = Dispatcher.ResponseData["headers"];

interface Hop {
  https: boolean;
  target: string;
  start: number;
  lookupAt?: number;
  connectAt?: number;
  secureAt?: number;
  headersAt?: number;
  sockets: Socket[];
  client?: Client;
}

export async function runHttp(config: HttpCheck, ctx: RunContext): Promise<ProbeResult> {
  const check = startCheck(ctx);
  const deadline = createDeadline(config.timeoutMs, ctx.signal);
  let hop: Hop | undefined;
  try {
    const { totalMs, ...outcome } = await checkHttp(config, deadline, (h) => (hop = h), check.elapsed, targetGuard(ctx));
    return check.finish({ ...outcome, timings: hopTimings(hop) }, totalMs);
  } catch (error) {
    const cause = deadline.cause();
    const phase = hop ? hopPhase(hop) : "connecting";
    const timings = hopTimings(hop);
    if (cause === "aborted") {
      return check.finish({ outcome: "failed", errorClass: "aborted", message: `Check cancelled while ${phase}`, timings });
    }
    const failure =
      cause === "timeout"
        ? { errorClass: "timeout" as const, message: `Timed out after ${formatDuration(config.timeoutMs)} ${phase}` }
        : classifyError(error, { target: hop?.target ?? config.url, timeoutMs: config.timeoutMs, phase });
    return check.finish({ outcome: "failed", ...failure, timings });
  } finally {
    deadline.dispose();
    if (hop) await closeHop(hop);
  }
}

async function checkHttp(config: HttpCheck, deadline: Deadline, onHop: (hop: Hop) => void, elapsed: () => number, guard: TargetGuard): Promise<Verdict> {
  let url = new URL(config.url);
  let method: string = config.method;
  let body = config.body;
  let headers = requestHeaders(config.headers, config.auth);
  const origin = url.origin;
  for (let redirects = 0; ; redirects++) {
    // The client certificate, like the credentials, only goes to the probe's own origin.
    const hop = openHop(url, deadline, config.verifyTls, guard, url.origin === origin ? config.clientCertificate : undefined);
    onHop(hop);
    const client = hop.client as Client;
    const response = await client.request({
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      body: body ?? null,
      signal: deadline.signal,
    });
    hop.headersAt = performance.now();
    const { statusCode } = response;
    const location = config.followRedirects ? redirectLocation(statusCode, response.headers) : null;
    if (location === null) {
      const read = await readBody(response.body, config, response.headers);
      return judge(config, statusCode, read, elapsed());
    }
    discard(response.body);
    await closeHop(hop);
    if (redirects >= config.maxRedirects) {
      const count = `${config.maxRedirects} redirect${config.maxRedirects === 1 ? "" : "s"}`;
      return fail("too_many_redirects", `Stopped after ${count} (${statusCode} to ${location})`, statusCode);
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return fail("invalid_redirect", `Redirect ${statusCode} to an invalid location: ${location}`, statusCode);
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") {
      return fail("invalid_redirect", `Redirect ${statusCode} to a non-HTTP location: ${location}`, statusCode);
    }
    // 303 always, and 301/302 after POST, turn into GET without a body (as browsers do).
    if ((statusCode === 303 && method !== "HEAD") || ((statusCode === 301 || statusCode === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
      headers = omit(headers, ["content-type", "content-length"]);
    }
    if (next.origin !== url.origin) headers = omit(headers, CREDENTIAL_HEADERS);
    url = next;
  }
}

/** An outcome without timings; totalMs when the message quotes it, so both agree. */
type Verdict = Omit<Outcome, "timings"> & { totalMs?: number };

function fail(errorClass: Outcome["errorClass"], message: string, statusCode?: number): Verdict {
  return { outcome: "failed", errorClass, message, ...(statusCode === undefined ? {} : { statusCode }) };
}

interface BodyRead {
  bytes: Buffer;
  /** More than maxBodyBytes were sent; `bytes` holds only the first maxBodyBytes. */
  truncated: boolean;
}

function checksBody(config: HttpCheck): boolean {
  return config.bodyContains !== undefined || config.bodyNotContains !== undefined || config.jsonAssertions.length > 0;
}

type Body = Dispatcher.ResponseData["body"];

/** Stops reading a body; undici's stream then emits an abort error nobody needs. */
function discard(body: Body): void {
  body.on("error", () => undefined);
  body.destroy();
}

async function readBody(body: Body, config: HttpCheck, headers: ResponseHeaders): Promise<BodyRead> {
  const declared = Number(headers["content-length"]);
  if (checksBody(config) && Number.isFinite(declared) && declared > config.maxBodyBytes) {
    discard(body);
    return { bytes: Buffer.alloc(0), truncated: true };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > config.maxBodyBytes) {
      chunks.push(chunk.subarray(0, config.maxBodyBytes - size));
      discard(body);
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

function judge(config: HttpCheck, statusCode: number, read: BodyRead, totalMs: number): Verdict {
  if (!statusMatches(config.expectedStatus, statusCode)) {
    return fail("unexpected_status", `Unexpected status ${statusCode} (expected ${formatStatusRanges(config.expectedStatus)})`, statusCode);
  }
  if (checksBody(config)) {
    if (read.truncated) {
      return fail("body_too_large", `Response body is larger than ${formatBytes(config.maxBodyBytes)}, too large to check`, statusCode);
    }
    const text = new TextDecoder().decode(read.bytes);
    if (config.bodyContains !== undefined && !text.includes(config.bodyContains)) {
      return fail("keyword_missing", `Response body does not contain ${quote(config.bodyContains)}`, statusCode);
    }
    if (config.bodyNotContains !== undefined && text.includes(config.bodyNotContains)) {
      return fail("keyword_present", `Response body contains ${quote(config.bodyNotContains)}`, statusCode);
    }
    if (config.jsonAssertions.length > 0) {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        return fail("assertion_failed", "Response body is not valid JSON", statusCode);
      }
      for (const assertion of config.jsonAssertions) {
        const failure = checkJsonAssertion(doc, assertion);
        if (failure !== null) return fail("assertion_failed", failure, statusCode);
      }
    }
  }
  if (config.degradedAboveMs !== undefined && totalMs > config.degradedAboveMs) {
    return {
      outcome: "degraded",
      errorClass: "slow_response",
      message: `Status ${statusCode} in ${formatDuration(totalMs)}, slower than ${formatDuration(config.degradedAboveMs)}`,
      statusCode,
      totalMs,
    };
  }
  return { outcome: "ok", errorClass: null, message: `Status ${statusCode} in ${formatDuration(totalMs)}`, statusCode, totalMs };
}

function openHop(url: URL, deadline: Deadline, verifyTls: boolean, guard: TargetGuard, clientCertificate: ClientCertificate | undefined): Hop {
  const https = url.protocol === "https:";
  const target = formatTarget(url.hostname.replace(/^\[(.*)\]$/, "$1"), Number(url.port) || (https ? 443 : 80));
  const hop: Hop = { https, target, start: performance.now(), sockets: [] };
  const budget = deadline.remainingMs();
  hop.client = new Client(url.origin, {
    connect: timedConnector(hop, budget, verifyTls, guard, clientCertificate),
    headersTimeout: budget,
    bodyTimeout: budget,
    // One request per connection: nothing is kept alive between hops or checks.
    pipelining: 0,
  });
  return hop;
}

async function closeHop(hop: Hop): Promise<void> {
  const client = hop.client;
  hop.client = undefined;
  for (const socket of hop.sockets) socket.destroy();
  await client?.destroy().catch(() => undefined);
}

/** An undici connector that opens the socket itself, to time its phases. */
function timedConnector(
  hop: Hop,
  timeoutMs: number,
  verifyTls: boolean,
  guard: TargetGuard,
  clientCertificate: ClientCertificate | undefined,
): buildConnector.connector {
  return ({ hostname, port, servername }, callback) => {
    // Every hop, redirects included: a redirect to an IP literal never reaches the lookup.
    const refused = guard.refuse(hostname);
    if (refused) return callback(refused, null);
    const https = hop.https;
    const portNumber = Number(port) || (https ? 443 : 80);
    const socket: Socket = https
      ? tls.connect({
          host: hostname,
          port: portNumber,
          servername: servername || (isIP(hostname) ? undefined : hostname),
          rejectUnauthorized: verifyTls,
          ALPNProtocols: ["http/1.1"],
          lookup: guard.lookup,
          ...(clientCertificate ? { cert: clientCertificate.cert, key: clientCertificate.key } : {}),
        })
      : net.connect({ host: hostname, port: portNumber, lookup: guard.lookup });
    hop.sockets.push(socket);
    // Connecting (DNS + TCP + TLS) is bounded by our own timer, as undici's connector would be.
    const timer = setTimeout(() => settle(new errors.ConnectTimeoutError(`Connect timeout after ${timeoutMs} ms`)), timeoutMs);
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        socket.destroy();
        callback(error, null);
      } else {
        callback(null, socket);
      }
    };
    socket.once("lookup", () => (hop.lookupAt ??= performance.now()));
    socket.once("connect", () => {
      hop.connectAt ??= performance.now();
      if (!https) settle(null);
    });
    if (https) {
      socket.once("secureConnect", () => {
        hop.secureAt ??= performance.now();
        settle(null);
      });
    }
    // Stays attached after the hand-over; undici adds its own handler too.
    socket.on("error", (error) => settle(error));
    // closeHop destroys a socket still connecting: end the attempt (and its timer) too.
    socket.once("close", () => settle(Object.assign(new Error("Socket closed while connecting"), { code: "UND_ERR_SOCKET" })));
  };
}

function hopPhase(hop: Hop): string {
  if (hop.headersAt !== undefined) return "reading the body";
  if (hop.secureAt !== undefined || (!hop.https && hop.connectAt !== undefined)) return "waiting for the response";
  if (hop.connectAt !== undefined) return "in the TLS handshake";
  return "connecting";
}

function hopTimings(hop: Hop | undefined): PhaseTimings {
  if (!hop) return {};
  const timings: PhaseTimings = {};
  const afterLookup = hop.lookupAt ?? hop.start;
  if (hop.lookupAt !== undefined) timings.dnsMs = hop.lookupAt - hop.start;
  if (hop.connectAt !== undefined) timings.connectMs = hop.connectAt - afterLookup;
  if (hop.secureAt !== undefined && hop.connectAt !== undefined) timings.tlsMs = hop.secureAt - hop.connectAt;
  if (hop.headersAt !== undefined) timings.firstByteMs = hop.headersAt - (hop.secureAt ?? hop.connectAt ?? hop.start);
  return timings;
}

function requestHeaders(configured: Record<string, string>, auth: HttpAuth | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(configured)) headers[name.toLowerCase()] = value;
  if (auth?.type === "basic") headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}`;
  if (auth?.type === "bearer") headers.authorization = `Bearer ${auth.token}`;
  headers["user-agent"] ??= USER_AGENT;
  return headers;
}

function omit(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
}

function redirectLocation(statusCode: number, headers: ResponseHeaders): string | null {
  if (!REDIRECT_STATUSES.has(statusCode)) return null;
  const location = headers.location;
  const value = Array.isArray(location) ? location[0] : location;
  return value ? value : null;
}

function quote(keyword: string): string {
  return JSON.stringify(keyword.length > 60 ? `${keyword.slice(0, 57)}...` : keyword);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
