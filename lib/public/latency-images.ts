import { plainResponse, respond, type CachedResponse, type RequestHeaders } from "../http/cached-response";
import { jsonError } from "../http/json-errors";
import { LATENCY_IMAGE_PREFIX } from "./latency-svg";
import { getHomeSnapshot } from "./snapshot";

// /api/public/latency/<slug>/<day|week>.svg: a component's response-time chart as an image,
// from the home snapshot in memory (made once per build, then answered like every cached
// public read: ETag, 304, gzip or brotli). The page loads it lazily (components/status/LatencyChart.tsx).

const IMAGE_PATH = /^\/api\/public\/latency\/([a-z0-9-]{1,100})\/(day|week)\.svg$/;

export function isLatencyImagePath(pathname: string): boolean {
  return pathname.startsWith(LATENCY_IMAGE_PREFIX);
}

/** An API path: its 4xx is JSON like every other API's. */
const NOT_FOUND_BODY = JSON.stringify(
  jsonError("not_found", "There is no response-time chart here: /api/public/latency/<component slug>/<day|week>.svg.").body,
);
const NOT_FOUND = (method: string) =>
  plainResponse(method, 404, NOT_FOUND_BODY, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });

export async function latencyImageResponse(method: string, pathname: string, headers: RequestHeaders): Promise<CachedResponse> {
  const match = IMAGE_PATH.exec(pathname);
  if (!match) return NOT_FOUND(method);
  const { value, staleSince } = await getHomeSnapshot();
  const image = value.latencyImage(match[1]!, match[2] as "day" | "week");
  if (!image) return NOT_FOUND(method);
  return respond(method, headers, { ...image, contentType: "image/svg+xml", stale: staleSince !== null, extra: {} });
}
