import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { smtpMailer, type Mailer } from "../../lib/mail/mailer";

// A real SMTP server on loopback for tests (integration and e2e): no mocked transport.

export interface ReceivedMail {
  to: string[];
  /** The message with quoted-printable soft breaks and escapes decoded, good enough to search. */
  raw: string;
}

export function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startSmtpServer(port: number, onMessage: (mail: ReceivedMail) => void) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        onMessage({ to: session.envelope.rcptTo.map((r) => r.address), raw: decodeQuotedPrintable(Buffer.concat(chunks).toString("utf8")) });
        callback();
      });
    },
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
