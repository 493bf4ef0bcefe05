import { createHash, randomBytes } from "node:crypto";

// A heartbeat's URL token: random, shown once, stored as its SHA-256 (as API keys are,
// lib/api-keys/keys.ts): 192 random bits need no slow hash, and a leaked table row
// cannot be turned back into a URL that pings.

const PREFIX = "hb_";
const TOKEN = /^hb_[A-Za-z0-9_-]{32}$/;

export function generateHeartbeatToken(): string {
  return PREFIX + randomBytes(24).toString("base64url");
}

export function hashHeartbeatToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** True for a string shaped like a token (anything else is answered 404 without a query). */
export function isHeartbeatToken(value: string): boolean {
  return TOKEN.test(value);
}

/** What staff see of a token after it was shown: enough to tell two apart. */
export function tokenPrefix(token: string): string {
  return token.slice(0, PREFIX.length + 6);
}
