import net from "node:net";
import { classifyError, formatTarget, type Failure } from "./classify-error";
import { targetGuard } from "./target-guard";
import type { TcpCheck } from "./config";
import { createDeadline, type Deadline } from "./deadline";
import { quoteReceived, readUntil, unescapeText } from "./socket-read";
import { formatDuration, startCheck, type PhaseTimings, type ProbeResult, type RunContext } from "../result";

// runTcp(config, ctx): can a TCP connection be opened? Never throws. Without `send` or
// `bannerContains` the socket is closed as soon as it connects; with them, `send` is
// written and the answer read until it contains `bannerContains`, the peer closes or the
// deadline ends (keyword_missing, with what arrived). Timings: dnsMs (socket 'lookup',
// absent for IP literals), connectMs ('connect' minus lookup) and firstByteMs (connect to
// the first byte read); totalMs is the whole check.

export async function runTcp(config: TcpCheck, ctx: RunContext): Promise<ProbeResult> {
  const check = startCheck(ctx);
  const deadline = createDeadline(config.timeoutMs, ctx.signal);
  const target = formatTarget(config.host, config.port);
  const start = performance.now();
  let lookupAt: number | undefined;
  let connectAt: number | undefined;
  let firstByteAt: number | undefined;
  const timings = (): PhaseTimings => ({
    ...(lookupAt === undefined ? {} : { dnsMs: lookupAt - start }),
    ...(connectAt === undefined ? {} : { connectMs: connectAt - (lookupAt ?? start) }),
    ...(firstByteAt === undefined || connectAt === undefined ? {} : { firstByteMs: firstByteAt - connectAt }),
  });
  let socket: net.Socket | undefined;
  try {
    const error = await new Promise<Error | null>((resolve) => {
      if (deadline.signal.aborted) return resolve(null);
      const guard = targetGuard(ctx);
      const refused = guard.refuse(config.host);
      if (refused) return resolve(refused);
      socket = net.connect({ host: config.host, port: config.port, lookup: guard.lookup });
      socket.once("lookup", () => (lookupAt = performance.now()));
      socket.once("connect", () => {
        connectAt = performance.now();
        resolve(null);
      });
      socket.on("error", (err) => resolve(err));
      deadline.signal.addEventListener("abort", () => resolve(null), { once: true });
    });
    const cause = deadline.cause();
    if (cause === "aborted") {
      return check.finish({ outcome: "failed", errorClass: "aborted", message: "Check cancelled while connecting", timings: timings() });
    }
    if (cause === "timeout" && connectAt === undefined) {
      return check.finish({
        outcome: "failed",
        errorClass: "timeout",
        message: `Timed out after ${formatDuration(config.timeoutMs)} connecting to ${target}`,
        timings: timings(),
      });
    }
    if (error) {
      const failure = classifyError(error, { target, timeoutMs: config.timeoutMs, phase: "connecting" });
      return check.finish({ outcome: "failed", ...failure, timings: timings() });
    }
    let said = "";
    if (socket && (config.send !== undefined || config.bannerContains !== undefined)) {
      const banner = await exchange(socket, config, deadline, () => (firstByteAt ??= performance.now()));
      if (banner.failure) return check.finish({ outcome: "failed", ...banner.failure, timings: timings() });
      said = banner.said;
    }
    const totalMs = check.elapsed();
    if (config.degradedAboveMs !== undefined && totalMs > config.degradedAboveMs) {
      return check.finish(
        {
          outcome: "degraded",
          errorClass: "slow_response",
          message: `Connected to ${target} in ${formatDuration(totalMs)}, slower than ${formatDuration(config.degradedAboveMs)}`,
          timings: timings(),
        },
        totalMs,
      );
    }
    return check.finish(
      { outcome: "ok", errorClass: null, message: `Connected to ${target} in ${formatDuration(totalMs)}${said}`, timings: timings() },
      totalMs,
    );
  } catch (error) {
    // Only a bug can land here (net.connect throws synchronously on bad options).
    const failure = classifyError(error, { target, timeoutMs: config.timeoutMs, phase: "connecting" });
    return check.finish({ outcome: "failed", ...failure, timings: timings() });
  } finally {
    deadline.dispose();
    socket?.destroy();
  }
}

/** Writes `send`, then reads until `bannerContains` shows up: a failure, or what to add to the message. */
async function exchange(
  socket: net.Socket,
  config: TcpCheck,
  deadline: Deadline,
  onFirstByte: () => void,
): Promise<{ failure: Failure; said?: never } | { failure?: never; said: string }> {
  const target = formatTarget(config.host, config.port);
  socket.once("data", onFirstByte);
  if (config.send !== undefined) socket.write(unescapeText(config.send));
  const wanted = config.bannerContains;
  if (wanted === undefined) return { said: "; sent the text" };
  const read = await readUntil(socket, (text) => text.includes(wanted), deadline.signal);
  if (read.end === "matched") return { said: `; the answer contains ${JSON.stringify(wanted)}` };
  if (deadline.cause() === "aborted") {
    return { failure: { errorClass: "aborted", message: "Check cancelled while reading the answer" } };
  }
  if (read.end === "error" && read.error) return { failure: classifyError(read.error, { target, timeoutMs: config.timeoutMs, phase: "reading the answer" }) };
  if (read.end === "aborted" && read.text === "") {
    return { failure: { errorClass: "timeout", message: `Timed out after ${formatDuration(config.timeoutMs)} waiting for ${target} to answer` } };
  }
  const how = read.end === "aborted" ? `within ${formatDuration(config.timeoutMs)}` : "before it closed the connection";
  const got = read.text === "" ? "nothing" : quoteReceived(read.text);
  return { failure: { errorClass: "keyword_missing", message: `${target} did not answer ${JSON.stringify(wanted)} ${how} (got ${got})` } };
}
