import { jsonError } from "@/lib/http/json-errors";

// Any /api/ path no route file serves: the JSON 404 every API error shape promises,
// rather than Next's HTML not-found page. Route files with a path of their own win.
function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  const { status, body } = jsonError("not_found", `There is no API at ${pathname}. See /api/openapi.json (management API) or /api/v2/summary.json (status).`);
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export { notFound as DELETE, notFound as GET, notFound as HEAD, notFound as OPTIONS, notFound as PATCH, notFound as POST, notFound as PUT };
