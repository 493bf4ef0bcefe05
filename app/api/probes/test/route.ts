import { currentSession, requestContext } from "@/lib/auth/next-session";
import type { Role } from "@/lib/auth/schemas";
import type { StaffContext } from "@/lib/auth/staff";
import { db } from "@/lib/db";
import { handleTestProbe } from "@/lib/probes/test-api";

// POST /api/probes/test: run a probe config once and answer its result (nothing saved).
// The console session (signed in, second factor passed here or at the identity provider) authenticates; the role check
// (probes:write) and the same-origin check are in handleTestProbe.

async function staffFromSession(): Promise<StaffContext | null> {
  const session = await currentSession();
  if (!session?.mfaVerifiedAt) return null;
  const { ip } = await requestContext();
  return { role: session.user.role as Role, actor: { id: session.user.id, email: session.user.email, ip }, sessionId: session.id };
}

export async function POST(request: Request): Promise<Response> {
  const response = await handleTestProbe(db(), request, staffFromSession);
  return Response.json(response.body, { status: response.status, headers: { "Cache-Control": "no-store" } });
}

// handleTestProbe answers any other method with its JSON 405.
export { POST as DELETE, POST as GET, POST as PATCH, POST as PUT };
