import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { handleInboundAlertRequest } from "@/lib/integrations/http";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

// Inbound alerts from Alertmanager, Grafana, Datadog or the generic format (docs/api.md).
async function handle(request: Request, { params }: { params: Promise<{ source: string; token: string }> }): Promise<Response> {
  const { source, token } = await params;
  const result = await handleInboundAlertRequest(db(), {
    method: request.method,
    source,
    token,
    headers: request.headers,
    body: request.body,
    ip: request.headers.get(CLIENT_IP_HEADER),
  });
  // This instance's page at once; the revision bump tells the others.
  if (result.status === 200) invalidatePublicSnapshot();
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}

// handleInboundAlertRequest answers any other method with its JSON 405.
export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
