import { createHash } from "node:crypto";
import { plainResponse, type CachedResponse } from "../http/cached-response";

// /demo-target/<slug>: what the demo page's probes check (lib/seed/demo.ts), so a new
// installation shows live checks and response times without reaching the internet.
// Cheap by construction, as anyone can call it: no database, no render, a fixed
// 15-byte body, and a delay that is one timer of at most 80 ms. server/http-server.ts
// answers it through publicPageResponse; app/demo-target/[slug]/route.ts under `next dev`.

export const DEMO_TARGET_PREFIX = "/demo-target/";
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const BODY = Buffer.from('{"status":"UP"}');
const NOT_FOUND = Buffer.from('{"status":"NOT_FOUND"}');

export function isDemoTargetPath(pathname: string): boolean {
  return pathname.startsWith(DEMO_TARGET_PREFIX);
}

/** A steady response time per slug (10 to 59 ms) plus up to 20 ms of noise, so each component's chart has its own line. */
export function demoLatencyMs(slug: string, random: () => number = Math.random): number {
  const base = 10 + (createHash("sha1").update(slug).digest().readUInt16BE(0) % 50);
  return base + Math.floor(random() * 20);
}

/** Answers GET or HEAD /demo-target/<slug>: 200 {"status":"UP"} after a short delay; 404 for anything else under the prefix. */
export async function demoTargetResponse(method: string, pathname: string, random: () => number = Math.random): Promise<CachedResponse> {
  const slug = pathname.slice(DEMO_TARGET_PREFIX.length);
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
  };
  if (!SLUG.test(slug)) return plainResponse(method, 404, NOT_FOUND, headers);
  await new Promise((resolve) => setTimeout(resolve, demoLatencyMs(slug, random)));
  return plainResponse(method, 200, BODY, headers);
}
