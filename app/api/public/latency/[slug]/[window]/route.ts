import { plainRequestHeaders, toWebResponse } from "@/lib/http/cached-response";
import { methodNotAllowed } from "@/lib/http/json-errors";
import { latencyImageResponse } from "@/lib/public/latency-images";

// A response-time chart image. server/http-server.ts answers it before Next; this handler
// serves `next dev` through the same function.
export async function GET(request: Request) {
  return toWebResponse(await latencyImageResponse(request.method, new URL(request.url).pathname, plainRequestHeaders(request)));
}

export { GET as HEAD };

const notAllowed = methodNotAllowed(["GET", "HEAD"]);
export { notAllowed as DELETE, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };
