import type { DbOrTx } from "../db";
import { env } from "../env";

// Where the page lives, as every absolute link and the security decisions need it:
// PUBLIC_URL from the environment when set (the operator's word wins), else the stored
// setting. Read at most every few seconds per process: it is asked on every console request.

const MEMO_MS = 5000;
let memo: { url: string; at: number } | null = null;

/** A stored page row with PUBLIC_URL applied: what every reader of the page's URL should see. */
export function withPublicUrl<T extends { url: string }>(row: T): T {
  const fromEnv = env().PUBLIC_URL;
  return fromEnv ? { ...row, url: fromEnv.replace(/\/+$/, "") } : row;
}

/** The page's public URL without a trailing slash. */
export async function publicPageUrl(db: DbOrTx, now = Date.now()): Promise<string> {
  const fromEnv = env().PUBLIC_URL;
  if (fromEnv) return fromEnv.replace(/\/+$/, "");
  if (memo && now - memo.at < MEMO_MS) return memo.url;
  const row = await db.pageSetting.findUnique({ where: { id: 1 }, select: { url: true } });
  memo = { url: (row?.url ?? "").replace(/\/+$/, ""), at: now };
  return memo.url;
}

/** After the stored URL changes. */
export function forgetPublicPageUrl(): void {
  memo = null;
}
