import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import type { Permission } from "../auth/roles";
import { inTransaction, type DbOrTx } from "../db";
import { NotFoundError, ServiceError } from "../errors";
import { API_SCOPES, type ApiScope, CreateApiKeyInput } from "./schemas";
import { countRequest, judge, type Verdict, WINDOW_MS } from "./sliding-window";

// Management API keys: created by admins, shown once, stored as a SHA-256 hash,
// scoped, revocable, rate-limited per key across every instance.

// Importers from before schemas.ts held these (the console page, the API, tests) keep working.

export const SCOPE_LABELS: Record<ApiScope, string> = {
  read: "Read components, incidents and maintenance",
  "incidents:write": "Open and update incidents",
  "incidents:delete": "Delete incidents and maintenance outright (Statuspage v1 DELETE)",
  "maintenance:write": "Schedule maintenance",
  "components:write": "Create, edit, reorder and delete components and groups; set their statuses",
  "subscribers:manage": "List, add and remove subscribers (added email addresses get a confirmation email)",
  "subscribers:import": "Add email subscribers as already confirmed, with no confirmation email (skip_confirmation_notification)",
  "settings:write": "Change the page's settings, logo and favicon (and import subscribers as already confirmed)",
  "probes:write": "Create, edit, pause, delete and test probes",
  "subscribers:read": "List subscribers",
  "subscribers:write": "Add, remove and import subscribers",
  "templates:write": "Create, edit and delete incident templates",
};

const SCOPE_PERMISSION: Record<ApiScope, Permission> = {
  read: "console:read",
  "incidents:write": "incidents:write",
  "incidents:delete": "incidents:delete",
  "maintenance:write": "maintenance:write",
  "components:write": "components:write",
  "subscribers:manage": "subscribers:manage",
  // Checked by the route on top of subscribers:manage (lib/statuspage/v1/routes.ts).
  "subscribers:import": "subscribers:manage",
  "settings:write": "settings:manage",
  "probes:write": "probes:write",
  "subscribers:read": "console:read",
  "subscribers:write": "subscribers:manage",
  "templates:write": "templates:write",
};

const KEY_PREFIX = "vgl_";

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString("base64url");
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function parseScopes(stored: string): ApiScope[] {
  return stored.split(",").filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
}

/** Creates a key and returns it in full: the only time anyone sees it. */
export async function createApiKey(db: DbOrTx, staff: StaffContext, raw: CreateApiKeyInput) {
  assertCan(staff, "settings:manage");
  const input = CreateApiKeyInput.parse(raw);
  const key = generateApiKey();
  return inTransaction(db, async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix: key.slice(0, KEY_PREFIX.length + 6),
        keyHash: hashApiKey(key),
        scopes: [...new Set(input.scopes)].join(","),
        createdByEmail: staff.actor.email,
      },
    });
    await recordAudit(tx, staff.actor, {
      action: "api_key.create",
      targetType: "api_key",
      targetId: row.id,
      after: { name: row.name, prefix: row.prefix, scopes: row.scopes },
    });
    return { id: row.id, key };
  });
}

export async function revokeApiKey(db: DbOrTx, staff: StaffContext, id: string, now = new Date()) {
  assertCan(staff, "settings:manage");
  return inTransaction(db, async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id } });
    if (!row) throw new NotFoundError("API key");
    if (row.revokedAt) return;
    await tx.apiKey.update({ where: { id }, data: { revokedAt: now } });
    await recordAudit(tx, staff.actor, { action: "api_key.revoke", targetType: "api_key", targetId: id, before: { name: row.name, prefix: row.prefix } });
  });
}

export async function listApiKeys(db: DbOrTx) {
  const rows = await db.apiKey.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map(({ keyHash: _hash, rateWindowStart: _w, rateCount: _c, ratePrevCount: _p, ...row }) => ({ ...row, scopes: parseScopes(row.scopes) }));
}

export class UnauthorizedError extends ServiceError {
  constructor(message: string) {
    super("unauthorized", message);
  }
}

export class RateLimitedError extends ServiceError {
  constructor(readonly verdict: Verdict) {
    super("rate_limited", `Too many requests for this API key: try again in ${verdict.resetSeconds} s.`);
  }

  get retryAfterSeconds(): number {
    return this.verdict.resetSeconds;
  }
}

export const RATE_WINDOW_MS = WINDOW_MS;

/**
 * Counts one request against the key's sliding minute (two buckets on its row, so
 * every instance shares them). Compare-and-swap on the buckets read: a concurrent
 * request makes this one re-read and count again, so none is lost.
 */
async function countAgainstLimit(db: DbOrTx, keyId: string, limitPerMinute: number, now: Date): Promise<Verdict> {
  for (let attempt = 0; ; attempt++) {
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { rateWindowStart: true, rateCount: true, ratePrevCount: true } });
    const next = countRequest({ start: row.rateWindowStart, count: row.rateCount, previous: row.ratePrevCount }, now);
    const verdict = judge(next, now, limitPerMinute);
    // A refused request is not counted: a client that backs off as told gets through.
    if (!verdict.allowed) return verdict;
    const swapped = await db.apiKey.updateMany({
      where: { id: keyId, rateWindowStart: row.rateWindowStart, rateCount: row.rateCount },
      data: { rateWindowStart: next.start, rateCount: next.count, ratePrevCount: next.previous, lastUsedAt: now },
    });
    // Bounded: under a storm of parallel requests, count this one without the swap rather than spin.
    if (swapped.count === 1 || attempt >= 5) return verdict;
  }
}

/**
 * The staff context a bearer key acts as: an admin narrowed to the key's scopes,
 * audited under the key's name. Counts the request against the key's per-minute
 * limit (a sliding window shared through the database by every instance).
 */
export async function authenticateApiKey(
  db: DbOrTx,
  authorization: string | null,
  ip: string | null,
  limitPerMinute: number,
  now = new Date(),
): Promise<StaffContext & { keyId: string; keyScopes: ApiScope[]; rate: Verdict }> {
  // `OAuth <key>` is how Statuspage's v1 clients send theirs (lib/statuspage/v1/).
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) throw new UnauthorizedError("Send your API key as `Authorization: Bearer <key>`. Admins create keys in the console under API keys.");
  const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(match[1]!) } });
  if (!row) throw new UnauthorizedError("This API key is not valid.");
  if (row.revokedAt) throw new UnauthorizedError("This API key was revoked.");

  const rate = await countAgainstLimit(db, row.id, limitPerMinute, now);
  if (!rate.allowed) throw new RateLimitedError(rate);
  const keyScopes = parseScopes(row.scopes);
  return {
    keyId: row.id,
    keyScopes,
    rate,
    role: "admin",
    scopes: keyScopes.map((s) => SCOPE_PERMISSION[s]),
    actor: { id: null, email: `api-key:${row.name} (${row.prefix}…)`, ip },
    sessionId: null,
  };
}
