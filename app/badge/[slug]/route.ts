import { badgeResponse, badgeUnavailable } from "@/lib/badges/serve";
import { plainRequestHeaders, toWebResponse } from "@/lib/http/cached-response";

// A component's badge, /badge/<slug>.svg (the segment keeps its ".svg"; the shared
// parser reads the slug from the path). scripts/server.ts answers it from memory
// before Next sees the request; this handler serves the same bytes under `next dev`.
async function handle(request: Request): Promise<Response> {
  try {
    return toWebResponse(await badgeResponse(request.method, new URL(request.url), plainRequestHeaders(request)));
  } catch (error) {
    console.error("[vigil] badge failed:", error);
    return toWebResponse(badgeUnavailable(request.method));
  }
}

export const GET = handle;
export const HEAD = handle;
