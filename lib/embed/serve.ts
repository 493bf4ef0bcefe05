import { encodeCachedBody, respond, type CachedBody, type CachedResponse, type RequestHeaders } from "../http/cached-response";
import { EMBED_SCRIPT } from "./script";

// /embed.js: the same bytes until the next deploy, so they are built once per process
// rather than per write. server/http-server.ts answers through publicPageResponse;
// app/embed.js/route.ts calls this too (under `next dev`).

export const EMBED_PATH = "/embed.js";
// Customers' visitors fetch it on every page view: browsers keep it 5 minutes, a CDN a day past that.
export const EMBED_CACHE_CONTROL = "public, max-age=300, s-maxage=300, stale-while-revalidate=86400";

let built: CachedBody | undefined;

function embedBody(): CachedBody {
  built ??= encodeCachedBody(EMBED_SCRIPT);
  return built;
}

/** Answers GET or HEAD /embed.js. */
export function embedResponse(method: string, headers: RequestHeaders): CachedResponse {
  return respond(method, headers, {
    ...embedBody(),
    contentType: "text/javascript; charset=utf-8",
    stale: false,
    extra: {
      "Cache-Control": EMBED_CACHE_CONTROL,
      "Access-Control-Allow-Origin": "*",
      // Loadable by sites that require cross-origin isolation (COEP).
      "Cross-Origin-Resource-Policy": "cross-origin",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
