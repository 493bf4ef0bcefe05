import net, { isIP } from "node:net";
import tls from "node:tls";
import { MAIL_DEFAULT_PORTS, type MailProtocol } from "../kinds";
import { classifyError, formatTarget, type Failure } from "./classify-error";
import type { MailCheck } from "./config";
import { createDeadline } from "./deadline";
import { judgeCertificate } from "./run-tls";
import { quoteReceived, readUntil } from "./socket-read";
import { targetGuard } from "./target-guard";
import { formatDuration, startCheck, type Outcome, type PhaseTimings, type ProbeResult, type RunContext } from "../result";

// runMail(config, ctx): does an SMTP, IMAP or POP3 server greet, and is its certificate
// good? Never throws. Connects in plain text or with implicit TLS, reads the greeting
// (SMTP 220, possibly multi-line; IMAP "* OK"; POP3 "+OK"), checks bannerContains, then
// with tls "starttls" asks for the upgrade (SMTP EHLO + STARTTLS, IMAP STARTTLS, POP3
// STLS) and handshakes. The certificate is judged like the TLS kind (judgeCertificate:
// expired, untrusted, within criticalDays failed, within warnDays degraded).
//   not the protocol's greeting  -> protocol_error
//   a refusal (554, * BYE, -ERR) -> unexpected_answer
//   no STARTTLS offered/accepted -> protocol_error
// Timings: dnsMs, connectMs, tlsMs (the implicit or STARTTLS handshake), firstByteMs (the greeting).

interface Dialect {
  name: string;
  /** The greeting (or a reply) is complete. */
  complete: (text: string, tag?: string) => boolean;
  greeting: (text: string) => "ok" | "refused" | "other";
  startTls: Array<{ send: string; ok: (reply: string) => boolean }>;
}

/** Complete at the first whole line that is not a continuation ("250-…"): the last line of a reply, or something else entirely. */
const smtpDone = (text: string) =>
  text
    .split("\n")
    .slice(0, -1)
    .some((line) => !/^\d{3}-/.test(line));
const lineDone = (text: string) => text.includes("\n");

const DIALECTS: Record<MailProtocol, Dialect> = {
  smtp: {
    name: "SMTP",
    complete: smtpDone,
    greeting: (t) => (/^220[ -]/.test(t) ? "ok" : /^[45]\d\d[ -]/.test(t) ? "refused" : "other"),
    startTls: [
      { send: "EHLO vigil.invalid\r\n", ok: (r) => /^250[ -]/.test(r) && /(^|\n)250[ -]STARTTLS\b/i.test(r) },
      { send: "STARTTLS\r\n", ok: (r) => /^220[ -]/.test(r) },
    ],
  },
  imap: {
    name: "IMAP",
    complete: lineDone,
    greeting: (t) => (/^\* (OK|PREAUTH)\b/i.test(t) ? "ok" : /^\* BYE\b/i.test(t) ? "refused" : "other"),
    startTls: [{ send: "v1 STARTTLS\r\n", ok: (r) => /(^|\n)v1 OK\b/i.test(r) }],
  },
  pop3: {
    name: "POP3",
    complete: lineDone,
    greeting: (t) => (/^\+OK\b/.test(t) ? "ok" : /^-ERR\b/.test(t) ? "refused" : "other"),
    startTls: [{ send: "STLS\r\n", ok: (r) => /^\+OK\b/.test(r) }],
  },
};

/** An IMAP tagged reply ends at the line with its tag; SMTP at its last line; POP3 at the first. */
function replyDone(protocol: MailProtocol, text: string): boolean {
  if (protocol === "imap") return /(^|\n)v1 [^\n]*\n/.test(text);
  return DIALECTS[protocol].complete(text);
}

export async function runMail(config: MailCheck, ctx: RunContext): Promise<ProbeResult> {
  const check = startCheck(ctx);
  const now = ctx.now ?? (() => new Date());
  const deadline = createDeadline(config.timeoutMs, ctx.signal);
  const port = config.port ?? MAIL_DEFAULT_PORTS[config.protocol][config.tls];
  const target = formatTarget(config.host, port);
  const dialect = DIALECTS[config.protocol];
  const start = performance.now();
  const marks: { lookupAt?: number; connectAt?: number; tlsStartAt?: number; secureAt?: number; greetedAt?: number } = {};
  const timings = (): PhaseTimings => {
    const t: PhaseTimings = {};
    if (marks.lookupAt !== undefined) t.dnsMs = marks.lookupAt - start;
    if (marks.connectAt !== undefined) t.connectMs = marks.connectAt - (marks.lookupAt ?? start);
    if (marks.secureAt !== undefined) t.tlsMs = marks.secureAt - (marks.tlsStartAt ?? marks.connectAt ?? start);
    if (marks.greetedAt !== undefined && marks.connectAt !== undefined) t.firstByteMs = marks.greetedAt - marks.connectAt;
    return t;
  };
  const fail = (f: Failure | Outcome) => check.finish({ outcome: "failed", ...f, timings: timings() });
  let phase = "connecting";
  const servername = isIP(config.host) ? undefined : config.host;
  // The outermost socket: after STARTTLS the TLS socket, which owns the plain one (destroying
  // the plain one under a live TLS wrap crashed the process in tests).
  let outer: net.Socket | undefined;
  try {
    const guard = targetGuard(ctx);
    const refused = guard.refuse(config.host);
    if (refused) return fail(classifyError(refused, { target, timeoutMs: config.timeoutMs, phase }));

    // 1. Connect (implicit TLS: the handshake first).
    const implicit = config.tls === "implicit";
    const socket: net.Socket = implicit
      ? tls.connect({ host: config.host, port, servername, rejectUnauthorized: false, lookup: guard.lookup })
      : net.connect({ host: config.host, port, lookup: guard.lookup });
    outer = socket;
    // Errors are read where a step waits for them; this keeps one between steps from being unhandled.
    socket.on("error", () => undefined);
    socket.once("lookup", () => (marks.lookupAt = performance.now()));
    socket.once("connect", () => (marks.connectAt = performance.now()));
    const connected = await settle(socket, implicit ? "secureConnect" : "connect", deadline.signal);
    if (implicit && connected === null) marks.secureAt = performance.now();
    if (connected !== null)
      return fail(ended(connected, deadline.cause(), target, config.timeoutMs, implicit && marks.connectAt !== undefined ? "in the TLS handshake" : phase));

    // 2. The greeting.
    phase = "waiting for the greeting";
    const greeting = await readUntil(socket, dialect.complete, deadline.signal);
    marks.greetedAt = performance.now();
    if (greeting.end !== "matched") return fail(readFailure(greeting, deadline.cause(), target, config.timeoutMs, phase, dialect.name));
    const firstLine = greeting.text.split(/\r?\n/)[0] ?? "";
    const kind = dialect.greeting(greeting.text);
    if (kind === "refused") return fail({ errorClass: "unexpected_answer", message: `${target} refused the session: ${quoteReceived(firstLine)}` });
    if (kind === "other")
      return fail({ errorClass: "protocol_error", message: `${target} did not greet like an ${dialect.name} server (got ${quoteReceived(firstLine)})` });
    if (config.bannerContains !== undefined && !greeting.text.includes(config.bannerContains)) {
      return fail({
        errorClass: "keyword_missing",
        message: `The greeting does not contain ${JSON.stringify(config.bannerContains)} (got ${quoteReceived(firstLine)})`,
      });
    }

    // 3. STARTTLS.
    let secure: tls.TLSSocket | null = implicit ? (socket as tls.TLSSocket) : null;
    if (config.tls === "starttls") {
      phase = "asking for STARTTLS";
      for (const step of dialect.startTls) {
        socket.write(step.send);
        const reply = await readUntil(socket, (t) => replyDone(config.protocol, t), deadline.signal);
        if (reply.end !== "matched") return fail(readFailure(reply, deadline.cause(), target, config.timeoutMs, phase, dialect.name));
        if (!step.ok(reply.text)) {
          const command = step.send.trim().replace(/^v1 /, "");
          return fail({ errorClass: "protocol_error", message: `${target} does not offer STARTTLS: ${command} got ${quoteReceived(reply.text)}` });
        }
      }
      phase = "in the TLS handshake";
      marks.tlsStartAt = performance.now();
      secure = tls.connect({ socket, servername, rejectUnauthorized: false });
      secure.on("error", () => undefined);
      outer = secure;
      const handshake = await settle(secure, "secureConnect", deadline.signal);
      if (handshake !== null) return fail(ended(handshake, deadline.cause(), target, config.timeoutMs, phase));
      marks.secureAt = performance.now();
    }

    // 4. The certificate, then how long it took.
    const banner = quoteReceived(firstLine);
    const totalMs = check.elapsed();
    if (secure) {
      const judged = judgeCertificate(config, secure, now());
      const how = implicit ? "TLS" : "STARTTLS";
      const message = `${dialect.name} ${banner}; ${how} ${lowerFirst(judged.message)}`;
      if (judged.outcome !== "ok") return check.finish({ ...judged, message, timings: timings() }, totalMs);
      return slowOr(config, totalMs, message, timings(), check.finish);
    }
    return slowOr(config, totalMs, `${dialect.name} ${banner} (no TLS)`, timings(), check.finish);
  } catch (error) {
    return fail(classifyError(error, { target, timeoutMs: config.timeoutMs, phase }));
  } finally {
    deadline.dispose();
    outer?.destroy();
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function slowOr(
  config: MailCheck,
  totalMs: number,
  message: string,
  timings: PhaseTimings,
  finish: (o: Outcome, totalMs?: number) => ProbeResult,
): ProbeResult {
  if (config.degradedAboveMs !== undefined && totalMs > config.degradedAboveMs) {
    return finish(
      {
        outcome: "degraded",
        errorClass: "slow_response",
        message: `${message}, in ${formatDuration(totalMs)}, slower than ${formatDuration(config.degradedAboveMs)}`,
        timings,
      },
      totalMs,
    );
  }
  return finish({ outcome: "ok", errorClass: null, message: `${message}, in ${formatDuration(totalMs)}`, timings }, totalMs);
}

/** Waits for `event` on the socket: null when it came, else the error (or null error for the deadline). */
function settle(socket: net.Socket, event: string, signal: AbortSignal): Promise<Error | "deadline" | null> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve("deadline");
    const onEvent = () => done(null);
    const onError = (error: Error) => done(error);
    const onClose = () => done(Object.assign(new Error("the connection closed"), { code: "ECONNRESET" }));
    const onAbort = () => done("deadline");
    const done = (value: Error | "deadline" | null) => {
      socket.off(event, onEvent);
      socket.off("error", onError);
      socket.off("close", onClose);
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    };
    socket.once(event, onEvent);
    socket.once("error", onError);
    socket.once("close", onClose);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function ended(why: Error | "deadline", cause: string | null, target: string, timeoutMs: number, phase: string): Failure {
  if (why === "deadline") {
    return cause === "aborted"
      ? { errorClass: "aborted", message: `Check cancelled while ${phase}` }
      : { errorClass: "timeout", message: `Timed out after ${formatDuration(timeoutMs)} ${phase}` };
  }
  return classifyError(why, { target, timeoutMs, phase });
}

function readFailure(
  read: Awaited<ReturnType<typeof readUntil>>,
  cause: string | null,
  target: string,
  timeoutMs: number,
  phase: string,
  protocol: string,
): Failure {
  if (read.end === "aborted") {
    if (cause === "aborted") return { errorClass: "aborted", message: `Check cancelled while ${phase}` };
    if (read.text === "") return { errorClass: "timeout", message: `Timed out after ${formatDuration(timeoutMs)} ${phase}` };
    return {
      errorClass: "protocol_error",
      message: `${target} sent no complete ${protocol} reply within ${formatDuration(timeoutMs)} (got ${quoteReceived(read.text)})`,
    };
  }
  if (read.end === "error" && read.error) return classifyError(read.error, { target, timeoutMs, phase });
  return read.text === ""
    ? { errorClass: "connection_reset", message: `Connection closed by ${target} ${phase}` }
    : { errorClass: "protocol_error", message: `${target} closed the connection after ${quoteReceived(read.text)}, not a complete ${protocol} reply` };
}
