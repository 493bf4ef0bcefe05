import net from "node:net";
import { classifyError, formatTarget } from "./classify-error";
import { targetGuard } from "./target-guard";
import type { TcpCheck } from "./config";
import { createDeadline } from "./deadline";
import { formatDuration, startCheck, type PhaseTimings, type ProbeResult, type RunContext } from "../result";

// runTcp(config, ctx): can a TCP connection be opened? Never throws. The socket is
// closed as soon as it connects. Timings: dnsMs (socket 'lookup', absent for IP
// literals) and connectMs ('connect' minus lookup); totalMs is the whole check.

export async function runTcp(config: TcpCheck, ctx: RunContext): Promise<ProbeResult> {
  const check = startCheck(ctx);
  const deadline = createDeadline(config.timeoutMs, ctx.signal);
  const target = formatTarget(config.host, config.port);
  const start = performance.now();
  let lookupAt: number | undefined;
  let connectAt: number | undefined;
  const timings = (): PhaseTimings => ({
    ...(lookupAt === undefined ? {} : { dnsMs: lookupAt - start }),
    ...(connectAt === undefined ? {} : { connectMs: connectAt - (lookupAt ?? start) }),
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
    return check.finish({ outcome: "ok", errorClass: null, message: `Connected to ${target} in ${formatDuration(totalMs)}`, timings: timings() }, totalMs);
  } catch (error) {
    // Only a bug can land here (net.connect throws synchronously on bad options).
    const failure = classifyError(error, { target, timeoutMs: config.timeoutMs, phase: "connecting" });
    return check.finish({ outcome: "failed", ...failure, timings: timings() });
  } finally {
    deadline.dispose();
    socket?.destroy();
  }
}
