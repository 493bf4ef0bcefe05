import { handleManageRequest } from "@/lib/api/manage/handle";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getPageInfo } from "@/lib/public/snapshot";

// The management API: bearer keys, not cookies, so there is no CSRF surface here.
async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const result = await handleManageRequest(
    db(),
    { method: request.method, url, headers: request.headers, body: request.body, ip: request.headers.get(CLIENT_IP_HEADER) },
    { pageUrl: (await getPageInfo().catch(() => null))?.url ?? url.origin, rateLimitPerMinute: env().API_RATE_LIMIT_PER_MINUTE },
  );
  return Response.json(result.body, { status: result.status, headers: { ...result.headers, "Cache-Control": "no-store" } });
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
