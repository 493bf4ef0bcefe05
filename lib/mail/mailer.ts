import { connect } from "node:net";
import nodemailer from "nodemailer";
import { env } from "../env";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (Message-ID, List-Unsubscribe, …); nodemailer keeps a Message-ID given here. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A mailer over SMTP, e.g. `smtpMailer({ host, port, secure, from })`. */
export function smtpMailer(config: {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Keep a few connections open and reuse them (for fan-out to many subscribers). */
  pool?: boolean;
  /** Pooled connections (default 5). */
  maxConnections?: number;
}): Mailer & { close(): void } {
  const transport = nodemailer.createTransport({
    ...(config.pool ? { pool: true as const, maxConnections: config.maxConnections ?? 5, maxMessages: Infinity } : {}),
    // Our own socket with Nagle off: nodemailer ends each message with a small write that
    // Nagle would hold back until the server's delayed ACK (~40 ms per message).
    getSocket: (_options: unknown, callback: (error: Error | null, socket?: { connection: import("node:net").Socket }) => void) => {
      const socket = connect({ host: config.host, port: config.port, noDelay: true });
      const failed = (error: Error) => callback(error);
      socket.setTimeout(10_000, () => socket.destroy(new Error("SMTP connection timed out")));
      socket.once("error", failed);
      socket.once("connect", () => {
        socket.off("error", failed); // nodemailer handles errors from here on
        socket.setTimeout(0);
        callback(null, { connection: socket });
      });
    },
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from: config.from, ...message });
    },
    close: () => transport.close(),
  };
}

/** The mailer configured by SMTP_* variables, or null when email is not set up. */
export function configuredMailer(options: { pool?: boolean } = {}): (Mailer & { close(): void }) | null {
  const e = env();
  if (!e.SMTP_HOST) return null;
  return smtpMailer({
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE,
    user: e.SMTP_USER,
    password: e.SMTP_PASSWORD,
    from: e.SMTP_FROM,
    ...options,
  });
}
