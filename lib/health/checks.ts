import { db } from "../db";
import { databaseProvider, env } from "../env";
import { type CachedResponse, plainResponse } from "../http/cached-response";
import { readMigrations } from "../migrations/files";
import { currentRevision } from "../page/revision";
import { getHomeSnapshot } from "../public/snapshot";

// Health for load balancers, Kubernetes and Docker HEALTHCHECK.
//   GET /healthz — the process answers (no database): point load balancers here, since a
//                  Vigil that cannot reach its database still serves the last good page.
//   GET /readyz  — the database answers within a deadline, every migration is applied and
//                  the public snapshot is fresh: for deploy gates and alerts (503 + reasons).

export const HEALTHZ_PATH = "/healthz";
export const READYZ_PATH = "/readyz";
const DEADLINE_MS = 2000;

export type CheckResult = { ok: true } | { ok: false; reason: string };

export interface Readiness {
  database: CheckResult;
  migrations: CheckResult;
  snapshot: CheckResult;
}

/** Ready only when every check passed (pure). */
export function isReady(readiness: Readiness): boolean {
  return Object.values(readiness).every((check) => check.ok);
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} gave no answer within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const failed = (error: unknown): CheckResult => ({ ok: false, reason: error instanceof Error ? error.message.split("\n")[0]!.slice(0, 200) : String(error) });

export async function checkReadiness(): Promise<Readiness> {
  const database = await within(currentRevision(db()), "the database").then(
    (): CheckResult => ({ ok: true }),
    (error: unknown) => failed(error),
  );
  const migrations = database.ok
    ? await within(pendingMigrations(), "the migrations table").then(
        (pending): CheckResult => (pending.length ? { ok: false, reason: `not applied: ${pending.join(", ")}` } : { ok: true }),
        (error: unknown) => failed(error),
      )
    : ({ ok: false, reason: "the database is unreachable" } as const);
  const snapshot = await within(getHomeSnapshot(), "the public snapshot").then(
    ({ staleSince }): CheckResult => (staleSince ? { ok: false, reason: `serving the copy from ${staleSince}` } : { ok: true }),
    (error: unknown) => failed(error),
  );
  return { database, migrations, snapshot };
}

async function pendingMigrations(): Promise<string[]> {
  const rows = await db().$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  const onDisk = await readMigrations(databaseProvider(env().DATABASE_URL));
  return onDisk.map((m) => m.dirName).filter((name) => !applied.has(name));
}

const HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export function healthzResponse(method: string): CachedResponse {
  return plainResponse(method, 200, JSON.stringify({ status: "ok" }), HEADERS);
}

export async function readyzResponse(method: string, check: () => Promise<Readiness> = checkReadiness): Promise<CachedResponse> {
  const readiness = await check();
  const ready = isReady(readiness);
  return plainResponse(method, ready ? 200 : 503, JSON.stringify({ status: ready ? "ready" : "not_ready", checks: readiness }), HEADERS);
}
