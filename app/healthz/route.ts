import { toWebResponse } from "@/lib/http/cached-response";
import { healthzResponse } from "@/lib/health/checks";

// Liveness. server/http-server.ts answers it before Next sees the request; this handler
// serves the same under `next dev`.
const handle = (request: Request) => toWebResponse(healthzResponse(request.method));
export const GET = handle;
export const HEAD = handle;
export const dynamic = "force-dynamic";
