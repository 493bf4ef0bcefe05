// Shared by the public pages and JSON. Browsers revalidate every view (max-age=0: a
// cheap 304 thanks to the ETag), so staff see their own update at once; a CDN keeps a
// copy for 10 s, may serve it stale for 30 s while it refetches, and for a day if
// Vigil is unreachable.
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";

/** A response for scripts/server.ts to write as is (or for a route handler to wrap). */
export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

export interface RequestHeaders {
  get(name: string): string | null;
}

/** A body built once per write: raw, compressed once, and its validator. */
export interface CachedBody {
  status: number;
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

/** Answers from a cached body: 304 on a matching ETag, gzip when accepted, no body for HEAD. */
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
  if (headers.get("if-none-match") === page.etag) return { status: 304, headers: common, body: null };
  const gzip = /\bgzip\b/.test(headers.get("accept-encoding") ?? "");
  const body = gzip ? page.gzipped : page.body;
  return {
    status: page.status,
    headers: {
      ...common,
      "Content-Type": page.contentType,
      "Content-Length": String(body.length),
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    },
    body: method === "HEAD" ? null : body,
  };
}

/** A route handler's request headers, minus Accept-Encoding: Next strips Content-Encoding from handler responses, so they send plain bytes. */
export function plainRequestHeaders(request: Request): RequestHeaders {
  return { get: (name) => (name.toLowerCase() === "accept-encoding" ? null : request.headers.get(name)) };
}

/** A cached response as a route handler's Response. */
export function toWebResponse(response: CachedResponse): Response {
  return new Response(response.body ? new Uint8Array(response.body) : null, { status: response.status, headers: response.headers });
}
