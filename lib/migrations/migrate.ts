import path from "node:path";
import { adapterFactory, createDb } from "../db";

/** A migration may rewrite a large table: far beyond a request's statement bound. */
const MIGRATION_STATEMENT_TIMEOUT_MS = 30 * 60_000;
import { databaseProvider } from "../env";
import { lockfileContent, providerDir, readMigrations, readProviderSchema } from "./files";
import { openSchemaEngine } from "./wasm-engine";

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Applies pending migrations from prisma/<provider>/migrations. Idempotent, and keeps
 * Prisma's own _prisma_migrations table so `prisma migrate deploy` accepts the database.
 */
export async function applyMigrations(url: string): Promise<string[]> {
  const provider = databaseProvider(url);
  const migrations = await readMigrations(provider);
  if (
    await allApplied(
      url,
      migrations.map((m) => m.dirName),
    )
  )
    return [];
  const schema = await readProviderSchema(provider);
  const { engine, close } = await openSchemaEngine(schema, adapterFactory(url, { statementTimeoutMs: MIGRATION_STATEMENT_TIMEOUT_MS }));
  try {
    const result = await engine.applyMigrations({
      migrationsList: {
        baseDir: path.join(providerDir(provider), "migrations"),
        lockfile: { path: "migration_lock.toml", content: lockfileContent(provider) },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((m) => ({
          path: m.dirName,
          migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: m.sql } },
        })),
      },
      filters: NO_FILTERS,
    });
    return result.appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * Whether every migration is already recorded as applied, read through the app's own client.
 * The schema engine takes SQLite's write lock with no patience, so a command line run beside
 * the running server (`npm run vigil -- export`, `npm run export`) failed with a driver error
 * while a write was in flight; the usual case, nothing to apply, now needs no engine at all.
 * False when the table is missing (a new database) or cannot be read: the engine decides then.
 */
async function allApplied(url: string, names: readonly string[]): Promise<boolean> {
  const db = createDb(url);
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return names.every((name) => applied.has(name));
  } catch {
    return false;
  } finally {
    await db.$disconnect();
  }
}
