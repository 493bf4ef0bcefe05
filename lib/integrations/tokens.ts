import { createHash, randomBytes } from "node:crypto";

// The secret in an integration's URL: shown once, stored as a SHA-256 hash, like API keys
// (lib/api-keys/keys.ts). 32 random bytes, so the hash needs no salt or slow KDF.

const TOKEN_PREFIX = "vin_";
export const TOKEN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export function generateIntegrationToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashIntegrationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Where a monitoring tool posts: the page's address, the source and the token. */
export function integrationUrl(pageUrl: string, source: string, token: string): string {
  return `${pageUrl.replace(/\/+$/, "")}/api/integrations/${source}/${token}`;
}
