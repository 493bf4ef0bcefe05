import http2 from "node:http2";
import net, { isIP } from "node:net";
import tls from "node:tls";
import { classifyError, formatTarget, type Failure } from "./classify-error";
import type { GrpcCheck } from "./config";
import { createDeadline } from "./deadline";
import { decodeHealthCheckResponse, encodeHealthCheckRequest, HEALTH_CHECK_PATH } from "./grpc-health-codec";
import { quoteReceived } from "./socket-read";
import { targetGuard } from "./target-guard";
import { formatDuration, startCheck, type Outcome, type PhaseTimings, type ProbeResult, type RunContext } from "../result";

// runGrpc(config, ctx): the gRPC health checking protocol, grpc.health.v1.Health/Check
// for `service` ("" = the server as a whole); SERVING is up. Never throws.
//
// Hand-written over node:http2 rather than @grpc/grpc-js: the protocol is one unary call
// with one string field in and one enum out (grpc-health-codec.ts), and doing it here
// keeps our own socket (the target guard's lookup, the timings) and our one deadline,
// where grpc-js would bring its channel, resolver and reconnect machinery and a protobuf
// loader for a single message.
//   refused, reset, DNS, TLS               -> classifyError's classes
//   not HTTP/2, not gRPC, UNIMPLEMENTED    -> protocol_error
//   NOT_SERVING, SERVICE_UNKNOWN, NOT_FOUND -> unexpected_answer
// Timings: dnsMs, connectMs, tlsMs (with TLS), firstByteMs (the response headers).

const GRPC_STATUS_NAMES: Record<number, string> = {
  1: "CANCELLED",
  2: "UNKNOWN",
  3: "INVALID_ARGUMENT",
  4: "DEADLINE_EXCEEDED",
  5: "NOT_FOUND",
  7: "PERMISSION_DENIED",
  12: "UNIMPLEMENTED",
  13: "INTERNAL",
  14: "UNAVAILABLE",
  16: "UNAUTHENTICATED",
};

interface Exchange {
  status: number;
  contentType: string;
  grpcStatus: number | null;
  grpcMessage: string;
  body: Buffer;
}

export async function runGrpc(config: GrpcCheck, ctx: RunContext): Promise<ProbeResult> {
  const check = startCheck(ctx);
  const deadline = createDeadline(config.timeoutMs, ctx.signal);
  const target = formatTarget(config.host, config.port);
  const start = performance.now();
  const marks: { lookupAt?: number; connectAt?: number; secureAt?: number; headersAt?: number } = {};
  const timings = (): PhaseTimings => {
    const t: PhaseTimings = {};
    if (marks.lookupAt !== undefined) t.dnsMs = marks.lookupAt - start;
    if (marks.connectAt !== undefined) t.connectMs = marks.connectAt - (marks.lookupAt ?? start);
    if (marks.secureAt !== undefined && marks.connectAt !== undefined) t.tlsMs = marks.secureAt - marks.connectAt;
    if (marks.headersAt !== undefined) t.firstByteMs = marks.headersAt - (marks.secureAt ?? marks.connectAt ?? start);
    return t;
  };
  const fail = (f: Failure) => check.finish({ outcome: "failed", ...f, timings: timings() });
  const phase = () => (marks.connectAt === undefined ? "connecting" : marks.headersAt === undefined ? "waiting for the response" : "reading the response");
  let session: http2.ClientHttp2Session | undefined;
  try {
    const guard = targetGuard(ctx);
    const refused = guard.refuse(config.host);
    if (refused) return fail(classifyError(refused, { target, timeoutMs: config.timeoutMs, phase: "connecting" }));
    const servername = isIP(config.host) ? undefined : config.host;
    const authority = `${config.tls ? "https" : "http"}://${target}`;
    const created = http2.connect(authority, {
      createConnection: () => {
        const socket = config.tls
          ? tls.connect({ host: config.host, port: config.port, servername, ALPNProtocols: ["h2"], rejectUnauthorized: config.verifyTls, lookup: guard.lookup })
          : net.connect({ host: config.host, port: config.port, lookup: guard.lookup });
        socket.once("lookup", () => (marks.lookupAt = performance.now()));
        socket.once("connect", () => (marks.connectAt = performance.now()));
        if (config.tls) socket.once("secureConnect", () => (marks.secureAt = performance.now()));
        return socket;
      },
    });
    session = created;
    // Errors after the exchange settled (a reset while closing) must not go unhandled.
    created.on("error", () => undefined);
    const exchange = await new Promise<Exchange | Error | "deadline">((resolve) => {
      const onAbort = () => resolve("deadline");
      if (deadline.signal.aborted) return onAbort();
      deadline.signal.addEventListener("abort", onAbort, { once: true });
      created.once("error", (error) => resolve(error));
      const stream = created.request({
        ":method": "POST",
        ":path": HEALTH_CHECK_PATH,
        "content-type": "application/grpc",
        te: "trailers",
        "grpc-timeout": `${deadline.remainingMs()}m`,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      const result: Exchange = { status: 0, contentType: "", grpcStatus: null, grpcMessage: "", body: Buffer.alloc(0) };
      const readGrpcStatus = (headers: http2.IncomingHttpHeaders) => {
        const raw = headers["grpc-status"];
        if (raw !== undefined) result.grpcStatus = Number(raw);
        const message = headers["grpc-message"];
        if (typeof message === "string") result.grpcMessage = decodeURIComponent(message);
      };
      stream.on("response", (headers) => {
        marks.headersAt = performance.now();
        result.status = Number(headers[":status"] ?? 0);
        result.contentType = String(headers["content-type"] ?? "");
        readGrpcStatus(headers);
      });
      stream.on("trailers", readGrpcStatus);
      stream.on("data", (chunk: Buffer) => {
        // One small message is expected: anything past 64 KiB is not a health response.
        if (size < 65_536) chunks.push(chunk);
        size += chunk.length;
      });
      stream.on("end", () => resolve({ ...result, body: Buffer.concat(chunks) }));
      stream.on("error", (error) => resolve(error));
      stream.end(encodeHealthCheckRequest(config.service));
    });
    if (exchange === "deadline") {
      if (deadline.cause() === "aborted") return fail({ errorClass: "aborted", message: `Check cancelled while ${phase()}` });
      return fail({ errorClass: "timeout", message: `Timed out after ${formatDuration(config.timeoutMs)} ${phase()}` });
    }
    if (exchange instanceof Error) {
      // A stream cancelled because its session failed carries the session's error (refused, TLS) as its cause.
      const cause = (exchange as { cause?: unknown }).cause;
      const error = (exchange as NodeJS.ErrnoException).code === "ERR_HTTP2_STREAM_CANCEL" && cause instanceof Error ? cause : exchange;
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (code.startsWith("ERR_HTTP2") && marks.connectAt !== undefined) {
        return fail({ errorClass: "protocol_error", message: `${target} did not answer in HTTP/2 gRPC (${code})` });
      }
      return fail(classifyError(error, { target, timeoutMs: config.timeoutMs, phase: phase() }));
    }
    const judged = judge(config, target, exchange);
    if (judged.outcome !== "ok") return check.finish({ ...judged, timings: timings() });
    const totalMs = check.elapsed();
    if (config.degradedAboveMs !== undefined && totalMs > config.degradedAboveMs) {
      return check.finish(
        {
          outcome: "degraded",
          errorClass: "slow_response",
          message: `${judged.message} in ${formatDuration(totalMs)}, slower than ${formatDuration(config.degradedAboveMs)}`,
          timings: timings(),
        },
        totalMs,
      );
    }
    return check.finish({ ...judged, message: `${judged.message} in ${formatDuration(totalMs)}`, timings: timings() }, totalMs);
  } catch (error) {
    return fail(classifyError(error, { target, timeoutMs: config.timeoutMs, phase: phase() }));
  } finally {
    deadline.dispose();
    session?.destroy();
  }
}

function judge(config: GrpcCheck, target: string, x: Exchange): Outcome {
  const what = config.service === "" ? target : `${JSON.stringify(config.service)} on ${target}`;
  if (x.status !== 200)
    return { outcome: "failed", errorClass: "unexpected_status", statusCode: x.status, message: `${target} answered HTTP ${x.status} to a gRPC call` };
  if (!x.contentType.startsWith("application/grpc")) {
    return {
      outcome: "failed",
      errorClass: "protocol_error",
      message: `${target} is not a gRPC server (content-type ${quoteReceived(x.contentType || "none")})`,
    };
  }
  if (x.grpcStatus === null) return { outcome: "failed", errorClass: "protocol_error", message: `${target} ended the call without a grpc-status` };
  if (x.grpcStatus === 12)
    return { outcome: "failed", errorClass: "protocol_error", message: `${target} does not implement the gRPC health checking protocol (UNIMPLEMENTED)` };
  if (x.grpcStatus === 5)
    return { outcome: "failed", errorClass: "unexpected_answer", message: `${target} does not know the service ${JSON.stringify(config.service)} (NOT_FOUND)` };
  if (x.grpcStatus !== 0) {
    const name = GRPC_STATUS_NAMES[x.grpcStatus] ?? `status ${x.grpcStatus}`;
    return {
      outcome: "failed",
      errorClass: "unexpected_answer",
      message: `The health check of ${what} failed: ${name}${x.grpcMessage ? ` (${x.grpcMessage.slice(0, 200)})` : ""}`,
    };
  }
  const status = decodeHealthCheckResponse(x.body);
  if (typeof status === "string" && !["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"].includes(status)) {
    return { outcome: "failed", errorClass: "protocol_error", message: `${target}: ${status}` };
  }
  if (status !== "SERVING")
    return { outcome: "failed", errorClass: "unexpected_answer", message: `${what} reports ${typeof status === "number" ? `status ${status}` : status}` };
  return { outcome: "ok", errorClass: null, message: `${what} is SERVING` };
}
