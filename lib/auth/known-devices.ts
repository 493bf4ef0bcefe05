import { createHash, randomBytes } from "node:crypto";
import Bowser from "bowser";
import type { DbOrTx } from "../db";
import type { NoticeRecipient } from "./account-notice";

// "New sign-in to your account": each browser that completes a sign-in gets a long-lived
// random cookie, kept here hashed per user. A full sign-in (second factor, passkey or single
// sign-on done) from a browser this user has not signed in from before is announced by email,
// unless it is the user's very first browser (setup, an invitation): that one they know about.

export const DEVICE_COOKIE = "vigil_device";
/** Browsers cap cookie lifetimes at 400 days. */
export const DEVICE_COOKIE_MAX_AGE = 400 * 24 * 3600;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** "Firefox on Windows", "Safari on iOS", or "an unknown browser". */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "an unknown browser";
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name || null;
  const os = parsed.os.name || null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? (os ? `a browser on ${os}` : "an unknown browser");
}

export interface SignInDevice {
  /** The device cookie the request came with, if any. */
  token: string | undefined;
  ip: string | null;
  userAgent: string | null;
}

export interface NotedSignIn {
  /** The cookie to (re)set: the same token, or a new one. */
  token: string;
  /** A browser this user had not signed in from, and not their first. */
  announce: boolean;
  description: string;
}

export async function noteSignIn(db: DbOrTx, userId: string, device: SignInDevice, now = new Date()): Promise<NotedSignIn> {
  const description = describeUserAgent(device.userAgent);
  if (device.token && /^[A-Za-z0-9_-]{43}$/.test(device.token)) {
    const { count } = await db.knownDevice.updateMany({
      where: { userId, tokenHash: hash(device.token) },
      data: { lastSeenAt: now, ip: device.ip, description },
    });
    if (count > 0) return { token: device.token, announce: false, description };
  }
  // A cookie this user has not signed in with (another user's browser, or none): a new token,
  // so one person's cookie never vouches for another's sign-in.
  const token = randomBytes(32).toString("base64url");
  const before = await db.knownDevice.count({ where: { userId } });
  await db.knownDevice.create({ data: { userId, tokenHash: hash(token), description, ip: device.ip, firstSeenAt: now, lastSeenAt: now } });
  return { token, announce: before > 0, description };
}

/** Who a sign-in notice goes to. */
export function noticeRecipient(db: DbOrTx, userId: string): Promise<NoticeRecipient | null> {
  return db.user.findUnique({ where: { id: userId }, select: { name: true, email: true, backupEmail: true, backupEmailConfirmedAt: true } });
}
