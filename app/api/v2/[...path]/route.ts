import { statuspageResponse, statuspageUnavailable } from "@/lib/statuspage/serve";

// The Statuspage v2 API (/api/v2/*.json). scripts/server.ts answers it from memory,
// pre-compressed, before Next sees the request; this handler serves the same bytes
// under `next dev`, or when the server's attempt failed.
async function handle(request: Request): Promise<Response> {
  // Next strips Content-Encoding from handler responses: always ask for the plain bytes.
  const headers = { get: (name: string) => (name === "accept-encoding" ? null : request.headers.get(name)) };
  try {
    const r = await statuspageResponse(request.method, new URL(request.url).pathname, headers);
    return new Response(r.body ? new Uint8Array(r.body) : null, { status: r.status, headers: r.headers });
  } catch (error) {
    console.error("[vigil] statuspage API failed:", error);
    const r = statuspageUnavailable(request.method);
    return new Response(r.body ? new Uint8Array(r.body) : null, { status: r.status, headers: r.headers });
  }
}

export const GET = handle;
export const HEAD = handle;
export const OPTIONS = handle;
// Answered with a JSON 405, like the server path, rather than Next's empty one.
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
