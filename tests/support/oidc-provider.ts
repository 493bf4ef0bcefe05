// A real OpenID provider (oidc-provider) on a free loopback port, for the single sign-on
// tests, with a tiny interaction handler in place of its login and consent pages: the test
// says who signs in next and how (`amr`, `acr`), and the handler finishes the interaction.
// `browse` plays the browser: it follows redirects by hand, keeping cookies per host.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface TestProvider {
  issuer: string;
  accounts: Map<string, TestAccount>;
  /** Who signs in at the provider next, and with what (RFC 8176 amr values, an acr). */
  nextLogin: { accountId: string; amr?: string[]; acr?: string };
  close(): Promise<void>;
}

export async function startOidcProvider(options: { clients: TestClient[]; claimsInIdToken?: boolean }): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const state: TestProvider = {
    issuer,
    accounts,
    nextLogin: { accountId: "nobody" },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({ ...c, grant_types: ["authorization_code"], response_types: ["code"] })),
    pkce: { required: () => true },
    // amr, acr and auth_time are the provider's own; email, groups and name come from the account.
    claims: { sid: null, iss: null, openid: ["sub", "acr", "amr", "auth_time"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    acrValues: ["urn:test:mfa", "urn:test:pwd"],
    // true: the ID token holds only sub (and amr/acr), the rest comes from userinfo.
    conformIdTokenClaims: !(options.claimsInIdToken ?? true),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["oidc-provider-test-cookie-key"] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
    },
  });
  const handle = provider.callback();
  server.on("request", (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const login = state.nextLogin;
      const grant = new provider.Grant({ accountId: login.accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return state;
}

/** A browser's cookie jar: name=value per host:port, enough for these flows. */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  header(url: string): string {
    return [...(this.byHost.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  store(url: string, response: Response): void {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = value === "" || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    this.byHost.set(host, jar);
  }

  get(url: string, name: string): string | undefined {
    return this.byHost.get(new URL(url).host)?.get(name);
  }
}

/**
 * GETs `url` and follows redirects by hand until one leads to a URL starting with `stopAt`
 * (not fetched: returned), or a response is not a redirect (returned with its URL).
 */
export async function browse(jar: CookieJar, url: string, stopAt?: string): Promise<{ url: string; response?: Response }> {
  let current = url;
  for (let hop = 0; hop < 20; hop++) {
    if (stopAt && current.startsWith(stopAt)) return { url: current };
    const cookie = jar.header(current);
    const response = await fetch(current, { redirect: "manual", headers: cookie ? { cookie } : {} });
    jar.store(current, response);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || !location) return { url: current, response };
    await response.body?.cancel();
    current = new URL(location, current).href;
  }
  throw new Error(`too many redirects from ${url}`);
}
