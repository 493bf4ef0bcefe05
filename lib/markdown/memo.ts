/**
 * Remembers the last `limit` results of a pure string function: a fan-out renders the
 * same update for thousands of subscribers.
 */
export function memoized(fn: (source: string) => string, limit = 200): (source: string) => string {
  const recent = new Map<string, string>();
  return (source) => {
    const hit = recent.get(source);
    if (hit !== undefined) return hit;
    const result = fn(source);
    if (recent.size >= limit) recent.delete(recent.keys().next().value!);
    recent.set(source, result);
    return result;
  };
}
