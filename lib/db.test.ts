import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { createDb } from "./db";

const dir = mkdtempSync(path.join(tmpdir(), "vigil-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Another process (the CLI, a test) writing between a transaction's read and its write must
// not make the write fail: the transaction holds SQLite's write lock from its start.
test("a SQLite transaction takes the write lock at BEGIN, so a read-then-write never meets a snapshot conflict", async () => {
  const file = path.join(dir, "lock.db");
  const db = createDb(`file:${file}`);
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
  await db.$executeRawUnsafe("INSERT INTO t (id, v) VALUES (1, 0)");
  const other = new Database(file, { timeout: 0 });
  try {
    await db.$transaction(async (tx) => {
      await tx.$queryRawUnsafe("SELECT v FROM t");
      // With a deferred BEGIN this write would succeed, and the transaction's own write below fail.
      expect(() => other.prepare("UPDATE t SET v = v + 1").run()).toThrow(expect.objectContaining({ code: "SQLITE_BUSY" }));
      await tx.$executeRawUnsafe("UPDATE t SET v = 5");
    });
    expect(other.prepare("SELECT v FROM t").get()).toEqual({ v: 5 });
    other.prepare("UPDATE t SET v = v + 1").run(); // free again once committed
  } finally {
    other.close();
    await db.$disconnect();
  }
});
