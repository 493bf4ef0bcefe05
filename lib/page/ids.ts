import { createHash } from "node:crypto";

/**
 * A Statuspage-like page id (12 lowercase letters and digits), stable for the installation:
 * the same in /api/v2, webhooks and alerts, so Statuspage clients see one page.
 */
export function statuspagePageId(pageCreatedAt: Date): string {
  const digest = createHash("sha256").update(`vigil-page:${pageCreatedAt.toISOString()}`).digest();
  return BigInt(`0x${digest.subarray(0, 8).toString("hex")}`)
    .toString(36)
    .padStart(13, "0")
    .slice(-12);
}
