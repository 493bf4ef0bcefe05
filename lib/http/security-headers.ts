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

const STAFF_PREFIXES = ["/console", "/login", "/setup", "/mfa", "/api/manage", "/api/probes"];

export function isStaffPath(pathname: string): boolean {
  return STAFF_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** The security headers for a response to `pathname` (pure). */
export function securityHeaders(pathname: string): Record<string, string> {
  return isStaffPath(pathname) ? { ...EVERYWHERE, ...NOT_FRAMEABLE } : { ...EVERYWHERE };
}
