import { describe, expect, it } from "vitest";
import { tuneDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/migrate";
import { readMigrations } from "@/lib/migrations/files";
import { databaseProvider } from "@/lib/env";
import { testDatabaseUrl, testDb } from "./db";

describe("migrations", () => {
  it("are applied once, recorded in Prisma's own table, and a second run is a no-op", async () => {
    const db = await testDb(); // applies them
    expect(await applyMigrations(testDatabaseUrl())).toEqual([]);
    const rows = await db.$queryRawUnsafe<{ migration_name: string; finished_at: unknown }[]>(
      'SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const onDisk = await readMigrations(databaseProvider(testDatabaseUrl()));
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk.map((m) => m.dirName));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("SQLite runs in write-ahead-log mode once tuned at start", async () => {
    const db = await testDb();
    if (databaseProvider(testDatabaseUrl()) !== "sqlite") return;
    await tuneDatabase(db, testDatabaseUrl());
    const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode?.journal_mode).toBe("wal");
  });
});
