import nodemailer from "nodemailer";
import { env } from "../env";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A mailer over SMTP, e.g. `smtpMailer({ host, port, secure, from })`. */
export function smtpMailer(config: { host: string; port: number; secure: boolean; user?: string; password?: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({
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
  };
}

/** The mailer configured by SMTP_* variables, or null when email is not set up. */
export function configuredMailer(): Mailer | null {
  const e = env();
  if (!e.SMTP_HOST) return null;
  return smtpMailer({ host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.SMTP_FROM });
}
