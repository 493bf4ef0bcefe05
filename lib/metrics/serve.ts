import { createHash, timingSafeEqual } from "node:crypto";
import { gzipSync } from "node:zlib";
import { env } from "../env";
import { negotiateEncoding } from "../http/accept-encoding";
import { plainResponse, type CachedResponse, type RequestHeaders } from "../http/cached-response";
import { getHomeSnapshot } from "../public/snapshot";
import { CONTENT_TYPE, metricsRegistry } from "../prometheus/registry";
import { statusMetricFamilies } from "./status";
import { processMetricFamilies } from "./process";

// GET /metrics for Prometheus. Collected on every scrape and never cached by anyone
// (the data is the in-memory snapshot, so a scrape costs no query). With METRICS_TOKEN
// set, a scrape needs `Authorization: Bearer <token>`. server/http-server.ts answers
// through publicPageResponse; app/metrics/route.ts calls this too (under `next dev`).

export const METRICS_PATH = "/metrics";

function ensureBuiltinCollectors(): void {
  // Registering by name is idempotent; every module copy registers the same collector.
  metricsRegistry().register("status", async () => {
    const { value, staleSince } = await getHomeSnapshot();
    return statusMetricFamilies(value, staleSince !== null);
  });
  metricsRegistry().register("process", processMetricFamilies);
}

/** Constant-time comparison of the presented bearer token with the configured one. */
export function isAuthorized(authorization: string | null, token: string | undefined): boolean {
  if (token === undefined) return true;
  const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "")?.[1];
  if (!presented) return false;
  // Hashing first gives equal lengths, so timingSafeEqual never leaks the token's length.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

function text(method: string, status: number, body: string, extra: Record<string, string> = {}): CachedResponse {
  return plainResponse(method, status, body, { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8", ...extra });
}

/** Answers /metrics for GET and HEAD; other methods get a 405. */
export async function metricsResponse(
  method: string,
  headers: RequestHeaders,
  { token }: { token: string | undefined } = { token: env().METRICS_TOKEN },
): Promise<CachedResponse> {
  if (method !== "GET" && method !== "HEAD") return text(method, 405, "Method not allowed\n", { Allow: "GET, HEAD" });
  if (!isAuthorized(headers.get("authorization"), token)) {
    return text(method, 401, "Unauthorized: send Authorization: Bearer <METRICS_TOKEN>\n", { "WWW-Authenticate": 'Bearer realm="vigil-metrics"' });
  }
  ensureBuiltinCollectors();
  const raw = Buffer.from(await metricsRegistry().render());
  // Compressed per scrape, so gzip only: brotli would cost more CPU than it saves here.
  const gzip = negotiateEncoding(headers.get("accept-encoding"), ["gzip"]) === "gzip";
  return plainResponse(method, 200, gzip ? gzipSync(raw) : raw, {
    "Cache-Control": "no-store",
    "Content-Type": CONTENT_TYPE,
    Vary: "Accept-Encoding",
    ...(gzip ? { "Content-Encoding": "gzip" } : {}),
  });
}
