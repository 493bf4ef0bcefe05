import { assetResponse } from "@/lib/public/assets";
import { plainRequestHeaders, plainResponse, toWebResponse } from "@/lib/http/cached-response";
import { reportError } from "@/lib/db-reachability";

// Uploaded logos and favicons (lib/public/assets.ts).
async function handle(request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  try {
    return toWebResponse(await assetResponse(request.method, (await params).file, plainRequestHeaders(request)));
  } catch (error) {
    reportError(error, "asset");
    return toWebResponse(plainResponse(request.method, 503, "Unavailable\n", { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" }));
  }
}

export const GET = handle;
export const HEAD = handle;
