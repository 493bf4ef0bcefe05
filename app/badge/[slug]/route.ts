import { badgeRouteResponse } from "@/lib/badges/serve";

// A component's badge, /badge/<slug>.svg (the segment keeps its ".svg"; the shared
// parser reads the slug from the path). server/http-server.ts answers it from memory
// before Next sees the request; this handler serves the same bytes under `next dev`.
export const GET = badgeRouteResponse;
export const HEAD = badgeRouteResponse;
