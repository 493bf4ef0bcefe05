import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { smtpMailer, type Mailer } from "../../lib/mail/mailer";

// A real SMTP server on loopback for tests (integration and e2e): no mocked transport.

export interface ReceivedMail {
  to: string[];
  /** The Subject header, unfolded and with RFC 2047 encoded words decoded. */
  subject: string;
  /** The message with quoted-printable soft breaks and escapes decoded, good enough to search. */
  raw: string;
}

export function decodeQuotedPrintable(raw: string): string {
  // Runs of =XX are UTF-8 bytes: decode them together so multi-byte characters survive.
  return raw.replace(/=\r?\n/g, "").replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ""), "hex").toString("utf8"));
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) in an unfolded header value. */
export function decodeHeader(value: string): string {
  return value.replace(/\?=\s+=\?/g, "?==?").replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

function subjectOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const match = /^Subject:(.*(?:\r?\n[ \t].*)*)/im.exec(head);
  return match ? decodeHeader(match[1]!.replace(/\r?\n[ \t]/g, " ").trim()) : "";
}

/** One header of a received message, unfolded (undefined when absent). */
export function mailHeader(mail: ReceivedMail, name: string): string | undefined {
  const head = (mail.raw.split(/\r?\n\r?\n/)[0] ?? "").replace(/\r?\n[ \t]+/g, " ");
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(head);
  return match?.[1]?.trim();
}

/** The text/plain part of a multipart message, line breaks as \n. */
export function plainTextPart(mail: ReceivedMail): string {
  const match = /Content-Type: text\/plain[\s\S]*?\r?\n\r?\n([\s\S]*?)\r?\n--/i.exec(mail.raw);
  if (!match) throw new Error("the message has no text/plain part");
  return match[1]!.replace(/\r\n/g, "\n");
}

export async function startSmtpServer(port: number, onMessage: (mail: ReceivedMail) => void, options: { delayMs?: number } = {}) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const original = Buffer.concat(chunks).toString("utf8");
        const accept = () => {
          onMessage({ to: session.envelope.rcptTo.map((r) => r.address), subject: subjectOf(original), raw: decodeQuotedPrintable(original) });
          callback();
        };
        // A slow server, to catch a sender mid fan-out.
        if (options.delayMs) setTimeout(accept, options.delayMs);
        else accept();
      });
    },
  });
  // Answer each command at once (no Nagle delay): a real mail server is not the bottleneck we measure.
  server.server.on("connection", (socket: import("node:net").Socket) => socket.setNoDelay(true));
  // A client that dies mid-session (the crash test kills one) resets its connection: not a test failure.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET") console.error("[smtp test server]", error);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An SMTP server on a free port that keeps what it receives, and a mailer pointed at it. */
export async function startSmtpSink(): Promise<{ mailer: Mailer; inbox: ReceivedMail[]; close: () => Promise<void> }> {
  const inbox: ReceivedMail[] = [];
  const server = await startSmtpServer(0, (mail) => inbox.push(mail));
  return {
    mailer: smtpMailer({ host: "127.0.0.1", port: server.port, secure: false, from: "Vigil <vigil@test.local>" }),
    inbox,
    close: server.close,
  };
}
