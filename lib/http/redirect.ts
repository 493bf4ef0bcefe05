/** A 303 to `location` (a path or a URL), never cached: a GET follows it whatever the request's method. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}
