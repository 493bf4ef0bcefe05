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
  /** Tests only: `test` makes password hashing cheap (scrypt N=2^10). Refused when NODE_ENV is production. */
  VIGIL_PASSWORD_HASH_COST: z.enum(["test"], { error: "expected test (for tests only) or nothing" }).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
});

// Values never repeated in an error message (logs are not the place for secrets).
const SECRETS = new Set(["METRICS_TOKEN", "SMTP_PASSWORD", "VIGIL_SECRET_KEY", "VIGIL_PREVIOUS_SECRET_KEYS"]);

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
  if (cleaned.PROBE_REGION === undefined && result.data.REGION !== undefined) result.data.PROBE_REGION = result.data.REGION;
  if (cleaned.PROBE_RAW_RETENTION_DAYS === undefined && result.data.PROBE_RESULT_RETENTION_DAYS !== undefined) {
    result.data.PROBE_RAW_RETENTION_DAYS = result.data.PROBE_RESULT_RETENTION_DAYS;
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export type DatabaseProvider = "sqlite" | "postgres";

export function databaseProvider(url: string): DatabaseProvider {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}
