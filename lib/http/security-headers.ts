// Headers every response carries, set once by server/http-server.ts for the fast path and
// Next alike. The public page, badges and /embed.js are meant to be embedded elsewhere, so
// only the staff pages refuse to be framed (clickjacking a signed-in console).

const EVERYWHERE: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

const NOT_FRAMEABLE: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "frame-ancestors 'none'",
};

const STAFF_PREFIXES = ["/console", "/login", "/setup", "/mfa", "/invite", "/auth", "/api/manage", "/api/probes"];

export function isStaffPath(pathname: string): boolean {
  return STAFF_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Two years, subdomains left alone: the page may live on a subdomain of a site that is not all https. */
const HSTS = { "Strict-Transport-Security": "max-age=63072000" };

/** The security headers for a response to `pathname` (pure); `https`: the page's public URL is https. */
export function securityHeaders(pathname: string, { https }: { https: boolean } = { https: false }): Record<string, string> {
  return { ...EVERYWHERE, ...(isStaffPath(pathname) ? NOT_FRAMEABLE : {}), ...(https ? HSTS : {}) };
}
