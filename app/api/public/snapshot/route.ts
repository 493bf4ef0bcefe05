import { getHomeSnapshot } from "@/lib/public/snapshot";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/cached-response";

// The page's JSON snapshot: the same bytes for every caller until the next write.
// scripts/server.ts answers it pre-compressed before Next; this handler serves `next dev`.
export async function GET(request: Request) {
  const { value } = await getHomeSnapshot();
  const headers = {
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    ETag: value.etag,
    "Access-Control-Allow-Origin": "*",
  };
  if (request.headers.get("if-none-match") === value.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(value.json), { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
