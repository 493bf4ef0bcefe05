import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { negotiateEncoding, type ContentCoding } from "./accept-encoding";
import { reportError } from "../db-reachability";

// Shared by the public pages and JSON. Browsers revalidate every view (max-age=0: a
// cheap 304 thanks to the ETag), so staff see their own update at once; a CDN keeps a
// copy for 10 s, may serve it stale for 30 s while it refetches, and for a day if
// Vigil is unreachable.
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";

/** A response for server/http-server.ts to write as is (or for a route handler to wrap). */
export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

export interface RequestHeaders {
  get(name: string): string | null;
}

/** A body built once per write: raw, compressed once per coding, and its validator. */
export interface CachedBody {
  status: number;
  body: Buffer;
  gzipped: Buffer;
  brotli: Buffer;
  etag: string;
}

// Bodies are built on the request path of the first reader after a write, so brotli's
// quality 11 (≈50× gzip's time on a 150 kB page) is out; 5 is about as fast as gzip and
// still well smaller.
const BROTLI_QUALITY = 5;

/** Encodes a body once: gzip (zlib's default level, as every caller used), brotli, and a sha1 ETag of the raw bytes. */
export function encodeCachedBody(content: Buffer | string, status = 200): CachedBody {
  const body = typeof content === "string" ? Buffer.from(content) : content;
  return {
    status,
    body,
    gzipped: gzipSync(body),
    brotli: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
  };
}

/**
 * If-None-Match against our ETag (RFC 9110 §13.1.2): "*", or any listed tag under the
 * weak comparison, so a W/ tag a compressing proxy derived from ours still matches.
 */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const ours = opaque(etag);
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => opaque(tag) === ours);
}

const OFFERED: readonly ContentCoding[] = ["br", "gzip"];

// Clients send a handful of distinct Accept-Encoding strings; the fast path answers each
// from a small memo instead of parsing it per request. Bounded: cleared when full.
const codingMemo = new Map<string, ContentCoding | null>();
function codingFor(header: string | null): ContentCoding | null {
  if (header === null) return null;
  let coding = codingMemo.get(header);
  if (coding === undefined) {
    coding = negotiateEncoding(header, OFFERED);
    if (codingMemo.size >= 64) codingMemo.clear();
    codingMemo.set(header, coding);
  }
  return coding;
}

/**
 * Answers from a cached body: 304 on a matching ETag, brotli or gzip as Accept-Encoding
 * allows (see accept-encoding.ts), no body for HEAD. One ETag covers every coding: they
 * are the same document, and `Vary: Accept-Encoding` keeps caches from mixing them up.
 */
export function respond(
  method: string,
  headers: RequestHeaders,
  page: CachedBody & { contentType: string; stale: boolean; extra: Record<string, string> },
): CachedResponse {
  const common = {
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    ETag: page.etag,
    Vary: "Accept-Encoding",
    "X-Vigil-Cache": page.stale ? "stale" : "hit",
    ...page.extra,
  };
  if (matchesIfNoneMatch(headers.get("if-none-match"), page.etag)) return { status: 304, headers: common, body: null };
  const coding = codingFor(headers.get("accept-encoding"));
  const body = coding === "br" ? page.brotli : coding === "gzip" ? page.gzipped : page.body;
  return {
    status: page.status,
    headers: {
      ...common,
      "Content-Type": page.contentType,
      "Content-Length": String(body.length),
      ...(coding ? { "Content-Encoding": coding } : {}),
    },
    body: method === "HEAD" ? null : body,
  };
}

/** An uncached answer (errors, 503s, per-request text): the headers plus its length, no body for HEAD. */
export function plainResponse(method: string, status: number, content: Buffer | string, headers: Record<string, string>): CachedResponse {
  const body = typeof content === "string" ? Buffer.from(content) : content;
  return { status, headers: { ...headers, "Content-Length": String(body.length) }, body: method === "HEAD" ? null : body };
}

/** A route handler's request headers, minus Accept-Encoding: Next strips Content-Encoding from handler responses, so they send plain bytes. */
export function plainRequestHeaders(request: Request): RequestHeaders {
  return { get: (name) => (name.toLowerCase() === "accept-encoding" ? null : request.headers.get(name)) };
}

/** A cached response as a route handler's Response. */
export function toWebResponse(response: CachedResponse): Response {
  return new Response(response.body ? new Uint8Array(response.body) : null, { status: response.status, headers: response.headers });
}

export interface RouteRequest {
  method: string;
  url: URL;
  /** Without Accept-Encoding (see plainRequestHeaders). */
  headers: RequestHeaders;
}

/**
 * An App Router handler for a fast-path presenter (under `next dev`, or when the custom
 * server's attempt failed): the same bytes, uncompressed; a thrown error answers
 * `unavailable` (the presenter's "no data at all" response) and is logged under `name`.
 */
export function cachedRouteHandler(
  name: string,
  serve: (request: RouteRequest) => Promise<CachedResponse> | CachedResponse,
  unavailable: (method: string) => CachedResponse,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return toWebResponse(await serve({ method: request.method, url: new URL(request.url), headers: plainRequestHeaders(request) }));
    } catch (error) {
      reportError(error, name);
      return toWebResponse(unavailable(request.method));
    }
  };
}
