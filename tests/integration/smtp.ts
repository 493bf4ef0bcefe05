import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { smtpMailer, type Mailer } from "@/lib/mail/mailer";

export interface ReceivedMail {
  to: string[];
  /** The message with quoted-printable soft breaks and escapes decoded, good enough to search. */
  raw: string;
}

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A real SMTP server on loopback that keeps what it receives, and a mailer pointed at it. */
export async function startSmtpSink(): Promise<{ mailer: Mailer; inbox: ReceivedMail[]; close: () => Promise<void> }> {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: decodeQuotedPrintable(Buffer.concat(chunks).toString("utf8")) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    mailer: smtpMailer({ host: "127.0.0.1", port, secure: false, from: "Vigil <vigil@test.local>" }),
    inbox,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
