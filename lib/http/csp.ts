// universal: proxy.ts (Next's request hook) and the public fast path both build policies here.
// The Content-Security-Policy Vigil's HTML pages carry. Scripts run only from our origin
// or inline with this response's nonce (pages Next renders per request: proxy.ts) or with a
// listed hash (pages served from the in-memory cache, where a nonce would be shared by every
// visitor: the hashes of the cached page's own inline scripts, computed once per render).
// Styles may be inline (Next and React set style attributes); images may be data: URLs (the
// MFA QR code). The staff pages refuse every frame; the public pages may be framed.

export interface CspOptions {
  /** A fresh per-response nonce (base64), for a page rendered for this request. */
  nonce?: string;
  /** `sha256-…` sources of the inline scripts of a cached page. */
  scriptHashes?: readonly string[];
  frameable: boolean;
  /** `next dev` evaluates code for fast refresh. */
  dev?: boolean;
}

/** The policy header's value (pure). */
export function contentSecurityPolicy({ nonce, scriptHashes = [], frameable, dev = false }: CspOptions): string {
  const scriptSources = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...scriptHashes.map((h) => `'${h}'`), ...(dev ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scriptSources.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(frameable ? [] : ["frame-ancestors 'none'"]),
  ].join("; ");
}
