// Shared by the public pages and JSON: a CDN may keep a copy for 10 s, serve it
// stale for 30 s while it refetches, and for a day if Vigil is unreachable.
export const PUBLIC_CACHE_CONTROL = "public, max-age=10, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";
