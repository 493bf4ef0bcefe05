import { badgeRouteResponse } from "@/lib/badges/serve";

// The page's status badge. server/http-server.ts answers it from memory before Next sees
// the request; this handler serves the same bytes under `next dev`, or when the
// server's attempt failed.
export const GET = badgeRouteResponse;
export const HEAD = badgeRouteResponse;
