import { Resolver } from "node:dns/promises";
import { errorCode } from "./classify-error";
import type { DnsRecordType } from "../kinds";
import type { DnsCheck } from "./config";
import { createDeadline } from "./deadline";
import { formatDuration, startCheck, type ProbeResult, type RunContext } from "../result";

// runDns(config, ctx): does `name` resolve (to `expected`, when given)? Never throws.
// Queries go straight to DNS servers through c-ares (node:dns/promises Resolver), not
// getaddrinfo: the system resolver's /etc/hosts and caches would hide what the
// public sees. `resolver` picks the server ("10.0.0.53" or "10.0.0.53:5353");
// otherwise the servers of /etc/resolv.conf are used. One try, bounded by timeoutMs,
// and cancelled at the deadline in case c-ares retries longer than asked.
// Timings: dnsMs = totalMs = the query.

export async function runDns(config: DnsCheck, ctx: RunContext): Promise<ProbeResult> {
  const check = startCheck(ctx);
  const deadline = createDeadline(config.timeoutMs, ctx.signal);
  const resolver = new Resolver({ timeout: config.timeoutMs, tries: 1 });
  const cancel = () => resolver.cancel();
  deadline.signal.addEventListener("abort", cancel, { once: true });
  const server = config.resolver ?? "the system resolver";
  const question = `${config.name} ${config.recordType}`;
  const timings = () => ({ dnsMs: check.elapsed() });
  try {
    if (config.resolver) resolver.setServers([config.resolver]);
    if (deadline.signal.aborted) throw new Error("cancelled before start");
    const answers = await query(resolver, config.name, config.recordType);
    const totalMs = check.elapsed();
    const list = summarize(answers);
    if (config.expected !== undefined) {
      const wanted = normalize(config.expected, config.recordType);
      if (!answers.some((a) => normalize(a, config.recordType) === wanted)) {
        return check.finish(
          {
            outcome: "failed",
            errorClass: "unexpected_answer",
            message: `Expected ${config.expected} among the answers for ${question}, got ${list}`,
            timings: { dnsMs: totalMs },
          },
          totalMs,
        );
      }
    }
    if (config.degradedAboveMs !== undefined && totalMs > config.degradedAboveMs) {
      return check.finish(
        {
          outcome: "degraded",
          errorClass: "slow_response",
          message: `Resolved ${question} in ${formatDuration(totalMs)}, slower than ${formatDuration(config.degradedAboveMs)}`,
          timings: { dnsMs: totalMs },
        },
        totalMs,
      );
    }
    return check.finish(
      { outcome: "ok", errorClass: null, message: `Resolved ${question} to ${list} in ${formatDuration(totalMs)}`, timings: { dnsMs: totalMs } },
      totalMs,
    );
  } catch (error) {
    const cause = deadline.cause();
    if (cause === "aborted") {
      return check.finish({ outcome: "failed", errorClass: "aborted", message: `Check cancelled while resolving ${question}`, timings: timings() });
    }
    const code = errorCode(error) ?? "";
    if (cause === "timeout" || code === "ETIMEOUT" || code === "ECANCELLED") {
      return check.finish({
        outcome: "failed",
        errorClass: "timeout",
        message: `Timed out after ${formatDuration(config.timeoutMs)} resolving ${question} via ${server}`,
        timings: timings(),
      });
    }
    return check.finish({ outcome: "failed", errorClass: "dns_failure", message: describeFailure(code, error, question, server), timings: timings() });
  } finally {
    deadline.signal.removeEventListener("abort", cancel);
    deadline.dispose();
  }
}

async function query(resolver: Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case "A":
      return resolver.resolve4(name);
    case "AAAA":
      return resolver.resolve6(name);
    case "CNAME":
      return resolver.resolveCname(name);
    case "MX":
      return (await resolver.resolveMx(name)).sort((a, b) => a.priority - b.priority).map((mx) => mx.exchange);
    case "TXT":
      // A TXT record arrives as chunks of at most 255 bytes; they form one string.
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
  }
}

/** Names compare case-insensitively and without a trailing dot; TXT compares exactly. */
function normalize(value: string, type: DnsRecordType): string {
  return type === "TXT" ? value : value.trim().toLowerCase().replace(/\.$/, "");
}

function summarize(answers: readonly string[]): string {
  const shown = answers.slice(0, 5).map((a) => (a.length > 60 ? `${a.slice(0, 57)}...` : a));
  return shown.join(", ") + (answers.length > 5 ? ` and ${answers.length - 5} more` : "");
}

function describeFailure(code: string, error: unknown, question: string, server: string): string {
  switch (code) {
    case "ENOTFOUND":
      return `${question}: the name does not exist (NXDOMAIN from ${server})`;
    case "ENODATA":
      return `${question}: the name exists but has no such records`;
    case "ESERVFAIL":
      return `${question}: ${server} answered SERVFAIL`;
    case "EREFUSED":
      return `${question}: ${server} refused the query`;
    case "ECONNREFUSED":
      return `${question}: could not reach ${server} (connection refused)`;
    default: {
      const text = error instanceof Error ? error.message : String(error);
      return `${question}: ${text}${code ? ` (${code})` : ""}`;
    }
  }
}
