import { chmodSync, closeSync, copyFileSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqliteFilePath } from "../db";
import { readMigrations } from "../migrations/files";
import { applyMigrations } from "../migrations/migrate";
import { OpsError } from "./errors";
import { ensurePrivateDir, PRIVATE_FILE_MODE, utcStamp } from "./files";

// Backup and restore of the embedded SQLite database. They talk to better-sqlite3
// directly: its online backup API and file locks are below what Prisma exposes, and they
// work on files (a backup, a database no server may be using), not on Vigil's data.

export class DatabaseInUseError extends OpsError {}

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");
/** Copy every remaining page in one backup step: one read transaction, so one consistent snapshot. */
const ALL_PAGES = 0x7fffffff;
/** How long to wait for another connection's lock before calling the database in use. */
const IN_USE_WAIT_MS = 500;

const SIDE_FILES = ["-wal", "-shm", "-journal"] as const;

function removeWithSideFiles(file: string): void {
  for (const suffix of ["", ...SIDE_FILES]) rmSync(file + suffix, { force: true });
}

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, "r");
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

function checkIntegrity(db: Database.Database, file: string): void {
  const rows = db.pragma("integrity_check") as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== "ok");
  if (problems.length) throw new OpsError(`${file} fails SQLite's integrity check: ${problems.slice(0, 3).join("; ")}`);
}

/**
 * Copies the database at `url` to `out` with SQLite's online backup API while Vigil keeps
 * serving and writing (WAL mode: the backup's read transaction blocks no writer). The
 * copy is one self-contained file (journal mode DELETE, no -wal beside it), checked, mode 0600.
 */
export async function backupSqlite(url: string, out: string): Promise<{ source: string; file: string; bytes: number }> {
  const source = sqliteFilePath(url);
  if (!existsSync(source)) throw new OpsError(`There is no database at ${source} (DATABASE_URL) to back up.`);
  if (existsSync(out)) throw new OpsError(`${out} already exists: choose another --out.`);
  ensurePrivateDir(out);
  const partial = `${out}.partial`;
  removeWithSideFiles(partial);
  const db = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    // A write from another connection between steps restarts a backup; one step has none.
    await db.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
      checkIntegrity(copy, out);
    } finally {
      copy.close();
    }
    chmodSync(partial, PRIVATE_FILE_MODE);
    renameSync(partial, out);
  } catch (error) {
    removeWithSideFiles(partial);
    throw error;
  }
  return { source, file: out, bytes: statSync(out).size };
}

/**
 * Fails when another connection holds the database open (a running Vigil does, always, in
 * WAL mode), else folds the write-ahead log into the main file so it can be moved alone.
 * The exclusive lock is refused while any other connection has it open, idle or not.
 */
export function assertNotInUse(file: string): void {
  const db = new Database(file, { fileMustExist: true, timeout: IN_USE_WAIT_MS });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    try {
      db.exec("BEGIN EXCLUSIVE");
      db.exec("COMMIT");
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) {
        throw new DatabaseInUseError(`${file} is in use (a Vigil server, worker or other program has it open): stop it, then restore.`);
      }
      throw error;
    }
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

/** Copies a backup next to the target and checks it there, leaving the backup itself untouched. */
async function stageBackup(backup: string, staged: string): Promise<void> {
  if (!existsSync(backup)) throw new OpsError(`There is no file at ${backup}.`);
  if (!hasSqliteHeader(backup)) throw new OpsError(`${backup} is not a SQLite database.`);
  copyFileSync(backup, staged);
  // A copy of a live database may have committed pages in its -wal; SQLite folds them in on open.
  if (existsSync(`${backup}-wal`)) copyFileSync(`${backup}-wal`, `${staged}-wal`);
  try {
    await checkStaged(staged, backup);
  } catch (error) {
    if (error instanceof Database.SqliteError) throw new OpsError(`${backup} cannot be read as a database: ${error.message}`);
    throw error;
  }
}

async function checkStaged(staged: string, backup: string): Promise<void> {
  const db = new Database(staged, { fileMustExist: true });
  try {
    checkIntegrity(db, backup);
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) throw new OpsError(`${backup} is a SQLite database but not Vigil's: it has no _prisma_migrations table.`);
    const applied = (db.prepare("SELECT migration_name AS name FROM _prisma_migrations").all() as { name: string }[]).map((r) => r.name);
    const known = new Set((await readMigrations("sqlite")).map((m) => m.dirName));
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length) throw new OpsError(`${backup} was made by a newer Vigil (migration ${unknown[0]} is unknown here): upgrade Vigil, then restore.`);
    db.pragma("journal_mode = DELETE");
  } finally {
    db.close();
  }
}

export interface SqliteRestore {
  target: string;
  /** Where the database that was replaced now is (none when there was no database). */
  keptAs: string | null;
  appliedMigrations: string[];
}

/**
 * Puts a backup in place of the database at `url`: checks the backup (SQLite, passes the
 * integrity check, carries Vigil's migrations), refuses while anything has the database
 * open, keeps the current file as `<name>.before-restore-<UTC time>`, moves the backup in
 * and applies pending migrations.
 */
export async function restoreSqlite(url: string, backupFile: string, now = new Date()): Promise<SqliteRestore> {
  const target = sqliteFilePath(url);
  const backup = path.resolve(backupFile);
  if (backup === target) throw new OpsError(`${backupFile} is the database itself: restore from a backup file.`);
  ensurePrivateDir(target);
  const staged = `${target}.restoring-${utcStamp(now)}`;
  removeWithSideFiles(staged);
  try {
    await stageBackup(backup, staged);
    let keptAs: string | null = null;
    if (existsSync(target)) {
      assertNotInUse(target);
      keptAs = `${target}.before-restore-${utcStamp(now)}`;
      renameSync(target, keptAs);
      // After the checkpoint the log holds nothing the main file lacks; any left is stale.
      for (const suffix of SIDE_FILES) rmSync(target + suffix, { force: true });
    }
    chmodSync(staged, PRIVATE_FILE_MODE);
    renameSync(staged, target);
    return { target, keptAs, appliedMigrations: await applyMigrations(url) };
  } finally {
    removeWithSideFiles(staged);
  }
}
