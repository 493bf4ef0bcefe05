import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import pg from "pg";
import { noteDatabaseReachable } from "./db-reachability";
import { databaseProvider, env } from "./env";

// A generated Prisma client is tied to one provider. Both are generated from the
// same models (prisma/models.prisma), so their APIs are identical; the rest of
// Vigil sees one type and never knows which database it talks to.
export type Db = SqliteClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
/** A client or an open transaction: domain functions take either, so they compose. */
export type DbOrTx = Db | Tx;

/**
 * Prisma's namespace (raw SQL fragments `Prisma.sql`/`join`/`raw`/`empty`, payload types).
 * Identical in both generated clients; re-exported so no other file imports one.
 */
export { Prisma } from "./generated/sqlite/client";

/** A unique constraint refused the write: Prisma's P2002, or the driver adapter's own report of it (raw SQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null;
  return e?.code === "P2002" || e?.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

export function sqliteFilePath(url: string): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), url.replace(/^file:/, ""));
}

/**
 * Prisma's SQLite adapter opens transactions with a deferred BEGIN. In WAL mode a deferred
 * transaction that reads and then writes, after another process committed in between, fails
 * at once with SQLITE_BUSY_SNAPSHOT (reported as "Operation has timed out"); the busy
 * timeout never applies. A command line (npm run vigil) or a test writing beside the running
 * server hit it. BEGIN IMMEDIATE takes the write lock first, waiting up to the busy timeout.
 * The adapter has no option for it, so its one BEGIN statement is swapped on the connection
 * (lib/db.test.ts fails if an upgrade changes how the adapter begins).
 */
class ImmediateSqliteFactory extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: { prepare(sql: string): unknown } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}

/** `statementTimeoutMs`: PostgreSQL's per-statement bound (migrations pass a long one). */
export function adapterFactory(url: string, { statementTimeoutMs = env().DATABASE_STATEMENT_TIMEOUT_MS } = {}): SqlMigrationAwareDriverAdapterFactory {
  if (databaseProvider(url) === "sqlite") {
    const file = sqliteFilePath(url);
    mkdirSync(path.dirname(file), { recursive: true });
    return new ImmediateSqliteFactory({ url: file, timeout: 5000 });
  }
  // A fresh bounded pool per connection the adapter opens, ended when Prisma disconnects.
  const factory = () => new PrismaPg(boundedPool(url, statementTimeoutMs), { disposeExternalPool: true });
  const { provider, adapterName } = new PrismaPg({ connectionString: url }); // names only: opens nothing
  return { provider, adapterName, connect: () => factory().connect(), connectToShadowDb: () => factory().connectToShadowDb() };
}

/**
 * A PostgreSQL pool whose every wait is bounded. A connect that gets no answer fails after
 * 5 s; the server cancels a statement after `statementTimeoutMs` and ends a transaction whose
 * client went quiet; TCP keepalive notices dead peers. A partition is the case the server
 * cannot end: so each query also has a deadline here, a second after the server's, at which
 * the socket is reset. A reset drops the bytes not yet delivered, so a statement held up in
 * the partition can never reach the server later and commit after the user saw the failure.
 */
function boundedPool(url: string, statementTimeoutMs: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: statementTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  pool.on("connect", (client) => withQueryDeadline(client, statementTimeoutMs + 1000));
  // An idle client's socket failing is reported here; the pool drops that client.
  pool.on("error", () => {});
  return pool;
}

type Queryable = { query: (...args: unknown[]) => unknown; connection?: { stream?: { resetAndDestroy?: () => void; destroy: () => void } } };

function withQueryDeadline(client: pg.PoolClient, deadlineMs: number): void {
  const target = client as unknown as Queryable;
  const query = target.query.bind(client);
  const arm = () =>
    setTimeout(() => {
      const stream = target.connection?.stream;
      if (stream?.resetAndDestroy) stream.resetAndDestroy();
      else stream?.destroy();
    }, deadlineMs);
  const settled = (timer: NodeJS.Timeout, error: unknown) => {
    clearTimeout(timer);
    if (!error) noteDatabaseReachable();
  };
  target.query = (...args: unknown[]) => {
    // pg-pool's own pool.query() passes a callback; the transaction path awaits a promise.
    const last = args.at(-1);
    if (typeof last === "function") {
      const timer = arm();
      return query(...args.slice(0, -1), (error: unknown, result: unknown) => {
        settled(timer, error);
        (last as (error: unknown, result: unknown) => void)(error, result);
      });
    }
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    const timer = arm();
    return result.then(
      (value) => {
        settled(timer, null);
        return value;
      },
      (error: unknown) => {
        settled(timer, error);
        throw error;
      },
    );
  };
}

export function createDb(url: string): Db {
  const adapter = adapterFactory(url);
  if (databaseProvider(url) === "sqlite") return new SqliteClient({ adapter });
  return new PostgresClient({ adapter }) as unknown as Db;
}

/**
 * Once at start, after migrations: SQLite in write-ahead-log mode, so the page's readers
 * never wait for a writer and the probe worker, dispatcher and web requests contend less.
 * The mode is kept in the database file (data/vigil.db-wal and -shm sit beside it).
 */
export async function tuneDatabase(client: Db, url: string): Promise<void> {
  if (databaseProvider(url) !== "sqlite") return;
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
}

const globalForDb = globalThis as unknown as { vigilDb?: Db };

/** The process-wide client for DATABASE_URL. */
export function db(): Db {
  globalForDb.vigilDb ??= createDb(env().DATABASE_URL);
  return globalForDb.vigilDb;
}

/** Runs fn in a transaction, joining the caller's when it already is one. */
export async function inTransaction<T>(dbOrTx: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // Prisma's default 5 s is too short for an update that queues alerts for tens of
  // thousands of subscribers in the same transaction.
  // maxWait: a pool whose connections all hang (a partitioned database) fails the write within seconds.
  if ("$transaction" in dbOrTx) return dbOrTx.$transaction((tx) => fn(tx), { timeout: 60_000, maxWait: 5000 });
  return fn(dbOrTx);
}
