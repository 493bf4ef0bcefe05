import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { DbOrTx } from "../db";

// Subscription links (confirm, manage, unsubscribe) and the public form's token are
// signed with a secret kept in the database, so every instance shares it and nothing
// needs configuring. A link names its purpose, subscriber and expiry; it cannot be
// guessed, reused for another purpose, or extended.

export type LinkPurpose = "confirm" | "manage" | "unsubscribe";

const mac = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("base64url");

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

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

/** A time-stamped form token: a bot posting without loading the form, or replaying an old one, fails. */
export function issueFormToken(secret: string, now: Date): string {
  const issued = String(now.getTime());
  return `${issued}.${mac(secret, `form.${issued}`)}`;
}

export type FormTokenCheck = "ok" | "invalid" | "too_fast" | "expired";

export function checkFormToken(secret: string, token: string, now: Date, minAgeMs = 1500, maxAgeMs = 2 * 3600_000): FormTokenCheck {
  const [issued, signature] = token.split(".");
  if (!issued || !signature || !/^\d+$/.test(issued) || !safeEqual(signature, mac(secret, `form.${issued}`))) return "invalid";
  const age = now.getTime() - Number(issued);
  if (age < minAgeMs) return "too_fast";
  return age > maxAgeMs ? "expired" : "ok";
}

/** The page's signing secret, created once (the first writer wins; everyone reads the same). */
export async function signingSecret(db: DbOrTx): Promise<string> {
  const page = await db.pageSetting.findUniqueOrThrow({ where: { id: 1 }, select: { signingSecret: true } });
  if (page.signingSecret) return page.signingSecret;
  await db.pageSetting.updateMany({ where: { id: 1, signingSecret: null }, data: { signingSecret: randomBytes(32).toString("base64url") } });
  return (await db.pageSetting.findUniqueOrThrow({ where: { id: 1 }, select: { signingSecret: true } })).signingSecret!;
}
