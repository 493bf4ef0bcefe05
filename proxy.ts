import { type NextRequest, NextResponse } from "next/server";
import { actionCallProblem, isActionCall } from "./lib/http/server-action-request";

// Next's proxy runs before Next routes a request; only server action calls come here
// (config.matcher). Each is checked before Next decodes it, so a malformed call gets a
// clear 4xx instead of Next's 500 (lib/http/server-action-request.ts says what passes).
// Authorization stays in every action itself.
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (!isActionCall(request)) return NextResponse.next();
  // Next gives the proxy a copy of the body and the action the original.
  const refusal = await actionCallProblem(request, new Uint8Array(await request.arrayBuffer()));
  if (!refusal) return NextResponse.next();
  return new NextResponse(`${refusal.message}\n`, {
    status: refusal.status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

// Pages only: route handlers under /api/ read their own bodies, and Next runs no actions
// there. (Next reads this object at build time: literals only.)
export const config = {
  matcher: [
    { source: "/((?!api/|_next/).*)", has: [{ type: "header", key: "next-action" }] },
    { source: "/((?!api/|_next/).*)", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
  ],
};
