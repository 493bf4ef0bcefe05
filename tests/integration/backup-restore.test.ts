import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, tuneDatabase, type Db } from "@/lib/db";
import { databaseProvider } from "@/lib/env";
import { readMigrations } from "@/lib/migrations/files";
import { applyMigrations } from "@/lib/migrations/migrate";
import { backupSqlite, DatabaseInUseError, restoreSqlite } from "@/lib/ops/sqlite-file";
import { testDatabaseUrl } from "./db";

// SQLite's backup and restore (npm run backup / restore), on files of their own: a backup
// taken while another process keeps writing is one consistent snapshot; a restore checks
// what it is given, refuses a database in use and keeps the one it replaces. PostgreSQL's
// are pg_dump's and pg_restore's (lib/ops/postgres-tools.ts; their command lines are unit-tested).

const dir = path.join("data", `it-backup-${process.pid}`);
const source = path.join(dir, "vigil.db");
const url = `file:./${source}`;
const backup = path.join(dir, "backups", "vigil.db");
let writer: ChildProcess | undefined;
let db: Db;

type Tick = { targetType: string | null; targetId: string | null };
const ticks = (client: Db) => client.auditEvent.findMany({ where: { action: "test.tick" }, select: { targetType: true, targetId: true } });

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The pair numbers present, after checking no pair is half there. */
function wholePairs(rows: Tick[]): number[] {
  const byPair = new Map<number, string[]>();
  for (const r of rows) byPair.set(Number(r.targetId), [...(byPair.get(Number(r.targetId)) ?? []), r.targetType!]);
  for (const [pair, halves] of byPair) expect(halves.sort(), `pair ${pair}`).toEqual(["a", "b"]);
  return [...byPair.keys()].sort((x, y) => x - y);
}

describe.runIf(databaseProvider(testDatabaseUrl()) === "sqlite")("SQLite backup and restore", () => {
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await applyMigrations(url);
    db = createDb(url);
    await tuneDatabase(db, url); // WAL, as Vigil runs
  });

  afterAll(async () => {
    writer?.kill("SIGKILL");
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a backup taken while another process keeps writing is one consistent, checked, private snapshot", async () => {
    writer = spawn(process.execPath, ["--import", "tsx", "tests/support/audit-writer-child.ts"], {
      env: { ...process.env, VIGIL_WRITER_DATABASE_URL: url },
      stdio: ["ignore", "inherit", "inherit"],
    });
    await waitFor(async () => (await db.auditEvent.count()) >= 200, "the writer to get going");
    const before = await db.auditEvent.count();

    const result = await backupSqlite(url, backup);

    // The writer went on during and after the copy.
    await waitFor(async () => (await db.auditEvent.count()) >= before + 100, "more writes after the backup");
    writer.kill("SIGKILL");
    expect(result.bytes).toBe(statSync(backup).size);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(existsSync(`${backup}-wal`) || existsSync(`${backup}.partial`)).toBe(false);

    const copy = createDb(`file:./${backup}`);
    try {
      expect(await copy.$queryRawUnsafe("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(await copy.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "delete" }]);
      const migrations = await copy.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name');
      expect(migrations.map((m) => m.migration_name)).toEqual((await readMigrations("sqlite")).map((m) => m.dirName));
      // Pairs 0…k-1, each whole: the copy is the database as of one commit.
      const pairs = wholePairs(await ticks(copy));
      expect(pairs.length * 2).toBeGreaterThanOrEqual(before);
      expect(pairs).toEqual(pairs.map((_, i) => i));
      expect(pairs.length * 2).toBeLessThan(await db.auditEvent.count());
    } finally {
      await copy.$disconnect();
    }
    await expect(backupSqlite(url, backup)).rejects.toThrow(/already exists: choose another --out/);
  });

  it("a restore refuses while anything has the database open, and leaves it untouched", async () => {
    await db.auditEvent.count(); // a connection that has read holds the database open, as a running Vigil does
    const rows = await db.auditEvent.count();
    await expect(restoreSqlite(url, backup)).rejects.toThrow(DatabaseInUseError);
    await expect(restoreSqlite(url, backup)).rejects.toThrow(/is in use .*: stop it, then restore/);
    expect(await db.auditEvent.count()).toBe(rows);
    expect(readdirNames()).toEqual(["backups", "vigil.db", "vigil.db-shm", "vigil.db-wal"]);
  });

  it("a restore puts the backup in place, keeps the database it replaced, and leaves no stale log", async () => {
    const live = await db.auditEvent.count();
    await db.$disconnect();
    const now = new Date("2026-12-05T10:15:00Z");

    const result = await restoreSqlite(url, backup, now);

    expect(result.keptAs).toBe(path.resolve(`${source}.before-restore-20261205T101500Z`));
    expect(result.appliedMigrations).toEqual([]);
    expect(readdirNames()).toEqual(["backups", "vigil.db", "vigil.db.before-restore-20261205T101500Z"]);
    db = createDb(url);
    const restoredPairs = wholePairs(await ticks(db));
    expect(restoredPairs.length * 2).toBeLessThan(live);
    const kept = createDb(`file:${result.keptAs}`);
    try {
      expect(await kept.auditEvent.count()).toBe(live); // nothing the log held was lost
    } finally {
      await kept.$disconnect();
    }
  });

  it.each([
    ["a missing file", () => path.join(dir, "nope.db"), /There is no file at/],
    ["a file that is not SQLite", () => writeTo("not-sqlite.db", "hello, world"), /is not a SQLite database/],
    ["a truncated backup", () => truncatedCopy(), /(fails SQLite's integrity check|cannot be read as a database)/],
    ["another program's SQLite database", () => foreignDatabase(), /not Vigil's: it has no _prisma_migrations table/],
  ])("a restore refuses %s and keeps the database as it is", async (_, file, message) => {
    const before = await db.auditEvent.count();
    await db.$disconnect();
    await expect(restoreSqlite(url, file())).rejects.toThrow(message);
    db = createDb(url);
    expect(await db.auditEvent.count()).toBe(before);
    expect(readdirNames().filter((n) => n.includes("restoring"))).toEqual([]);
  });
});

/** The directory's files, without the bad backups the refusal tests write. */
function readdirNames(): string[] {
  return readdirSync(dir)
    .filter((n) => !/^(not-sqlite|truncated|foreign)/.test(n))
    .sort();
}

function writeTo(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function truncatedCopy(): string {
  const file = path.join(dir, "truncated.db");
  copyFileSync(backup, file);
  truncateSync(file, Math.floor(statSync(file).size / 3));
  return file;
}

function foreignDatabase(): string {
  const file = path.join(dir, "foreign.db");
  const other = new Database(file);
  other.exec("CREATE TABLE notes (body TEXT)");
  other.close();
  return file;
}
