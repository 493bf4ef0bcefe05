import { isIP, type LookupFunction } from "node:net";
import WebSocket from "ws";
import { classifyError, formatTarget } from "./classify-error";
import type { WebSocketCheck } from "./config";
import { createDeadline } from "./deadline";
import { quoteReceived } from "./socket-read";
import { targetGuard } from "./target-guard";
import { formatDuration, startCheck, type Outcome, type ProbeResult, type RunContext } from "../result";

// runWebSocket(config, ctx): does the server complete a WebSocket upgrade (ws:// or
// wss://), and, when asked, answer a message with a reply containing a text? Never
// throws. `ws` does the handshake (the Sec-WebSocket-Accept check included); the target
// guard's lookup goes with its options to the socket, IP literals are refused before.
//   refused, reset, DNS, TLS             -> classifyError's classes
//   any status but 101                   -> unexpected_status (the server did not upgrade)
//   a 101 that is not a valid upgrade    -> protocol_error
//   no reply containing the text in time -> keyword_missing (timeout when nothing came)
// Timings: firstByteMs is the upgrade (open) minus the start; totalMs the whole check.

type Settled = { kind: "open" } | { kind: "error"; error: Error } | { kind: "status"; status: number } | { kind: "deadline" };

export async function runWebSocket(config: WebSocketCheck, ctx: RunContext): Promise<ProbeResult> {
  const check = startCheck(ctx);
  const deadline = createDeadline(config.timeoutMs, ctx.signal);
  const url = new URL(config.url);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const target = formatTarget(hostname, Number(url.port) || (url.protocol === "wss:" ? 443 : 80));
  let socket: WebSocket | undefined;
  let openAt: number | undefined;
  const timings = () => (openAt === undefined ? {} : { firstByteMs: openAt - check.t0 });
  const finish = (o: Outcome) => check.finish({ ...o, timings: timings() });
  try {
    const guard = targetGuard(ctx);
    const refused = isIP(hostname) ? guard.refuse(hostname) : null;
    if (refused) return finish({ outcome: "failed", ...classifyError(refused, { target, timeoutMs: config.timeoutMs, phase: "connecting" }) });
    // ws hands its options to http(s).request, whose socket takes `lookup` (not in ws's own types).
    const options: WebSocket.ClientOptions & { lookup?: LookupFunction } = {
      ...(guard.lookup ? { lookup: guard.lookup } : {}),
      rejectUnauthorized: config.verifyTls,
      followRedirects: false,
      perMessageDeflate: false,
      maxPayload: 1024 * 1024,
    };
    const ws = new WebSocket(config.url, options);
    socket = ws;
    // Errors after the step that waits for them (a reset while closing) must not go unhandled.
    ws.on("error", () => undefined);
    const settled = await new Promise<Settled>((resolve) => {
      ws.once("open", () => resolve({ kind: "open" }));
      ws.once("error", (error) => resolve({ kind: "error", error }));
      ws.once("unexpected-response", (_req, res) => {
        resolve({ kind: "status", status: res.statusCode ?? 0 });
        res.resume();
      });
      if (deadline.signal.aborted) resolve({ kind: "deadline" });
      deadline.signal.addEventListener("abort", () => resolve({ kind: "deadline" }), { once: true });
    });
    if (settled.kind === "deadline") {
      if (deadline.cause() === "aborted") return finish({ outcome: "failed", errorClass: "aborted", message: "Check cancelled during the upgrade" });
      return finish({ outcome: "failed", errorClass: "timeout", message: `Timed out after ${formatDuration(config.timeoutMs)} waiting for the upgrade` });
    }
    if (settled.kind === "status") {
      return finish({
        outcome: "failed",
        errorClass: "unexpected_status",
        statusCode: settled.status,
        message: `${target} answered ${settled.status} instead of upgrading to a WebSocket (101)`,
      });
    }
    if (settled.kind === "error") return finish({ outcome: "failed", ...handshakeFailure(settled.error, target, config.timeoutMs) });
    openAt = performance.now();
    const reply = await awaitReply(ws, config, deadline.signal);
    if (reply) {
      if (deadline.cause() === "aborted") return finish({ outcome: "failed", errorClass: "aborted", message: "Check cancelled while waiting for a reply" });
      return finish({ outcome: "failed", ...reply });
    }
    const totalMs = check.elapsed();
    const replied = config.expectContains === undefined ? "" : `; the reply contains ${JSON.stringify(config.expectContains)}`;
    if (config.degradedAboveMs !== undefined && totalMs > config.degradedAboveMs) {
      return check.finish(
        {
          outcome: "degraded",
          errorClass: "slow_response",
          message: `WebSocket to ${target} in ${formatDuration(totalMs)}${replied}, slower than ${formatDuration(config.degradedAboveMs)}`,
          timings: timings(),
        },
        totalMs,
      );
    }
    return check.finish(
      { outcome: "ok", errorClass: null, message: `WebSocket to ${target} open in ${formatDuration(totalMs)}${replied}`, timings: timings() },
      totalMs,
    );
  } catch (error) {
    return finish({ outcome: "failed", ...classifyError(error, { target, timeoutMs: config.timeoutMs, phase: "during the upgrade" }) });
  } finally {
    deadline.dispose();
    socket?.terminate();
  }
}

/** What ws reports without a code (its own handshake checks) is the server not speaking WebSocket. */
function handshakeFailure(error: Error, target: string, timeoutMs: number) {
  const failure = classifyError(error, { target, timeoutMs, phase: "during the upgrade" });
  if (failure.errorClass !== "network_error" || (error as NodeJS.ErrnoException).code) return failure;
  return { errorClass: "protocol_error" as const, message: `${target} did not complete a WebSocket upgrade: ${error.message}` };
}

/** Sends `send` and waits for a message containing `expectContains`; null when satisfied (or nothing to wait for). */
function awaitReply(
  ws: WebSocket,
  config: WebSocketCheck,
  signal: AbortSignal,
): Promise<{ errorClass: "keyword_missing" | "timeout" | "connection_reset"; message: string } | null> {
  if (config.send !== undefined) ws.send(config.send);
  const wanted = config.expectContains;
  if (wanted === undefined) return Promise.resolve(null);
  return new Promise((resolve) => {
    const seen: string[] = [];
    const done = (value: { errorClass: "keyword_missing" | "timeout" | "connection_reset"; message: string } | null) => {
      ws.off("message", onMessage);
      ws.off("close", onClose);
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    };
    const onMessage = (data: WebSocket.RawData) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8");
      if (text.includes(wanted)) return done(null);
      seen.push(text);
    };
    const missing = (how: string) => `No reply containing ${JSON.stringify(wanted)} ${how} (got ${quoteReceived(seen.join(" | "))})`;
    const onClose = () =>
      done(
        seen.length === 0
          ? { errorClass: "connection_reset", message: "The server closed the WebSocket without a reply" }
          : { errorClass: "keyword_missing", message: missing("before the server closed the WebSocket") },
      );
    const onAbort = () =>
      done(
        seen.length === 0
          ? { errorClass: "timeout", message: `Timed out after ${formatDuration(config.timeoutMs)} waiting for a reply` }
          : { errorClass: "keyword_missing", message: missing(`within ${formatDuration(config.timeoutMs)}`) },
      );
    ws.on("message", onMessage);
    ws.once("close", onClose);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
