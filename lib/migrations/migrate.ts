import path from "node:path";
import { adapterFactory } from "../db";

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
  const schema = await readProviderSchema(provider);
  const migrations = await readMigrations(provider);
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
