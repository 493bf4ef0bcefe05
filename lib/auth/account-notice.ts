import { log } from "../log";
import type { Mailer } from "../mail/mailer";

// "Was this you?": after a change to how someone signs in, an email to their address (and a
// confirmed backup address), so a takeover does not go unnoticed. Sent after the change is
// saved; a mail server that is down never undoes or blocks the change (it is logged).

export type AccountChange =
  | "password"
  | "device"
  | "recovery_codes"
  | "backup_email"
  | "session_revoked"
  | "role"
  | "mfa_reset"
  | "api_key"
  | "passkey_added"
  | "passkey_removed"
  | "page_settings"
  | "new_sign_in";

const WHAT: Record<AccountChange, string> = {
  password: "Your password was changed.",
  device: "A new authenticator app was set up for your account; the old one no longer works.",
  recovery_codes: "New recovery codes were made for your account; the old ones no longer work.",
  backup_email: "A backup email address was added to your account.",
  session_revoked: "One of your signed-in sessions was signed out.",
  role: "Your role in the status console was changed.",
  mfa_reset: "An admin reset your two-step sign-in: your passkeys were removed, and you will set up an authenticator app at your next sign-in.",
  api_key: "A management API key was created or revoked with your account.",
  page_settings: "The status page's address, name or security settings were changed with your account.",
  passkey_added: "A passkey was added to your account: it can now sign in without your password.",
  passkey_removed: "A passkey was removed from your account; it no longer signs in.",
  new_sign_in: "Someone signed in to your account from a browser you have not signed in from before.",
};

export interface NoticeRecipient {
  name: string;
  email: string;
  backupEmail: string | null;
  backupEmailConfirmedAt: Date | null;
}

/** The message for one change (pure). */
export function accountNotice(change: AccountChange, user: NoticeRecipient, at: Date, ip: string | null, browser?: string) {
  const to = [user.email, ...(user.backupEmail && user.backupEmailConfirmedAt ? [user.backupEmail] : [])];
  const text = `Hello ${user.name},\n\n${WHAT[change]}\n\nWhen: ${at.toISOString()} (UTC)${browser ? `\nBrowser: ${browser}` : ""}${ip ? `\nFrom: ${ip}` : ""}\n\nIf this was you, there is nothing to do. If not, sign in and change your password, or ask an admin to reset your access at once.`;
  return to.map((address) => ({ to: address, subject: "Security notice for your Vigil account", text }));
}

export async function sendAccountNotice(
  mailer: Mailer | null,
  change: AccountChange,
  user: NoticeRecipient,
  ip: string | null,
  at = new Date(),
  browser?: string,
): Promise<void> {
  if (!mailer) return;
  for (const message of accountNotice(change, user, at, ip, browser)) {
    await mailer.send(message).catch((err: unknown) => log.warn({ err, change }, "could not send an account security notice"));
  }
}
