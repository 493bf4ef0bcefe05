import * as oidc from "openid-client";
import { claimAt } from "./roles";
import type { OidcConfig } from "./schemas";

// The one adapter to openid-client: discovery (cached per process), the authorization URL,
// and the code exchange with every ID token check openid-client makes (signature, issuer,
// audience, nonce, expiry, PKCE, state, RFC 9207 `iss`).

const DISCOVERY_TTL_MS = 3_600_000;
const TIMEOUT_SECONDS = 10;

interface Discovered {
  server: oidc.ServerMetadata;
  at: number;
  jwks?: oidc.ExportedJWKSCache;
}

const discovered = new Map<string, Promise<Discovered>>();

// lib/env.ts allows plain http only for a provider on this machine (and tests).
const insecure = (config: OidcConfig) => config.issuer.startsWith("http://");

async function discover(config: OidcConfig): Promise<Discovered> {
  const found = await oidc.discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, {
    timeout: TIMEOUT_SECONDS,
    ...(insecure(config) ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  return { server: found.serverMetadata(), at: Date.now() };
}

async function discoveredFor(config: OidcConfig): Promise<Discovered> {
  const key = `${config.issuer}\n${config.clientId}`;
  const cached = discovered.get(key);
  if (cached) {
    const entry = await cached.catch(() => null);
    if (entry && Date.now() - entry.at < DISCOVERY_TTL_MS) return entry;
    if (discovered.get(key) === cached) discovered.delete(key);
  }
  const pending = discover(config);
  discovered.set(key, pending);
  // A failed discovery is not kept: the next sign-in asks again.
  pending.catch(() => discovered.get(key) === pending && discovered.delete(key));
  return pending;
}

/**
 * A client configuration whose clock is `now`: the verbs take `now` like every other verb,
 * so openid-client's time checks (exp, iat, auth_time) use the same instant.
 */
export async function clientFor(config: OidcConfig, now: Date): Promise<{ client: oidc.Configuration; done: () => void }> {
  const entry = await discoveredFor(config);
  const methods = entry.server.token_endpoint_auth_methods_supported;
  // client_secret_basic is the spec's default and what most providers register clients with.
  const auth = !methods || methods.includes("client_secret_basic") ? oidc.ClientSecretBasic(config.clientSecret) : oidc.ClientSecretPost(config.clientSecret);
  const client = new oidc.Configuration(
    entry.server,
    config.clientId,
    { client_secret: config.clientSecret, [oidc.clockSkew]: Math.round((now.getTime() - Date.now()) / 1000) },
    auth,
  );
  client.timeout = TIMEOUT_SECONDS;
  if (insecure(config)) oidc.allowInsecureRequests(client);
  if (entry.jwks) oidc.setJwksCache(client, entry.jwks);
  // Keeps the provider's keys for the next sign-in.
  const done = () => {
    entry.jwks = oidc.getJwksCache(client) ?? entry.jwks;
  };
  return { client, done };
}

/** The scopes asked for: openid, email, profile, and the roles claim's scope when the provider offers one of that name (Okta's `groups`). */
export function scopesFor(config: OidcConfig, supported: readonly string[] | undefined): string {
  const rolesScope = config.rolesClaim.split(".")[0]!;
  return ["openid", "email", "profile", ...(supported?.includes(rolesScope) ? [rolesScope] : [])].join(" ");
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** An authorization code request with PKCE (S256), a state and a nonce. */
export async function authorizationRequest(config: OidcConfig, redirectUri: string, now: Date): Promise<AuthorizationRequest> {
  const { client } = await clientFor(config, now);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(client, {
    redirect_uri: redirectUri,
    scope: scopesFor(config, client.serverMetadata().scopes_supported),
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...(config.mfa === "idp" && config.acrValues.length ? { acr_values: config.acrValues.join(" ") } : {}),
  });
  return { url: url.href, state, nonce, codeVerifier };
}

/**
 * Exchanges the code in `callbackUrl` and validates the ID token; returns its claims, with
 * the userinfo response's filling in what the token left out (many providers put email and
 * groups only there). `amr` and `acr` come from the ID token alone.
 */
export async function exchangeCode(
  config: OidcConfig,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
  now: Date,
): Promise<Record<string, unknown>> {
  const { client, done } = await clientFor(config, now);
  const tokens = await oidc.authorizationCodeGrant(client, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  done();
  const claims: Record<string, unknown> = { ...tokens.claims() };
  const missing = claims.email === undefined || claims.email_verified === undefined || claimAt(claims, config.rolesClaim) === undefined;
  if (missing && client.serverMetadata().userinfo_endpoint && tokens.access_token) {
    const info = await oidc.fetchUserInfo(client, tokens.access_token, String(claims.sub));
    for (const [name, value] of Object.entries(info)) {
      if (claims[name] === undefined && name !== "amr" && name !== "acr") claims[name] = value;
    }
  }
  return claims;
}

/** Network trouble (unreachable, timed out) as opposed to an answer that failed a check. */
export function isTransportError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "AbortError" || error.name === "TimeoutError") return true;
  // fetch's "fetch failed" (refused, reset, DNS); openid-client's own TypeErrors carry a code.
  return error.name === "TypeError" && typeof (error as { code?: unknown }).code !== "string";
}

/** What went wrong, for the audit log: openid-client's code and message, never a token. */
export function describeOidcError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const code = (error as { code?: unknown }).code;
  const oauth = (error as { error?: unknown }).error;
  // openid-client wraps oauth4webapi's error, whose message names the claim that failed.
  const cause = error.cause instanceof Error ? error.cause.message : null;
  return [typeof code === "string" ? code : null, typeof oauth === "string" ? oauth : null, error.message, cause].filter(Boolean).join(": ").slice(0, 300);
}
