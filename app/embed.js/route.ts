import { embedResponse } from "@/lib/embed/serve";
import { plainRequestHeaders, toWebResponse } from "@/lib/http/cached-response";

// The embeddable status notice. server/http-server.ts answers it before Next sees the
// request; this handler serves the same bytes under `next dev`.
function handle(request: Request): Response {
  return toWebResponse(embedResponse(request.method, plainRequestHeaders(request)));
}

export const GET = handle;
export const HEAD = handle;
