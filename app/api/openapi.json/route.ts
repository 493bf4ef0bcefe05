import { buildOpenApiDocument } from "@/lib/api/openapi";
import { methodNotAllowed } from "@/lib/http/json-errors";
import { getPageInfo } from "@/lib/public/snapshot";

export async function GET(request: Request): Promise<Response> {
  const serverUrl = (await getPageInfo().catch(() => null))?.url ?? new URL(request.url).origin;
  return Response.json(buildOpenApiDocument(serverUrl), {
    headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" },
  });
}

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as DELETE, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };
