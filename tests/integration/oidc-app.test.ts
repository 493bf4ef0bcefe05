// Single sign-on through the real app (issue 12 item 9): `npm start` on the test database,
// configured by OIDC_* against a real OpenID provider (tests/support/oidc-provider.ts), and
// a browser played with plain HTTP: the login button, /auth/oidc/start, the provider, the
// callback, the session cookie, the console; refusals land on /login with their message.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { OIDC_FAILURES } from "@/lib/auth/oidc/failures";
import { createFirstAdmin, createUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { freePort, type RunningApp, startApp } from "../support/app-server";
import { browse, CookieJar, startOidcProvider, type TestProvider } from "../support/oidc-provider";
import { createPage, resetDb, testDatabaseUrl, testDb } from "./db";

vi.hoisted(() => {
  process.env.VIGIL_PASSWORD_HASH_COST = "test";
});

const SECRET = "app-test-client-secret-0123456789";
const PASSWORD = "a long enough passphrase";

let db: Db;
let app: RunningApp | undefined;
let provider: TestProvider | undefined;
let origin: string;

beforeAll(async () => {
  db = await testDb();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ clients: [{ client_id: "vigil", client_secret: SECRET, redirect_uris: [`${origin}/auth/oidc/callback`] }] });
  provider.accounts.set("bob-sub", { email: "bob@example.com", email_verified: true, name: "Bob", groups: ["vigil-editors"] });
  provider.accounts.set("dan-sub", { email: "dan@example.com", email_verified: true, groups: ["marketing"] });
  await resetDb(db);
  await createPage(db);
  await createFirstAdmin(db, SYSTEM_ACTOR, { email: "ana@example.com", name: "Ana", password: PASSWORD });
  await createUser(db, SYSTEM_ACTOR, { email: "bob@example.com", name: "Bob", password: PASSWORD, role: "viewer" });
  // On SQLite the app's migration step cannot lock the file while this process holds a connection.
  await db.$disconnect();
  app = await startApp(
    {
      DATABASE_URL: testDatabaseUrl(),
      PUBLIC_URL: origin,
      SEED_DEMO: "false",
      PROBES_ENABLED: "false",
      SMTP_HOST: "",
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: "vigil",
      OIDC_CLIENT_SECRET: SECRET,
      OIDC_DISPLAY_NAME: "Test IdP",
      OIDC_ROLE_MAP: "vigil-admins=admin,vigil-editors=editor,staff=viewer",
      OIDC_MFA: "idp",
    },
    { port },
  );
}, 420_000); // the first start builds the app

afterAll(async () => {
  await app?.stop();
  await provider?.close();
});

const html = async (response: Response | undefined) => (await response?.text()) ?? "";
// React escapes apostrophes in text; the page's words are what matter.
const shown = (message: string) => message.replaceAll("'", "&#x27;");

/** The button's path from /login to the callback URL (not opened yet). */
async function toCallback(jar: CookieJar) {
  const start = await browse(jar, `${origin}/auth/oidc/start`, provider!.issuer);
  expect(start.url.startsWith(`${provider!.issuer}/auth?`)).toBe(true);
  return (await browse(jar, start.url, `${origin}/auth/oidc/callback`)).url;
}

describe("single sign-on through the app", () => {
  it("shows the button on /login, next to the password form (break-glass)", async () => {
    const page = await html((await browse(new CookieJar(), `${origin}/login`)).response);
    expect(page).toContain('href="/auth/oidc/start"');
    expect(page).toContain("Sign in with Test IdP");
    expect(page).toContain('type="password"');
  });

  it("signs in through the provider: state cookie, callback, session cookie, the console, with the mapped role", async () => {
    provider!.nextLogin = { accountId: "bob-sub", amr: ["pwd", "otp"] };
    const jar = new CookieJar();
    const start = await fetch(`${origin}/auth/oidc/start`, { redirect: "manual" });
    expect(start.status).toBe(303);
    const stateCookie = start.headers.getSetCookie().find((c) => c.startsWith("vigil_oidc_state="));
    expect(stateCookie).toMatch(/HttpOnly/i);
    expect(stateCookie).toMatch(/SameSite=lax/i);
    expect(stateCookie).toMatch(/Max-Age=600/i);
    const authorize = new URL(start.headers.get("location")!);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${origin}/auth/oidc/callback`);
    expect(authorize.searchParams.get("nonce")).toBeTruthy();

    const callback = await toCallback(jar);
    const state = jar.get(origin, "vigil_oidc_state");
    expect(state).toBeTruthy();
    const answer = await fetch(callback, { redirect: "manual", headers: { cookie: jar.header(callback) } });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/console");
    jar.store(callback, answer);
    expect(jar.get(origin, "vigil_session")).toBeTruthy();
    expect(jar.get(origin, "vigil_oidc_state")).toBeUndefined(); // used up
    const console = await browse(jar, `${origin}/console`);
    expect(console.url).toBe(`${origin}/console`);
    expect(console.response?.status).toBe(200);
    await db.$connect();
    expect((await db.user.findUniqueOrThrow({ where: { email: "bob@example.com" } })).role).toBe("editor");
    expect(await db.auditEvent.count({ where: { action: "auth.oidc_ok" } })).toBeGreaterThanOrEqual(1);

    // The callback again, with the state cookie it had: refused as a replay, on the login page.
    const cookie = `${jar.header(callback)}; vigil_oidc_state=${state}`;
    const replay = await fetch(callback, { redirect: "manual", headers: { cookie } });
    expect(replay.status).toBe(303);
    expect(replay.headers.get("location")).toBe("/login?sso=state_used");
  });

  it("refusals land on /login with their message, never an error page", async () => {
    provider!.nextLogin = { accountId: "dan-sub", amr: ["pwd", "otp"] };
    const jar = new CookieJar();
    const refused = await browse(jar, await toCallback(jar));
    expect(refused.url).toBe(`${origin}/login?sso=no_role`);
    expect(refused.response?.status).toBe(200);
    expect(await html(refused.response)).toContain(shown(OIDC_FAILURES.no_role));
    expect(jar.get(origin, "vigil_session")).toBeUndefined();

    provider!.nextLogin = { accountId: "bob-sub", amr: ["pwd"] };
    const fresh = new CookieJar(); // no session at the provider yet: it asks who signs in
    const noMfa = await browse(fresh, await toCallback(fresh));
    expect(noMfa.url).toBe(`${origin}/login?sso=mfa_required`);
    expect(await html(noMfa.response)).toContain(shown(OIDC_FAILURES.mfa_required));

    // A callback nobody started here (a forged or someone else's link).
    const forged = await browse(new CookieJar(), `${origin}/auth/oidc/callback?code=abc&state=xyz`);
    expect(forged.url).toBe(`${origin}/login?sso=state_invalid`);
    expect(forged.response?.status).toBe(200);
    // An unknown reason shows nothing, and the page never echoes it.
    const odd = await html((await browse(new CookieJar(), `${origin}/login?sso=%3Cscript%3E`)).response);
    expect(odd).not.toContain("<script>");
    expect(odd).not.toContain('role="alert"');
  });

  it("answers other methods with 405", async () => {
    const response = await fetch(`${origin}/auth/oidc/start`, { method: "POST" });
    expect(response.status).toBe(405);
  });
});
