import { z } from "zod";

// Every setting Vigil reads, parsed once. process.env is read nowhere else.
const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    error: "expected true or false",
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

/**
 * A 256-bit key written as base64 (standard or URL-safe, padding optional) or 64 hex digits,
 * e.g. from `openssl rand -base64 32`; null when it is not exactly 32 bytes.
 */
export function decodeSecretKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Buffer.from(t, "hex");
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) return null;
  const bytes = Buffer.from(t.replace(/\+/g, "-").replace(/\//g, "_").replace(/=$/, ""), "base64url");
  return bytes.length === 32 ? bytes : null;
}

const KEY_MESSAGE = "expected 32 random bytes as base64 or hex, e.g. from `openssl rand -base64 32`";
const secretKey = z.string().transform((text, ctx) => {
  const key = decodeSecretKey(text);
  if (!key) ctx.addIssue({ code: "custom", message: KEY_MESSAGE });
  return key ?? Buffer.alloc(0);
});
const secretKeyList = z.string().transform((text, ctx) => {
  const keys = text
    .split(",")
    .filter((part) => part.trim() !== "")
    .map(decodeSecretKey);
  if (keys.some((key) => key === null)) ctx.addIssue({ code: "custom", message: `a comma-separated list of keys, each ${KEY_MESSAGE}` });
  return keys.filter((key): key is Buffer => key !== null);
});

/**
 * OIDC_ROLE_MAP: `group=role` pairs, comma-separated (or semicolon-separated, for group
 * names holding commas such as LDAP DNs); a pair splits at its last `=`. The roles are
 * lib/auth/schemas.ts's ROLES (env.ts is below the auth domain; a test keeps the lists equal).
 */
export const OIDC_ROLE_NAMES = ["admin", "editor", "viewer"] as const;
const ROLE_MAP_MESSAGE = "expected group=role pairs separated by commas, e.g. vigil-admins=admin,vigil-editors=editor,staff=viewer";
const roleMap = z.string().transform((text, ctx) => {
  const separator = text.includes(";") ? ";" : ",";
  const entries: { group: string; role: (typeof OIDC_ROLE_NAMES)[number] }[] = [];
  for (const part of text.split(separator)) {
    if (part.trim() === "") continue;
    const at = part.lastIndexOf("=");
    const group = part.slice(0, Math.max(at, 0)).trim();
    const role = part.slice(at + 1).trim();
    if (at <= 0 || group === "") {
      ctx.addIssue({ code: "custom", message: ROLE_MAP_MESSAGE });
      return z.NEVER;
    }
    if (!(OIDC_ROLE_NAMES as readonly string[]).includes(role)) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(role)} (for ${JSON.stringify(group)}) is not a role: use admin, editor or viewer` });
      return z.NEVER;
    }
    if (entries.some((e) => e.group === group)) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(group)} is mapped twice` });
      return z.NEVER;
    }
    entries.push({ group, role: role as (typeof OIDC_ROLE_NAMES)[number] });
  }
  if (entries.length === 0) ctx.addIssue({ code: "custom", message: ROLE_MAP_MESSAGE });
  return entries;
});
const commaList = z.string().transform((text) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== ""),
);
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const days = (min: number, max: number) => {
  const message = `expected a number of days from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("file:./data/vigil.db")
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
      message: "expected file:<path> (SQLite) or postgres://user:pass@host/db",
    }),
  SEED_DEMO: booleanString.default(true),
  /** Where the page is reached (https in production): wins over the stored setting for every absolute link, and https here makes cookies Secure. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL, e.g. https://status.example.com" }).optional(),
  PORT: z.coerce
    .number({ error: "expected a port number (1-65535)" })
    .int()
    .min(1, "expected a port number (1-65535)")
    .max(65535, "expected a port number (1-65535)")
    .default(3000),
  HOSTNAME: z.string().default("0.0.0.0"),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (else the socket's). */
  TRUST_PROXY: booleanString.default(false),
  /** With TRUST_PROXY: how many proxies append to X-Forwarded-For; the client is that many entries from the right. */
  TRUST_PROXY_HOPS: z.coerce
    .number({ error: "expected a number of proxies from 1 to 10" })
    .int("expected a number of proxies from 1 to 10")
    .min(1, "expected a number of proxies from 1 to 10")
    .max(10, "expected a number of proxies from 1 to 10")
    .default(1),
  /**
   * PostgreSQL: the longest one statement may run. The server cancels it then, and this
   * process gives up on the connection a second later (a partitioned database never answers),
   * so a staff write fails within seconds and is rolled back, never committed late.
   */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce
    .number({ error: "expected milliseconds from 1000 to 600000" })
    .int("expected milliseconds from 1000 to 600000")
    .min(1000, "expected milliseconds from 1000 to 600000")
    .max(600_000, "expected milliseconds from 1000 to 600000")
    .default(8000),
  /** Open connections the server keeps at once; more wait in the kernel's backlog. */
  MAX_CONNECTIONS: z.coerce
    .number({ error: "expected a number from 16 to 1000000" })
    .int("expected a number from 16 to 1000000")
    .min(16, "expected a number from 16 to 1000000")
    .max(1_000_000, "expected a number from 16 to 1000000")
    .default(8192),
  /** Open connections one client address may hold (an office behind one NAT is many people); off with TRUST_PROXY. */
  MAX_CONNECTIONS_PER_IP: z.coerce
    .number({ error: "expected a number from 1 to 1000000" })
    .int("expected a number from 1 to 1000000")
    .min(1, "expected a number from 1 to 1000000")
    .max(1_000_000, "expected a number from 1 to 1000000")
    .default(512),
  SNAPSHOT_POLL_MS: z.coerce.number().int().min(250).max(600_000).default(5000),
  // Outgoing email (backup-address sign-in codes; later, subscriber alerts). Unset: no email.
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number({ error: "expected a port number" }).int().min(1).max(65535).default(587),
  SMTP_SECURE: booleanString.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default("Vigil <vigil@localhost>"),
  /** Let webhooks target loopback, private and link-local addresses (off: no SSRF into the host's network). */
  WEBHOOK_ALLOW_PRIVATE: booleanString.default(false),
  /** Attempts per notification before it is dead-lettered (shown to staff with the last error). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Requests per minute each management API key may make (shared by all instances). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16, "expected at least 16 characters").optional(),
  /** Run the probe worker in this process (off: e.g. web-only instances when another process runs the probes). */
  PROBES_ENABLED: booleanString.default(true),
  /** Where this process's checks run from; each region keeps its own probe state, and regions vote (quorum). */
  PROBE_REGION: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "expected a short name of lowercase letters, digits, - and _ (e.g. eu-west)")
    .default("local"),
  /** Shorter alias of PROBE_REGION (`REGION=eu-west npm run worker`); PROBE_REGION wins when both are set. */
  REGION: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "expected a short name of lowercase letters, digits, - and _ (e.g. eu-west)")
    .optional(),
  /** Checks in flight at once in this process. */
  PROBE_CONCURRENCY: z.coerce
    .number({ error: "expected a number from 1 to 1000" })
    .int()
    .min(1, "expected a number from 1 to 1000")
    .max(1000, "expected a number from 1 to 1000")
    .default(32),
  /** Days raw probe results are kept; older ones are deleted once rolled up into hours (lib/probes/history/retention.ts). */
  PROBE_RAW_RETENTION_DAYS: days(2, 400).default(7),
  /** Former name of PROBE_RAW_RETENTION_DAYS, still read when that is unset. */
  PROBE_RESULT_RETENTION_DAYS: days(2, 400).optional(),
  /** Days hour rollups are kept (the 7-day response-time chart reads them, so at least 8). */
  PROBE_HOURLY_RETENTION_DAYS: days(8, 3650).default(90),
  /** Days day rollups are kept. */
  PROBE_DAILY_RETENTION_DAYS: days(1, 3650).default(400),
  /** Log level of the JSON log (pino's levels). */
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "expected fatal, error, warn, info, debug, trace or silent" })
    .default("info"),
  /** `json`: one JSON object per line (for log collectors); `pretty`: coloured lines for a terminal. Default: pretty on a terminal, else json. */
  LOG_FORMAT: z.enum(["json", "pretty"], { error: "expected json or pretty" }).optional(),
  /** Log one line per request (id, method, path, status, duration); the public fast path only with LOG_FAST_PATH_REQUESTS. */
  LOG_REQUESTS: booleanString.default(true),
  LOG_FAST_PATH_REQUESTS: booleanString.default(false),
  /**
   * The key that encrypts secrets stored in the database (TOTP, webhook and signing secrets,
   * probe credentials). Unset: a key file next to the data, created at first start (lib/crypto/).
   */
  VIGIL_SECRET_KEY: secretKey.optional(),
  /** Former keys, still used to decrypt while `npm run secrets:rotate` re-encrypts under VIGIL_SECRET_KEY. */
  VIGIL_PREVIOUS_SECRET_KEYS: secretKeyList.default([]),
  // Single sign-on for staff (OpenID Connect, lib/auth/oidc/). Unset OIDC_ISSUER: off.
  /** The identity provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: "expected the identity provider's https:// issuer URL, e.g. https://idp.example.com/realms/staff" })
    .optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).max(255, "expected at most 255 characters").optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(1000, "expected at most 1000 characters").optional(),
  /** The login button says "Sign in with <this>". */
  OIDC_DISPLAY_NAME: z.string().trim().min(1).max(60, "expected at most 60 characters").default("single sign-on"),
  /** The claim holding the user's groups or roles; a dotted path reaches into objects (realm_access.roles). */
  OIDC_ROLES_CLAIM: z
    .string()
    .trim()
    .regex(/^[^.\s]+(\.[^.\s]+)*$/, "expected a claim name such as groups, or a dotted path such as realm_access.roles")
    .default("groups"),
  OIDC_ROLE_MAP: roleMap.optional(),
  /** Create an account at the first sign-in of someone whose group maps to a role (off: only existing accounts, matched by verified email). */
  OIDC_JIT: booleanString.default(false),
  /** `idp`: the identity provider's MFA counts (amr or acr must show it); `vigil`: Vigil's own second factor after the identity provider. */
  OIDC_MFA: z.enum(["idp", "vigil"], { error: "expected idp or vigil" }).default("vigil"),
  /** With OIDC_MFA=idp: acr values that prove MFA (comma-separated), also requested from the provider. */
  OIDC_ACR_VALUES: commaList.default([]),
  /** Tests only: `test` makes password hashing cheap (scrypt N=2^10). Refused when NODE_ENV is production. */
  VIGIL_PASSWORD_HASH_COST: z.enum(["test"], { error: "expected test (for tests only) or nothing" }).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
});

// Values never repeated in an error message (logs are not the place for secrets).
const SECRETS = new Set(["METRICS_TOKEN", "OIDC_CLIENT_SECRET", "SMTP_PASSWORD", "VIGIL_SECRET_KEY", "VIGIL_PREVIOUS_SECRET_KEYS"]);

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const got = SECRETS.has(name) ? "a value that is not shown" : JSON.stringify(source[name]);
    throw new EnvError(`Invalid ${name}: ${issue.message} (got ${got})`);
  }
  if (result.data.VIGIL_PREVIOUS_SECRET_KEYS.length && !result.data.VIGIL_SECRET_KEY) {
    throw new EnvError("Invalid VIGIL_PREVIOUS_SECRET_KEYS: set VIGIL_SECRET_KEY too (the key secrets are re-encrypted under)");
  }
  if (result.data.VIGIL_PASSWORD_HASH_COST && result.data.NODE_ENV === "production") {
    throw new EnvError("Invalid VIGIL_PASSWORD_HASH_COST: weak password hashing is for tests only; unset it (NODE_ENV is production)");
  }
  checkOidc(result.data, cleaned);
  if (cleaned.PROBE_REGION === undefined && result.data.REGION !== undefined) result.data.PROBE_REGION = result.data.REGION;
  if (cleaned.PROBE_RAW_RETENTION_DAYS === undefined && result.data.PROBE_RESULT_RETENTION_DAYS !== undefined) {
    result.data.PROBE_RAW_RETENTION_DAYS = result.data.PROBE_RESULT_RETENTION_DAYS;
  }
  return result.data;
}

/** The single sign-on variables make sense together or not at all. */
function checkOidc(data: Env, cleaned: Record<string, string | undefined>): void {
  const set = Object.keys(cleaned).filter((name) => name.startsWith("OIDC_"));
  if (!data.OIDC_ISSUER) {
    if (set.length)
      throw new EnvError(`Invalid OIDC_ISSUER: required when ${set[0]} is set (the identity provider's issuer URL), or unset the OIDC_ variables`);
    return;
  }
  const issuer = new URL(data.OIDC_ISSUER);
  if (issuer.protocol === "http:" && !LOOPBACK_HOSTS.has(issuer.hostname)) {
    throw new EnvError("Invalid OIDC_ISSUER: expected https:// (plain http only for a provider on this machine: localhost, 127.0.0.1 or [::1])");
  }
  if (!data.OIDC_CLIENT_ID) throw new EnvError("Invalid OIDC_CLIENT_ID: required with OIDC_ISSUER (the client id Vigil is registered under at the provider)");
  if (!data.OIDC_CLIENT_SECRET) throw new EnvError("Invalid OIDC_CLIENT_SECRET: required with OIDC_ISSUER (the client's secret from the provider)");
  if (!data.OIDC_ROLE_MAP) throw new EnvError(`Invalid OIDC_ROLE_MAP: required with OIDC_ISSUER (${ROLE_MAP_MESSAGE})`);
  if (data.OIDC_ACR_VALUES.length && data.OIDC_MFA !== "idp") {
    throw new EnvError("Invalid OIDC_ACR_VALUES: only used with OIDC_MFA=idp (with vigil, Vigil's own second factor is asked for anyway)");
  }
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * The environment read afresh, not cached: for the logger, which is created when its module
 * loads, before tests or scripts may have set the rest of the environment that env() caches.
 */
export function uncachedEnv(): Env {
  return parseEnv(process.env);
}

export type DatabaseProvider = "sqlite" | "postgres";

export function databaseProvider(url: string): DatabaseProvider {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}
