import { isIP } from "node:net";
import tls from "node:tls";
import { classifyError, describeTlsCode, formatTarget } from "./classify-error";
import { targetGuard } from "./target-guard";
import type { TlsCheck } from "./config";
import { createDeadline } from "./deadline";
import { formatDuration, startCheck, type Outcome, type PhaseTimings, type ProbeResult, type RunContext } from "../result";

// runTls(config, ctx): is the certificate trusted and far enough from expiry? Never throws.
// The handshake always completes (rejectUnauthorized: false) so the certificate can
// be read even when it is not trusted; trust is then judged from `authorized` /
// `authorizationError` (which includes the hostname check) when verifyTls is on.
// Expiry is judged against ctx.now (testable), in this order:
//   expired                   -> failed, cert_expired
//   untrusted (verifyTls)     -> failed, tls_error
//   < criticalDays left       -> failed, cert_expiring
//   < warnDays left           -> degraded, cert_expiring
// Timings: dnsMs, connectMs, tlsMs from the socket's lookup/connect/secureConnect.

const DAY_MS = 86_400_000;

export async function runTls(config: TlsCheck, ctx: RunContext): Promise<ProbeResult> {
  const check = startCheck(ctx);
  const now = ctx.now ?? (() => new Date());
  const deadline = createDeadline(config.timeoutMs, ctx.signal);
  const target = formatTarget(config.host, config.port);
  const start = performance.now();
  const marks: { lookupAt?: number; connectAt?: number; secureAt?: number } = {};
  const timings = (): PhaseTimings => {
    const t: PhaseTimings = {};
    if (marks.lookupAt !== undefined) t.dnsMs = marks.lookupAt - start;
    if (marks.connectAt !== undefined) t.connectMs = marks.connectAt - (marks.lookupAt ?? start);
    if (marks.secureAt !== undefined && marks.connectAt !== undefined) t.tlsMs = marks.secureAt - marks.connectAt;
    return t;
  };
  const phase = () => (marks.connectAt === undefined ? "connecting" : "in the TLS handshake");
  let socket: tls.TLSSocket | undefined;
  try {
    const error = await new Promise<Error | null>((resolve) => {
      if (deadline.signal.aborted) return resolve(null);
      const servername = config.servername ?? (isIP(config.host) ? undefined : config.host);
      const guard = targetGuard(ctx);
      const refused = guard.refuse(config.host);
      if (refused) return resolve(refused);
      socket = tls.connect({ host: config.host, port: config.port, servername, rejectUnauthorized: false, lookup: guard.lookup });
      socket.once("lookup", () => (marks.lookupAt = performance.now()));
      socket.once("connect", () => (marks.connectAt = performance.now()));
      socket.once("secureConnect", () => {
        marks.secureAt = performance.now();
        resolve(null);
      });
      socket.on("error", (err) => resolve(err));
      deadline.signal.addEventListener("abort", () => resolve(null), { once: true });
    });
    if (marks.secureAt === undefined || !socket) {
      const cause = deadline.cause();
      if (cause === "aborted") {
        return check.finish({ outcome: "failed", errorClass: "aborted", message: `Check cancelled while ${phase()}`, timings: timings() });
      }
      if (cause === "timeout" || !error) {
        return check.finish({
          outcome: "failed",
          errorClass: "timeout",
          message: `Timed out after ${formatDuration(config.timeoutMs)} ${phase()}`,
          timings: timings(),
        });
      }
      const failure = classifyError(error, { target, timeoutMs: config.timeoutMs, phase: phase() });
      return check.finish({ outcome: "failed", ...failure, timings: timings() });
    }
    const outcome = judgeCertificate(config, socket, now());
    return check.finish({ ...outcome, timings: timings() });
  } catch (error) {
    const failure = classifyError(error, { target, timeoutMs: config.timeoutMs, phase: phase() });
    return check.finish({ outcome: "failed", ...failure, timings: timings() });
  } finally {
    deadline.dispose();
    socket?.destroy();
  }
}

/** Trust and expiry of the certificate on a TLS socket, in the order above (the mail kind judges its STARTTLS certificate the same way). */
export function judgeCertificate(config: Pick<TlsCheck, "verifyTls" | "warnDays" | "criticalDays">, socket: tls.TLSSocket, now: Date): Outcome {
  const cert = socket.getPeerCertificate();
  if (!cert?.valid_to) {
    return { outcome: "failed", errorClass: "tls_error", message: "The server sent no certificate" };
  }
  const validTo = new Date(cert.valid_to);
  const validFrom = new Date(cert.valid_from);
  const msLeft = validTo.getTime() - now.getTime();
  const until = validTo.toISOString().slice(0, 10);
  if (msLeft <= 0) {
    return { outcome: "failed", errorClass: "cert_expired", message: `Certificate expired on ${until}` };
  }
  if (validFrom.getTime() > now.getTime()) {
    const from = validFrom.toISOString().slice(0, 10);
    return { outcome: "failed", errorClass: "tls_error", message: `Certificate is not valid until ${from}` };
  }
  if (config.verifyTls && !socket.authorized) {
    const code = String(socket.authorizationError ?? "UNKNOWN");
    return { outcome: "failed", errorClass: "tls_error", message: `Certificate not trusted: ${describeTlsCode(code)} (${code})` };
  }
  const left = describeTimeLeft(msLeft);
  if (msLeft < config.criticalDays * DAY_MS) {
    return { outcome: "failed", errorClass: "cert_expiring", message: `Certificate expires in ${left} (${until})` };
  }
  if (msLeft < config.warnDays * DAY_MS) {
    return { outcome: "degraded", errorClass: "cert_expiring", message: `Certificate expires in ${left} (${until})` };
  }
  return { outcome: "ok", errorClass: null, message: `Certificate valid for ${left} (until ${until})` };
}

/** "5 days", "1 day", "7 hours": whole units, rounded down. */
export function describeTimeLeft(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days >= 1) return `${days} day${days === 1 ? "" : "s"}`;
  const hours = Math.floor(ms / 3_600_000);
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}
