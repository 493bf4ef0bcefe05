import type { DbOrTx } from "../db";
import { mac, safeEqual, signingSecret } from "../page/signing";
import { withPublicUrl } from "../page/public-url";

// Subscription links (confirm, manage, unsubscribe), signed with the page's secret. A link
// names its purpose, subscriber and expiry; it cannot be guessed, reused for another
// purpose, or extended. Alerts carry them, and the subscription pages verify them.

/** How long a confirmation link (and an unconfirmed sign-up) lives. */
export const CONFIRM_HOURS = 48;
const MANAGE_LINK_DAYS = 30;
/** Unsubscribe links live as long as the emails that carry them are read. */
const UNSUBSCRIBE_LINK_DAYS = 400;

export function signLink(secret: string, purpose: LinkPurpose, subscriberId: string, expiresAt: Date): string {
  const data = `${purpose}.${subscriberId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${Buffer.from(data).toString("base64url")}.${mac(secret, data)}`;
}

/** The subscriber id, or null when the token is forged, for another purpose, or expired. */
export function verifyLink(secret: string, purpose: LinkPurpose, token: string, now: Date): string | null {
  const [encoded, signature, extra] = token.split(".");
  if (!encoded || !signature || extra !== undefined) return null;
  const data = Buffer.from(encoded, "base64url").toString();
  if (!safeEqual(signature, mac(secret, data))) return null;
  const [kind, subscriberId, expires] = data.split(".");
  if (kind !== purpose || !subscriberId || !expires) return null;
  return Number(expires) * 1000 > now.getTime() ? subscriberId : null;
}

export type LinkPurpose = "confirm" | "manage" | "unsubscribe";

/** Builds signed links from the page's URL and secret (read once per builder). */
export async function linkBuilder(db: DbOrTx): Promise<(purpose: LinkPurpose, subscriberId: string, now: Date) => string> {
  const page = withPublicUrl(await db.pageSetting.findUniqueOrThrow({ where: { id: 1 }, select: { url: true } }));
  const secret = await signingSecret(db); // sequential: `db` may be a transaction
  const base = page.url.replace(/\/$/, "");
  return (purpose, subscriberId, now) => {
    const days = purpose === "confirm" ? CONFIRM_HOURS / 24 : purpose === "manage" ? MANAGE_LINK_DAYS : UNSUBSCRIBE_LINK_DAYS;
    const token = signLink(secret, purpose, subscriberId, new Date(now.getTime() + days * 86_400_000));
    const path = purpose === "unsubscribe" ? "/api/subscriptions/unsubscribe" : `/subscribe/${purpose}`;
    return `${base}${path}?token=${token}`;
  };
}

export async function linkFor(db: DbOrTx, purpose: LinkPurpose, subscriberId: string, now: Date): Promise<string> {
  return (await linkBuilder(db))(purpose, subscriberId, now);
}
