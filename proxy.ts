// Next's request hook (Next 16's successor to middleware.ts): every page Next renders gets a
// fresh CSP nonce. Next reads it from the request's Content-Security-Policy header and puts
// it on each script it emits; the response carries the same policy. Pages the public fast
// path serves from memory get a hash-based policy instead (lib/public/html.ts).
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy } from "@/lib/http/csp";
import { isStaffPath } from "@/lib/http/security-headers";
import { env } from "@/lib/env";

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy({ nonce, frameable: !isStaffPath(request.nextUrl.pathname), dev: env().NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: not API routes, assets, or prefetches (they render no HTML of their own).
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|icon.svg|badge|feed\\.|embed\\.js|metrics|healthz|readyz|demo-target).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
