import { metricsResponse } from "@/lib/metrics/serve";
import { plainRequestHeaders, toWebResponse } from "@/lib/http/cached-response";

// Prometheus metrics. server/http-server.ts answers them before Next sees the request;
// this handler serves the same text under `next dev`. The token check is inside
// metricsResponse, so both paths enforce it.
async function handle(request: Request): Promise<Response> {
  return toWebResponse(await metricsResponse(request.method, plainRequestHeaders(request)));
}

export const GET = handle;
export const HEAD = handle;
