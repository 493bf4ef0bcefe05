// Single sign-on (issue 12 item 9): the OIDC verbs against a real OpenID provider
// (oidc-provider on loopback, tests/support/oidc-provider.ts), the browser's part played
// with plain HTTP. The full HTTP flow through the app itself is oidc-app.test.ts.
import * as oidc from "openid-client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { beginEnrolment, confirmEnrolment, verifySecondFactor } from "@/lib/auth/mfa";
import { beginOidcSignIn, completeOidcSignIn } from "@/lib/auth/oidc/sign-in";
import { OidcConfig } from "@/lib/auth/oidc/schemas";
import { purgeExpiredAuthRows } from "@/lib/auth/purge";
import { loadSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { totp } from "@/lib/auth/totp";
import { createFirstAdmin, createUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { browse, CookieJar, startOidcProvider, type TestProvider } from "../support/oidc-provider";
import { createPage, resetDb, testDb } from "./db";

vi.hoisted(() => {
  process.env.VIGIL_PASSWORD_HASH_COST = "test";
});

const REDIRECT_URI = "http://vigil.test/auth/oidc/callback";
const SECRET = "test-client-secret-0123456789abcdef";
const PASSWORD = "a long enough passphrase";
const ctx = { ip: "203.0.113.9", userAgent: "test" };

let db: Db;
let provider: TestProvider;
let userinfoProvider: TestProvider;

const clients = [
  { client_id: "vigil", client_secret: SECRET, redirect_uris: [REDIRECT_URI] },
  { client_id: "other-app", client_secret: SECRET, redirect_uris: [REDIRECT_URI] },
];

function configFor(p: TestProvider, overrides: Partial<OidcConfig> = {}): OidcConfig {
  return OidcConfig.parse({
    issuer: p.issuer,
    clientId: "vigil",
    clientSecret: SECRET,
    roleMap: [
      { group: "vigil-admins", role: "admin" },
      { group: "vigil-editors", role: "editor" },
      { group: "staff", role: "viewer" },
    ],
    ...overrides,
  });
}

/** Start → the provider (login as `p.nextLogin`) → the callback URL the browser would open. */
async function toCallback(config: OidcConfig, now?: Date) {
  const started = await beginOidcSignIn(db, config, { redirectUri: REDIRECT_URI, ctx }, now);
  const { url } = await browse(new CookieJar(), started.url, REDIRECT_URI);
  return { callbackUrl: new URL(url), state: started.state, authorizationUrl: new URL(started.url) };
}

async function signIn(config: OidcConfig, now?: Date) {
  const { callbackUrl, state } = await toCallback(config, now);
  return completeOidcSignIn(db, config, { callbackUrl, stateCookie: state, ctx }, now);
}

const refusal = (reason: string) => expect.objectContaining({ name: "OidcSignInError", reason });

async function failures() {
  const rows = await db.auditEvent.findMany({ where: { action: "auth.oidc_failed" }, orderBy: { at: "asc" } });
  return rows.map((r) => JSON.parse(r.after ?? "{}") as { reason: string; detail?: string });
}

beforeAll(async () => {
  db = await testDb();
  provider = await startOidcProvider({ clients });
  userinfoProvider = await startOidcProvider({ clients, claimsInIdToken: false });
  for (const p of [provider, userinfoProvider]) {
    p.accounts.set("ana-sub", { email: "ana@example.com", email_verified: true, name: "Ana", groups: ["vigil-admins", "staff"] });
    p.accounts.set("bob-sub", { email: "Bob@Example.com", email_verified: true, name: "Bob", groups: ["staff", "vigil-editors"] });
    p.accounts.set("cleo-sub", { email: "cleo@example.com", email_verified: true, name: "Cleo", groups: ["staff"] });
    p.accounts.set("dan-sub", { email: "dan@example.com", email_verified: true, groups: ["marketing"] });
    p.accounts.set("eve-sub", { email: "bob@example.com", email_verified: false, groups: ["vigil-admins"] });
    p.accounts.set("bob-again", { email: "bob@example.com", email_verified: true, groups: ["staff"] });
  }
});

afterAll(async () => {
  await provider?.close();
  await userinfoProvider?.close();
});

beforeEach(async () => {
  await resetDb(db);
  await createPage(db);
  await createFirstAdmin(db, SYSTEM_ACTOR, { email: "ana@example.com", name: "Ana", password: PASSWORD });
  await createUser(db, SYSTEM_ACTOR, { email: "bob@example.com", name: "Bob", password: PASSWORD, role: "viewer" });
  provider.nextLogin = { accountId: "bob-sub", amr: ["pwd"] };
  userinfoProvider.nextLogin = { accountId: "bob-sub", amr: ["pwd"] };
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("single sign-on", () => {
  it("signs an existing account in by verified email, links the identity and sets the mapped role (audited)", async () => {
    const result = await signIn(configFor(provider));
    expect(result.next).toBe("/mfa/setup"); // OIDC_MFA=vigil, Bob has no authenticator yet
    const session = (await loadSession(db, result.token, new Date()))!;
    expect(session.user.email).toBe("bob@example.com");
    expect(session.user.role).toBe("editor"); // staff + vigil-editors: the highest wins
    expect(session.mfaVerifiedAt).toBeNull();
    expect(await db.externalIdentity.findMany({ select: { issuer: true, subject: true, userId: true } })).toEqual([
      { issuer: provider.issuer, subject: "bob-sub", userId: session.user.id },
    ]);
    const audit = await db.auditEvent.findMany({ orderBy: { at: "asc" }, where: { actorId: session.user.id } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["auth.oidc_linked", "user.role_changed", "auth.oidc_ok"]));
    const change = audit.find((a) => a.action === "user.role_changed")!;
    expect([JSON.parse(change.before!), JSON.parse(change.after!)]).toEqual([{ role: "viewer" }, { role: "editor", via: "oidc" }]);
  });

  it("later sign-ins go by the subject, whatever email the provider sends, and follow group changes", async () => {
    await signIn(configFor(provider));
    provider.accounts.set("bob-sub", { email: "robert@elsewhere.example", email_verified: false, groups: ["staff"] });
    try {
      const again = await signIn(configFor(provider));
      const session = (await loadSession(db, again.token, new Date()))!;
      expect(session.user.email).toBe("bob@example.com");
      expect(session.user.role).toBe("viewer");
      expect(await db.auditEvent.count({ where: { action: "user.role_changed" } })).toBe(2);
      // The same role again: no new audit row.
      await signIn(configFor(provider));
      expect(await db.auditEvent.count({ where: { action: "user.role_changed" } })).toBe(2);
    } finally {
      provider.accounts.set("bob-sub", { email: "Bob@Example.com", email_verified: true, name: "Bob", groups: ["staff", "vigil-editors"] });
    }
  });

  it("reads email and groups from userinfo when the ID token leaves them out", async () => {
    const result = await signIn(configFor(userinfoProvider));
    expect((await loadSession(db, result.token, new Date()))!.user).toMatchObject({ email: "bob@example.com", role: "editor" });
  });

  it("without OIDC_JIT, refuses an email no account has, creates nothing, and audits it", async () => {
    provider.nextLogin = { accountId: "cleo-sub" };
    await expect(signIn(configFor(provider))).rejects.toEqual(refusal("no_account"));
    expect(await db.user.count({ where: { email: "cleo@example.com" } })).toBe(0);
    expect(await db.externalIdentity.count()).toBe(0);
    const [row] = await db.auditEvent.findMany({ where: { action: "auth.oidc_failed" } });
    expect(row).toMatchObject({ actorEmail: "cleo@example.com", ip: ctx.ip });
  });

  it("with OIDC_JIT, creates the account with the mapped role and no usable password", async () => {
    provider.nextLogin = { accountId: "cleo-sub" };
    const result = await signIn(configFor(provider, { jit: true }));
    const user = await db.user.findUniqueOrThrow({ where: { email: "cleo@example.com" } });
    expect(user).toMatchObject({ name: "Cleo", role: "viewer", mfaSecret: null });
    expect((await loadSession(db, result.token, new Date()))!.userId).toBe(user.id);
    const created = await db.auditEvent.findFirstOrThrow({ where: { action: "user.create", targetId: user.id } });
    expect(JSON.parse(created.after!)).toMatchObject({ role: "viewer", via: "oidc" });
    await expect(signInWithPassword(db, { email: "cleo@example.com", password: PASSWORD }, ctx)).rejects.toThrow("Email or password is incorrect.");
  });

  it("refuses someone whose groups map to no role, even with OIDC_JIT", async () => {
    provider.nextLogin = { accountId: "dan-sub" };
    await expect(signIn(configFor(provider, { jit: true }))).rejects.toEqual(refusal("no_role"));
    expect(await db.user.count({ where: { email: "dan@example.com" } })).toBe(0);
    expect((await failures())[0]).toMatchObject({ reason: "no_role", detail: 'groups: ["marketing"]' });
  });

  it("never links by an unverified email, and one account links to one identity per provider", async () => {
    provider.nextLogin = { accountId: "eve-sub" };
    await expect(signIn(configFor(provider))).rejects.toEqual(refusal("email_unverified"));
    provider.nextLogin = { accountId: "bob-sub" };
    await signIn(configFor(provider)); // bob-sub links to Bob
    provider.nextLogin = { accountId: "bob-again" };
    await expect(signIn(configFor(provider))).rejects.toEqual(refusal("linked_elsewhere"));
    expect(await db.externalIdentity.count()).toBe(1);
  });

  it("never demotes the last admin", async () => {
    provider.nextLogin = { accountId: "ana-sub" };
    provider.accounts.set("ana-sub", { email: "ana@example.com", email_verified: true, groups: ["staff"] });
    try {
      await expect(signIn(configFor(provider))).rejects.toEqual(refusal("last_admin"));
      expect((await db.user.findUniqueOrThrow({ where: { email: "ana@example.com" } })).role).toBe("admin");
      expect(await db.session.count()).toBe(0);
    } finally {
      provider.accounts.set("ana-sub", { email: "ana@example.com", email_verified: true, name: "Ana", groups: ["vigil-admins", "staff"] });
    }
  });

  it("refuses a replayed state, a state from another browser, and a missing one", async () => {
    const config = configFor(provider);
    const { callbackUrl, state } = await toCallback(config);
    await completeOidcSignIn(db, config, { callbackUrl, stateCookie: state, ctx });
    await expect(completeOidcSignIn(db, config, { callbackUrl, stateCookie: state, ctx })).rejects.toEqual(refusal("state_used"));

    // Login CSRF: a callback link from someone else's sign-in, opened in this browser.
    const other = await toCallback(config);
    await expect(completeOidcSignIn(db, config, { callbackUrl: other.callbackUrl, stateCookie: state, ctx })).rejects.toEqual(refusal("state_invalid"));
    await expect(completeOidcSignIn(db, config, { callbackUrl: other.callbackUrl, stateCookie: undefined, ctx })).rejects.toEqual(refusal("state_invalid"));
    const bare = new URL(other.callbackUrl);
    bare.searchParams.delete("state");
    await expect(completeOidcSignIn(db, config, { callbackUrl: bare, stateCookie: other.state, ctx })).rejects.toEqual(refusal("state_invalid"));
    expect(await db.session.count()).toBe(1);
    expect((await failures()).map((f) => f.reason)).toEqual(["state_used", "state_invalid", "state_invalid", "state_invalid"]);
  });

  it("refuses a sign-in that took longer than 10 minutes", async () => {
    const config = configFor(provider);
    const start = new Date();
    const { callbackUrl, state } = await toCallback(config, start);
    await expect(completeOidcSignIn(db, config, { callbackUrl, stateCookie: state, ctx }, new Date(start.getTime() + 11 * 60_000))).rejects.toEqual(
      refusal("state_invalid"),
    );
  });

  it("once linked, a non-admin signs in through the provider; admins keep their password (break-glass)", async () => {
    const config = configFor(provider);
    await signIn(config); // Bob links (and becomes an editor)
    provider.nextLogin = { accountId: "ana-sub" };
    await signIn(config); // Ana links (admin)
    const bob = { email: "bob@example.com", password: PASSWORD };
    await expect(signInWithPassword(db, bob, ctx, new Date(), config)).rejects.toThrow("Your account signs in with single sign-on: use the button above.");
    expect(await db.auditEvent.count({ where: { action: "auth.password_refused_sso" } })).toBe(1);
    expect((await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, new Date(), config)).token).toBeTruthy();
    // Single sign-on switched off (or another provider): the password works again.
    expect((await signInWithPassword(db, bob, ctx, new Date(), null)).token).toBeTruthy();
    expect((await signInWithPassword(db, bob, ctx, new Date(), { ...config, issuer: "https://other.example" })).token).toBeTruthy();
  });

  it("the purge job deletes sign-ins nobody finished, a day after they expired", async () => {
    const config = configFor(provider);
    const start = new Date();
    await beginOidcSignIn(db, config, { redirectUri: REDIRECT_URI, ctx }, start);
    await beginOidcSignIn(db, config, { redirectUri: REDIRECT_URI, ctx }, new Date(start.getTime() + 3_600_000));
    const purged = await purgeExpiredAuthRows(db, new Date(start.getTime() + 86_400_000 + 11 * 60_000));
    expect(purged.oidcFlows).toBe(1);
    expect(await db.oidcLoginState.count()).toBe(1);
  });

  it("refuses an ID token issued to another client (token substitution)", async () => {
    const config = configFor(provider);
    const { callbackUrl, state, authorizationUrl } = await toCallback(config);
    // The same person signs in to another application at the same provider, with the same nonce...
    const otherApp = await oidc.discovery(new URL(provider.issuer), "other-app", SECRET, undefined, { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = authorizationUrl.searchParams.get("nonce")!;
    const otherUrl = oidc.buildAuthorizationUrl(otherApp, {
      redirect_uri: REDIRECT_URI,
      scope: "openid email groups",
      state: "s",
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    });
    const otherCallback = new URL((await browse(new CookieJar(), otherUrl.href, REDIRECT_URI)).url);
    const otherTokens = await oidc.authorizationCodeGrant(otherApp, otherCallback, { pkceCodeVerifier: verifier, expectedState: "s", expectedNonce: nonce });
    expect(otherTokens.claims()?.aud).toBe("other-app");
    // ...and that ID token replaces Vigil's in the token response (a tampering proxy).
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      if (!String(input instanceof Request ? input.url : input).endsWith("/token")) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, id_token: otherTokens.id_token }, { status: response.status, headers: { "cache-control": "no-store" } });
    });
    await expect(completeOidcSignIn(db, config, { callbackUrl, stateCookie: state, ctx })).rejects.toEqual(refusal("token_invalid"));
    expect((await failures())[0]?.detail).toMatch(/"aud" \(audience\)/);
    expect(await db.session.count()).toBe(0);
  });

  it("refuses an expired ID token", async () => {
    // The verbs' clock is two hours ahead: the provider's 10-minute ID token has expired.
    const later = new Date(Date.now() + 2 * 3_600_000);
    await expect(signIn(configFor(provider), later)).rejects.toEqual(refusal("token_invalid"));
    expect((await failures())[0]?.detail).toMatch(/"exp" \(expiration time\)/);
  });

  it("with OIDC_MFA=idp, refuses a sign-in without a second factor at the provider", async () => {
    provider.nextLogin = { accountId: "bob-sub", amr: ["pwd"] };
    await expect(signIn(configFor(provider, { mfa: "idp" }))).rejects.toEqual(refusal("mfa_required"));
    provider.nextLogin = { accountId: "bob-sub" };
    await expect(signIn(configFor(provider, { mfa: "idp" }))).rejects.toEqual(refusal("mfa_required"));
    expect(await db.session.count()).toBe(0);
  });

  it("with OIDC_MFA=idp, an amr showing a second factor (or an agreed acr) opens a verified session", async () => {
    provider.nextLogin = { accountId: "bob-sub", amr: ["pwd", "otp"] };
    const result = await signIn(configFor(provider, { mfa: "idp" }));
    expect(result.next).toBe("/console");
    const session = (await loadSession(db, result.token, new Date()))!;
    expect(session.mfaVerifiedAt).not.toBeNull();
    expect(session.reauthenticatedAt).not.toBeNull();

    provider.nextLogin = { accountId: "bob-sub", amr: ["pwd"], acr: "urn:test:mfa" };
    const config = configFor(provider, { mfa: "idp", acrValues: ["urn:test:mfa"] });
    const { authorizationUrl } = await toCallback(config);
    expect(authorizationUrl.searchParams.get("acr_values")).toBe("urn:test:mfa");
    expect((await signIn(config)).next).toBe("/console");
    provider.nextLogin = { accountId: "bob-sub", amr: ["pwd"], acr: "urn:test:pwd" };
    await expect(signIn(config)).rejects.toEqual(refusal("mfa_required"));
  });

  it("with OIDC_MFA=vigil, the session still needs Vigil's second factor, and the existing verify step finishes it", async () => {
    const signedIn = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx);
    const secret = await beginEnrolment(db, (await loadSession(db, signedIn.token, new Date()))!);
    const enrolledAt = new Date(Date.now() - 60_000);
    await confirmEnrolment(db, (await loadSession(db, signedIn.token, new Date()))!, totp(secret, enrolledAt.getTime()), ctx, enrolledAt);

    provider.nextLogin = { accountId: "ana-sub", amr: ["pwd", "otp"] }; // the provider's MFA does not count here
    const result = await signIn(configFor(provider));
    expect(result.next).toBe("/mfa/verify");
    const session = (await loadSession(db, result.token, new Date()))!;
    expect(session.mfaVerifiedAt).toBeNull();
    expect(session.reauthenticatedAt).toBeNull();
    await verifySecondFactor(db, session, totp(secret, Date.now()), ctx);
    expect((await loadSession(db, result.token, new Date()))!.mfaVerifiedAt).not.toBeNull();
  });

  it("a provider's error answer, and an unreachable provider, are refusals with a reason", async () => {
    const config = configFor(provider);
    const started = await beginOidcSignIn(db, config, { redirectUri: REDIRECT_URI, ctx });
    const denied = new URL(`${REDIRECT_URI}?error=access_denied&error_description=End-User+aborted&state=${started.state}`);
    await expect(completeOidcSignIn(db, config, { callbackUrl: denied, stateCookie: started.state, ctx })).rejects.toEqual(refusal("provider_error"));

    const closed = await startOidcProvider({ clients });
    await closed.close();
    await expect(beginOidcSignIn(db, configFor(closed), { redirectUri: REDIRECT_URI, ctx })).rejects.toEqual(refusal("provider_unreachable"));
    expect((await failures()).map((f) => f.reason)).toEqual(["provider_error", "provider_unreachable"]);
  });
});
