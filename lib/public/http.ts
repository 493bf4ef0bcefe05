// Shared by the public pages and JSON. Browsers revalidate every view (max-age=0: a
// cheap 304 thanks to the ETag), so staff see their own update at once; a CDN keeps a
// copy for 10 s, may serve it stale for 30 s while it refetches, and for a day if
// Vigil is unreachable.
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";
