import { toWebResponse } from "@/lib/http/cached-response";
import { readyzResponse } from "@/lib/health/checks";

// Readiness. server/http-server.ts answers it before Next sees the request; this handler
// serves the same under `next dev`.
const handle = async (request: Request) => toWebResponse(await readyzResponse(request.method));
export const GET = handle;
export const HEAD = handle;
export const dynamic = "force-dynamic";
