import { createKey, hasKey } from "@/lib/crypto/secrets";
import { createDb, type Db } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/migrate";
import { DELETE_ORDER } from "@/lib/ops/tables";

// Integration tests run against the real database named by VIGIL_TEST_DATABASE_URL
// (scripts/test/integration.ts sets it: a fresh SQLite file, then PostgreSQL).
export function testDatabaseUrl(): string {
  const url = process.env.VIGIL_TEST_DATABASE_URL;
  if (!url) throw new Error("VIGIL_TEST_DATABASE_URL is not set: run `npm run test:integration`");
  return url;
}

let shared: Db | undefined;

export async function testDb(): Promise<Db> {
  if (!shared) {
    // As `npm start` would: the key file next to the data (data/secret.key), shared with the apps tests start.
    if (!hasKey()) createKey();
    await applyMigrations(testDatabaseUrl());
    shared = createDb(testDatabaseUrl());
  }
  return shared;
}

/** Empties every table, children first. */
export async function resetDb(db: Db): Promise<void> {
  for (const table of DELETE_ORDER) await db.$executeRawUnsafe(`DELETE FROM "${table}"`);
}

export async function createPage(db: Db, overrides: { timeZone?: string } = {}) {
  return db.pageSetting.create({
    data: { id: 1, name: "Test", url: "http://localhost", timeZone: overrides.timeZone ?? "UTC" },
  });
}

export async function createComponent(db: Db, slug: string, position = 0) {
  return db.component.create({
    data: { name: slug.toUpperCase(), slug, position, startDate: new Date("2026-01-01T00:00:00Z") },
  });
}
