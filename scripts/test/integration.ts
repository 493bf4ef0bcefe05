// `npm run test:integration`: the integration suite against a fresh SQLite file, then
// against PostgreSQL at TEST_POSTGRES_URL (required in CI, skipped with a notice locally).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import pg from "pg";

function run(label: string, url: string): boolean {
  console.log(`\n── integration tests on ${label} ──`);
  const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "tests/integration", "--no-file-parallelism"], {
    stdio: "inherit",
    env: { ...process.env, VIGIL_TEST_DATABASE_URL: url },
  });
  return result.status === 0;
}

async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}

mkdirSync("data", { recursive: true });
const sqliteFile = "data/integration-test.db";
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(sqliteFile + suffix, { force: true });
let ok = run("SQLite", `file:./${sqliteFile}`);

const postgresUrl = process.env.TEST_POSTGRES_URL;
if (postgresUrl) {
  await resetPostgres(postgresUrl);
  ok = run("PostgreSQL", postgresUrl) && ok;
} else if (process.env.CI) {
  console.error("TEST_POSTGRES_URL is not set: CI must run the PostgreSQL suite too.");
  ok = false;
} else {
  console.log("\nTEST_POSTGRES_URL is not set: skipping the PostgreSQL run (CI always runs it).");
}
process.exit(ok ? 0 : 1);
