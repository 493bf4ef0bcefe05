import { feedRouteResponse } from "@/lib/feeds/serve";

// The Atom feed (?component=<slug> for one component). server/http-server.ts answers it from
// memory before Next sees the request; this handler serves the same bytes under `next dev`.
const handle = (request: Request): Promise<Response> => feedRouteResponse(request);

export const GET = handle;
export const HEAD = handle;
