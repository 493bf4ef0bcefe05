import { statuspageRouteResponse } from "@/lib/statuspage/serve";

// The Statuspage v2 API (/api/v2/*.json). server/http-server.ts answers it from memory,
// pre-compressed, before Next sees the request; this handler serves the same bytes
// under `next dev`, or when the server's attempt failed.
export const GET = statuspageRouteResponse;
export const HEAD = statuspageRouteResponse;
export const OPTIONS = statuspageRouteResponse;
// Answered with a JSON 405, like the server path, rather than Next's empty one.
export const POST = statuspageRouteResponse;
export const PUT = statuspageRouteResponse;
export const PATCH = statuspageRouteResponse;
export const DELETE = statuspageRouteResponse;
