import type { NextRequest } from "next/server";
import { announceSignIn, requestContext, setSessionCookie, takeFlowCookie } from "@/lib/auth/next-session";
import { oidcConfig } from "@/lib/auth/oidc/config";
import { callbackUrlFor, completeOidcSignIn, loginPathFor, redirectUriFor, STATE_COOKIE } from "@/lib/auth/oidc/sign-in";
import { db } from "@/lib/db";
import { methodNotAllowed } from "@/lib/http/json-errors";
import { seeOther } from "@/lib/http/redirect";
import { publicPageUrl } from "@/lib/page/public-url";

// GET /auth/oidc/callback: where the identity provider sends the browser back. Signs in (a
// new session, the cookie set as for a password sign-in) or sends it to /login with the reason.

export async function GET(request: NextRequest): Promise<Response> {
  const config = oidcConfig();
  if (!config) return seeOther("/login");
  try {
    const stateCookie = await takeFlowCookie(STATE_COOKIE);
    const callbackUrl = callbackUrlFor(redirectUriFor(await publicPageUrl(db())), request.nextUrl.search);
    const result = await completeOidcSignIn(db(), config, { callbackUrl, stateCookie, ctx: await requestContext() });
    await setSessionCookie(result.token);
    // Signed in now only when the provider's MFA counted; else at Vigil's own second factor.
    if (result.next === "/console") await announceSignIn(result.userId);
    return seeOther(result.next);
  } catch (error) {
    return seeOther(loginPathFor(error));
  }
}

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as DELETE, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };
