import { plainRequestHeaders, toWebResponse } from "@/lib/http/cached-response";
import { methodNotAllowed } from "@/lib/http/json-errors";
import { snapshotResponse } from "@/lib/public/html";

// The page's JSON snapshot: the same bytes for every caller until the next write.
// server/http-server.ts answers it pre-compressed before Next; this handler serves `next dev`
// through the same function (plain bytes: Next strips Content-Encoding).
export async function GET(request: Request) {
  return toWebResponse(await snapshotResponse(request.method, plainRequestHeaders(request)));
}

// The page's own poll asks HEAD (lib/public/client/live.ts): the same answer without the body.
export { GET as HEAD };

const notAllowed = methodNotAllowed(["GET", "HEAD"]);
export { notAllowed as DELETE, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };
