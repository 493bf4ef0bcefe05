// Matching a request to one of a JSON API's declared operations by method and OpenAPI-style
// path (`/incidents/{id}`): the management API and the Statuspage v1 API share it.

interface Declared {
  method: string;
  path: string;
}

export type RouteMatch<R> = { route: R; params: Record<string, string> } | { allow: string[] } | null;

function pattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/\{(\w+)\}/g, "(?<$1>[A-Za-z0-9_-]{1,64})")}$`);
}

/**
 * A matcher over `routes`: the operation for a method and path, or the methods the path
 * allows (a 405), or null (a 404). Paths with fewer parameters win, so a literal segment
 * (`/incidents/unresolved`) is never read as an id.
 */
export function routeMatcher<R extends Declared>(routes: readonly R[]): (method: string, path: string) => RouteMatch<R> {
  const compiled = [...routes]
    .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))
    .map((route) => ({ route, regex: pattern(route.path) }));
  return (method, path) => {
    const hits = compiled.map(({ route, regex }) => ({ route, m: regex.exec(path) })).filter((c) => c.m !== null);
    if (hits.length === 0) return null;
    const hit = hits.find((c) => c.route.method === method);
    if (!hit) return { allow: [...new Set(hits.map((c) => c.route.method))] };
    return { route: hit.route, params: { ...(hit.m!.groups ?? {}) } };
  };
}
