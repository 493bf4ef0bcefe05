import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { DbOrTx } from "../db";

// The page's signing secret, kept in the database so every instance shares it and nothing
// needs configuring. It signs subscription links (notify/links.ts) and the public
// subscribe form's token (subscribers/signing.ts).

export const mac = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("base64url");

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The page's signing secret, created once (the first writer wins; everyone reads the same). */
export async function signingSecret(db: DbOrTx): Promise<string> {
  const page = await db.pageSetting.findUniqueOrThrow({ where: { id: 1 }, select: { signingSecret: true } });
  if (page.signingSecret) return page.signingSecret;
  await db.pageSetting.updateMany({ where: { id: 1, signingSecret: null }, data: { signingSecret: randomBytes(32).toString("base64url") } });
  return (await db.pageSetting.findUniqueOrThrow({ where: { id: 1 }, select: { signingSecret: true } })).signingSecret!;
}
