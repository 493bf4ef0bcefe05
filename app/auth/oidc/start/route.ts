import { requestContext, setFlowCookie } from "@/lib/auth/next-session";
import { oidcConfig } from "@/lib/auth/oidc/config";
import { FLOW_TTL_MS } from "@/lib/auth/oidc/flow-state";
import { beginOidcSignIn, loginPathFor, redirectUriFor, STATE_COOKIE } from "@/lib/auth/oidc/sign-in";
import { db } from "@/lib/db";
import { methodNotAllowed } from "@/lib/http/json-errors";
import { seeOther } from "@/lib/http/redirect";
import { publicPageUrl } from "@/lib/page/public-url";

// GET /auth/oidc/start: the "Sign in with …" button. Sends the browser to the identity
// provider, keeping the sign-in's state in a cookie (lib/auth/oidc/sign-in.ts).

export async function GET(): Promise<Response> {
  const config = oidcConfig();
  if (!config) return seeOther("/login");
  try {
    const redirectUri = redirectUriFor(await publicPageUrl(db()));
    const { url, state } = await beginOidcSignIn(db(), config, { redirectUri, ctx: await requestContext() });
    await setFlowCookie(STATE_COOKIE, state, FLOW_TTL_MS / 1000);
    return seeOther(url);
  } catch (error) {
    return seeOther(loginPathFor(error));
  }
}

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as DELETE, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };
