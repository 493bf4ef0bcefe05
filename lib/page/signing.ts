import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { openSecret, sealSecret } from "../crypto/secrets";
import type { DbOrTx } from "../db";

// The page's secrets, kept in the database (encrypted, lib/crypto/) so every instance
// shares them and nothing needs configuring. The signing secret signs subscription links
// (notify/links.ts) and the public subscribe form's token (subscribers/signing.ts); the
// recovery-code key keys the hash of staff recovery codes (auth/recovery-codes.ts).

export const mac = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("base64url");

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type PageSecret = "signingSecret" | "recoveryCodeKey";

/** The stored column's purpose for encryption: a value cannot be moved to the other column. */
export const pageSecretPurpose = (column: PageSecret) => `PageSetting.${column}`;

/** One of the page's secrets, created once (the first writer wins; everyone reads the same). */
async function pageSecret(db: DbOrTx, column: PageSecret): Promise<string> {
  const read = async () => (await db.pageSetting.findUniqueOrThrow({ where: { id: 1 }, select: { signingSecret: true, recoveryCodeKey: true } }))[column];
  let stored = await read();
  if (!stored) {
    const fresh = sealSecret(pageSecretPurpose(column), randomBytes(32).toString("base64url"));
    await db.pageSetting.updateMany({ where: { id: 1, [column]: null }, data: { [column]: fresh } });
    stored = await read();
  }
  return openSecret(pageSecretPurpose(column), stored!);
}

export const signingSecret = (db: DbOrTx) => pageSecret(db, "signingSecret");

export const recoveryCodeKey = (db: DbOrTx) => pageSecret(db, "recoveryCodeKey");
