import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { handleStatuspageV1 } from "@/lib/statuspage/v1/handle";

// Statuspage's v1 Manage API, for integrations written against api.statuspage.io: API
// keys, not cookies, so there is no CSRF surface here.
async function handle(request: Request): Promise<Response> {
  const result = await handleStatuspageV1(
    db(),
    { method: request.method, url: new URL(request.url), headers: request.headers, body: request.body, ip: request.headers.get(CLIENT_IP_HEADER) },
    { rateLimitPerMinute: env().API_RATE_LIMIT_PER_MINUTE, emailEnabled: Boolean(env().SMTP_HOST) },
  );
  return Response.json(result.body, { status: result.status, headers: { ...result.headers, "Cache-Control": "no-store" } });
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
