// Next's request hook (Next 16's successor to middleware.ts), for the pages Next renders:
// 1. Server action calls are checked before Next decodes them, so a malformed call gets a
//    clear 4xx instead of Next's 500 (lib/http/server-action-request.ts says what passes).
//    Authorization stays in every action itself.
// 2. Every page gets a fresh CSP nonce: Next reads it from the request's
//    Content-Security-Policy header and puts it on each script it emits; the response carries
//    the same policy. Pages the public fast path serves from memory get a hash-based policy
//    instead (lib/public/html.ts).
// 3. The language switcher's links (`?lang=de-DE` on a public page) store the choice in a
//    cookie and redirect to the same page without it (lib/i18n/negotiate.ts); the fast path
//    does the same for the pages it serves. Staff pages are marked, so <html lang> says English.
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy } from "@/lib/http/csp";
import { isStaffPath } from "@/lib/http/security-headers";
import { actionCallProblem, isActionCall } from "@/lib/http/server-action-request";
import { env } from "@/lib/env";
import { REQUEST_PATH_HEADER } from "@/lib/auth/return-path";
import { languageSwitch, STAFF_PAGE_HEADER } from "@/lib/i18n/negotiate";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (isActionCall(request)) {
    // Next gives the proxy a copy of the body and the action the original.
    const refusal = await actionCallProblem(request, new Uint8Array(await request.arrayBuffer()));
    if (refusal) {
      return new NextResponse(`${refusal.message}\n`, {
        status: refusal.status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
  }
  const staff = isStaffPath(request.nextUrl.pathname);
  const languageChoice = !staff && (request.method === "GET" || request.method === "HEAD") ? languageSwitch(request.nextUrl) : null;
  if (languageChoice) {
    // Next wants an absolute Location from the proxy; the same host the request named.
    const response = NextResponse.redirect(new URL(languageChoice.location, request.nextUrl), 303);
    response.headers.set("Cache-Control", "no-store");
    response.headers.append("Set-Cookie", languageChoice.setCookie);
    return response;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy({ nonce, frameable: !staff, dev: env().NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  // The page asked for, so a console page that sends someone to sign in can bring them back
  // (lib/auth/next-session.ts). Always overwritten: a client's own value never gets through.
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  if (staff) headers.set(STAFF_PAGE_HEADER, "1");
  else headers.delete(STAFF_PAGE_HEADER);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Pages only: not API routes (they read their own bodies; Next runs no actions there), assets
// or prefetches. (Next reads this object at build time: literals only.)
export const config = {
  matcher: [
    {
      source: "/((?!api/|v1/|_next/static|_next/image|icon.svg|badge|feed\\.|embed\\.js|metrics|healthz|readyz|demo-target).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    { source: "/((?!api/|v1/|_next/).*)", has: [{ type: "header", key: "next-action" }] },
    { source: "/((?!api/|v1/|_next/).*)", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
  ],
};
