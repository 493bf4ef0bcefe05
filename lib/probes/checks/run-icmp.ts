import { execFile } from "node:child_process";
import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { classifyError } from "./classify-error";
import type { IcmpCheck } from "./config";
import { createDeadline } from "./deadline";
import { targetGuard } from "./target-guard";
import { formatDuration, startCheck, type ProbeResult, type RunContext } from "../result";

// runIcmp(config, ctx): one ICMP echo. Node.js cannot open ICMP sockets itself, so the
// system's `ping` (iputils, which holds CAP_NET_RAW or uses unprivileged ICMP sockets)
// sends it. Whether that works is found out once per process (icmpAvailability): where it
// does not, the console lists the kind as unavailable with the reason and saving one is
// refused. The host is resolved through the target guard first and ping is given the
// address, so a metadata address is refused as for every kind.

export type IcmpAvailability = { available: true } | { available: false; reason: string };

const globalForIcmp = globalThis as unknown as { vigilIcmp?: Promise<IcmpAvailability> };

function ping(address: string, waitSeconds: number, signal?: AbortSignal): Promise<{ code: number | string | null; stdout: string; stderr: string }> {
  const args = ["-n", "-c", "1", "-W", String(waitSeconds), ...(isIP(address) === 6 ? ["-6"] : []), address];
  return new Promise((resolve) => {
    execFile("ping", args, { timeout: (waitSeconds + 1) * 1000, ...(signal ? { signal } : {}) }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as NodeJS.ErrnoException).code ?? (error as { status?: number }).status ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Can this process ping? Asked once (a ping of 127.0.0.1), then remembered. */
export function icmpAvailability(): Promise<IcmpAvailability> {
  globalForIcmp.vigilIcmp ??= ping("127.0.0.1", 1).then(({ code, stderr }): IcmpAvailability => {
    if (code === 0) return { available: true };
    if (code === "ENOENT") return { available: false, reason: "no ping program is installed here (iputils-ping), and Node.js cannot send ICMP itself" };
    return {
      available: false,
      reason: `this process may not send ICMP (needs CAP_NET_RAW, or net.ipv4.ping_group_range covering its group): ${stderr.trim().slice(0, 120) || `ping exited with ${code}`}`,
    };
  });
  return globalForIcmp.vigilIcmp;
}

/** The round trip in ms from ping's output ("time=0.045 ms"), or null. */
export function parsePingTime(output: string): number | null {
  const match = /time[=<]([\d.]+)\s*ms/.exec(output);
  return match ? Number(match[1]) : null;
}

/** The address to ping: an IP literal as it is, a name through the guard's lookup (a metadata address is refused). */
function resolveGuarded(host: string, ctx: RunContext): Promise<{ address: string } | { error: Error }> {
  const guard = targetGuard(ctx);
  const refused = guard.refuse(host);
  if (refused) return Promise.resolve({ error: refused });
  if (isIP(host)) return Promise.resolve({ address: host });
  const lookup: LookupFunction = guard.lookup ?? dns.lookup;
  return new Promise((resolve) => {
    lookup(host, {}, (error, address) => resolve(error ? { error } : { address: String(address) }));
  });
}

export async function runIcmp(config: IcmpCheck, ctx: RunContext): Promise<ProbeResult> {
  const check = startCheck(ctx);
  const deadline = createDeadline(config.timeoutMs, ctx.signal);
  try {
    const resolved = await resolveGuarded(config.host, ctx);
    if ("error" in resolved)
      return check.finish({ outcome: "failed", ...classifyError(resolved.error, { target: config.host, timeoutMs: config.timeoutMs, phase: "resolving" }) });
    const availability = await icmpAvailability();
    if (!availability.available)
      return check.finish({ outcome: "failed", errorClass: "internal_error", message: `ICMP ping is unavailable: ${availability.reason}` });
    const wait = Math.max(1, Math.ceil(deadline.remainingMs() / 1000));
    const { code, stdout } = await ping(resolved.address, wait, deadline.signal);
    if (deadline.cause() === "aborted") return check.finish({ outcome: "failed", errorClass: "aborted", message: "Check cancelled while pinging" });
    const rtt = parsePingTime(stdout);
    if (code !== 0 || rtt === null) {
      return check.finish({
        outcome: "failed",
        errorClass: "timeout",
        message: `No reply to ping from ${config.host} (${resolved.address}) within ${formatDuration(config.timeoutMs)}`,
      });
    }
    const slow = config.degradedAboveMs !== undefined && rtt > config.degradedAboveMs;
    return check.finish(
      {
        outcome: slow ? "degraded" : "ok",
        errorClass: slow ? "slow_response" : null,
        message: `Reply from ${resolved.address} in ${formatDuration(rtt)}${slow ? `, slower than ${formatDuration(config.degradedAboveMs!)}` : ""}`,
      },
      rtt,
    );
  } finally {
    deadline.dispose();
  }
}
