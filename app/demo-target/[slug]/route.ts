import { demoTargetResponse } from "@/lib/demo/target";
import { toWebResponse } from "@/lib/http/cached-response";

// The demo probes' target (lib/demo/target.ts). server/http-server.ts answers it before
// Next sees the request; this handler serves the same answer under `next dev`.
async function handle(request: Request): Promise<Response> {
  return toWebResponse(await demoTargetResponse(request.method, new URL(request.url).pathname));
}

export const GET = handle;
export const HEAD = handle;
