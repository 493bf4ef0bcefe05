import { db } from "../db";
import type { CachedResponse, RequestHeaders } from "../http/cached-response";
import { matchesIfNoneMatch, plainResponse } from "../http/cached-response";
import { assetPath, parseAssetFileName } from "../settings/assets";
import { findAssetByHashPrefix } from "../settings/queries";

// /assets/<hash>.<ext>: uploaded logos and favicons. The name is the content's hash, so an
// answer never changes: browsers and CDNs keep it for a year, and this process keeps the
// few it has served in memory, so they go on serving while the database is away.

const IMMUTABLE = "public, max-age=31536000, immutable";
// An SVG opened directly runs nothing and fetches nothing (it was sanitised too).
const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
const MAX_CACHED = 16;

const cache = new Map<string, { sha256: string; contentType: string; bytes: Buffer; etag: string }>();

async function load(prefix: string) {
  const hit = cache.get(prefix);
  if (hit) return hit;
  const row = await findAssetByHashPrefix(db(), prefix);
  if (!row) return null;
  const entry = { sha256: row.sha256, contentType: row.contentType, bytes: Buffer.from(row.bytes), etag: `"${row.sha256}"` };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(prefix, entry);
  return entry;
}

export async function assetResponse(method: string, fileName: string, headers: RequestHeaders): Promise<CachedResponse> {
  const notFound = () => plainResponse(method, 404, "Not found\n", { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  const prefix = parseAssetFileName(fileName);
  if (!prefix) return notFound();
  const asset = await load(prefix);
  // The extension must be the stored type's: one URL, one type.
  if (!asset || assetPath(asset) !== `/assets/${fileName}`) return notFound();
  const common = { "Cache-Control": IMMUTABLE, ETag: asset.etag, "X-Content-Type-Options": "nosniff", "Content-Security-Policy": ASSET_CSP };
  if (matchesIfNoneMatch(headers.get("if-none-match"), asset.etag)) return { status: 304, headers: common, body: null };
  return plainResponse(method, 200, asset.bytes, { ...common, "Content-Type": asset.contentType });
}
