import { db } from "@/lib/db";
import { handleHeartbeatPing } from "@/lib/probes/heartbeat/api";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

// GET | HEAD | POST /api/heartbeat/<token>[/fail]: a job's ping (lib/probes/heartbeat/api.ts).
// The token in the URL is the credential: no session, no cookies, never cached.

async function handle(request: Request): Promise<Response> {
  const response = await handleHeartbeatPing(
    db(),
    { method: request.method, url: new URL(request.url), headers: request.headers, body: request.body },
    { onStatusChange: invalidatePublicSnapshot },
  );
  const headers = { ...response.headers, "Cache-Control": "no-store" };
  if (request.method === "HEAD") return new Response(null, { status: response.status, headers });
  return Response.json(response.body, { status: response.status, headers });
}

// handleHeartbeatPing answers any other method with its JSON 405.
export { handle as DELETE, handle as GET, handle as HEAD, handle as OPTIONS, handle as PATCH, handle as POST, handle as PUT };
