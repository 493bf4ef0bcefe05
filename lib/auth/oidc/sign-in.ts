import { timingSafeEqual } from "node:crypto";
import { type Actor, recordAudit } from "../../audit/record";
import { inTransaction, isUniqueViolation, type DbOrTx } from "../../db";
import { log } from "../../log";
import { createSession } from "../sessions";
import type { RequestContext } from "../sign-in";
import { accountForIdentity, applyMappedRole } from "./accounts";
import { authorizationRequest, describeOidcError, exchangeCode, isTransportError } from "./client";
import { OidcSignInError } from "./failures";
import { saveFlow, takeFlow } from "./flow-state";
import { idpProvedMfa } from "./idp-mfa";
import { claimAt, groupsIn, mappedRole } from "./roles";
import { OidcClaims, type OidcConfig } from "./schemas";

// Single sign-on for staff: the two verbs behind /auth/oidc/start and /auth/oidc/callback.
// Every refusal is an OidcSignInError (a fixed reason for the login page) and an audit row.

export const CALLBACK_PATH = "/auth/oidc/callback";

export const STATE_COOKIE = "vigil_oidc_state";

/** Where the provider sends the browser back: register exactly this at the provider. */
export function redirectUriFor(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${CALLBACK_PATH}`;
}

/** The URL the provider redirected to, as it registered it (the public URL, not the Host header) with the query that arrived. */
export function callbackUrlFor(redirectUri: string, search: string): URL {
  const url = new URL(redirectUri);
  url.search = search;
  return url;
}

/** Where a failed sign-in sends the browser: the login page with the reason, never an error page. */
export function loginPathFor(error: unknown): string {
  if (error instanceof OidcSignInError) return `/login?sso=${error.reason}`;
  log.error({ err: error }, "single sign-on failed");
  return "/login?sso=internal";
}

async function auditFailure(db: DbOrTx, actor: Actor, config: OidcConfig, error: OidcSignInError, subject?: string): Promise<void> {
  try {
    await recordAudit(db, actor, {
      action: "auth.oidc_failed",
      targetType: "session",
      after: { issuer: config.issuer, reason: error.reason, ...(subject ? { subject } : {}), ...(error.detail ? { detail: error.detail } : {}) },
    });
  } catch (err) {
    log.error({ err }, "could not audit a refused single sign-on");
  }
}

/** Starts a sign-in: the provider's authorization URL, and the state the browser keeps in a cookie. */
export async function beginOidcSignIn(
  db: DbOrTx,
  config: OidcConfig,
  input: { redirectUri: string; ctx: RequestContext },
  now = new Date(),
): Promise<{ url: string; state: string }> {
  let request: Awaited<ReturnType<typeof authorizationRequest>>;
  try {
    request = await authorizationRequest(config, input.redirectUri, now);
  } catch (error) {
    const refusal = new OidcSignInError("provider_unreachable", describeOidcError(error));
    await auditFailure(db, { id: null, email: null, ip: input.ctx.ip }, config, refusal);
    throw refusal;
  }
  await saveFlow(db, { ...request, issuer: config.issuer }, now);
  return { url: request.url, state: request.state };
}

export interface OidcSignedIn {
  token: string;
  userId: string;
  /** Where the browser goes next: the console (the provider's MFA counted), or Vigil's own second factor. */
  next: "/console" | "/mfa/verify" | "/mfa/setup";
}

function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Finishes a sign-in from the provider's redirect: `callbackUrl` is the redirect URI with the
 * query the browser arrived with, `stateCookie` what this browser kept at the start.
 */
export async function completeOidcSignIn(
  db: DbOrTx,
  config: OidcConfig,
  input: { callbackUrl: URL; stateCookie: string | undefined; ctx: RequestContext },
  now = new Date(),
): Promise<OidcSignedIn> {
  const actor: Actor = { id: null, email: null, ip: input.ctx.ip };
  let subject: string | undefined;
  try {
    const state = input.callbackUrl.searchParams.get("state");
    if (!state) throw new OidcSignInError("state_invalid", "no state in the callback");
    if (!input.stateCookie || !sameState(state, input.stateCookie))
      throw new OidcSignInError("state_invalid", "the state does not match this browser's cookie");
    const flow = await takeFlow(db, state, config.issuer, now);
    if (!flow.ok) throw new OidcSignInError(flow.reason === "used" ? "state_used" : "state_invalid", `state ${flow.reason}`);
    const providerError = input.callbackUrl.searchParams.get("error");
    if (providerError) {
      throw new OidcSignInError("provider_error", `${providerError}: ${input.callbackUrl.searchParams.get("error_description") ?? ""}`.slice(0, 300));
    }
    let raw: Record<string, unknown>;
    try {
      raw = await exchangeCode(config, input.callbackUrl, { state, nonce: flow.nonce, codeVerifier: flow.codeVerifier }, now);
    } catch (error) {
      throw new OidcSignInError(isTransportError(error) ? "provider_unreachable" : "token_invalid", describeOidcError(error));
    }
    const parsed = OidcClaims.safeParse(raw);
    if (!parsed.success) throw new OidcSignInError("token_invalid", "the ID token has no usable subject");
    const claims = parsed.data;
    subject = claims.sub;
    actor.email = claims.email ?? null;
    if (config.mfa === "idp" && !idpProvedMfa(claims, config.acrValues)) {
      throw new OidcSignInError("mfa_required", `amr ${JSON.stringify(claims.amr ?? null)}, acr ${JSON.stringify(claims.acr ?? null)}`);
    }
    const groups = groupsIn(claimAt(raw, config.rolesClaim));
    const role = mappedRole(groups, config.roleMap);
    if (!role) throw new OidcSignInError("no_role", `${config.rolesClaim}: ${JSON.stringify(groups).slice(0, 250)}`);
    const open = () =>
      inTransaction(db, async (tx) => {
        const user = await accountForIdentity(tx, { issuer: config.issuer, claims, role, jit: config.jit, ip: input.ctx.ip }, now);
        actor.id = user.id;
        actor.email = user.email;
        await applyMappedRole(tx, user, role, actor);
        const session = await createSession(tx, { userId: user.id, ip: input.ctx.ip, userAgent: input.ctx.userAgent }, now);
        // The provider proved a second factor (checked above): the session is signed in, and
        // that counts as "confirm it's you" for the next minutes, as Vigil's own code does.
        if (config.mfa === "idp") await tx.session.update({ where: { id: session.id }, data: { mfaVerifiedAt: now, reauthenticatedAt: now } });
        await recordAudit(tx, actor, {
          action: "auth.oidc_ok",
          targetType: "session",
          after: { issuer: config.issuer, subject: claims.sub, role, mfa: config.mfa },
        });
        const next: OidcSignedIn["next"] = config.mfa === "idp" ? "/console" : user.mfaSecret ? "/mfa/verify" : "/mfa/setup";
        return { token: session.token, userId: user.id, next };
      });
    try {
      return await open();
    } catch (error) {
      // Two first sign-ins at once: one linked (or created) the account; the other now finds the link.
      if (!isUniqueViolation(error)) throw error;
      return await open();
    }
  } catch (error) {
    if (error instanceof OidcSignInError) await auditFailure(db, actor, config, error, subject);
    throw error;
  }
}
