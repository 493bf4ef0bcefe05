// `npm run restore -- FILE [--force]`: puts a backup from `npm run backup` back, then applies
// pending migrations. Stop Vigil first: the SQLite restore refuses a database that anything
// has open, the PostgreSQL one a database with other sessions (unless --force).
import { databaseProvider, env } from "../../lib/env";
import { OpsError } from "../../lib/ops/errors";
import { redactUrl } from "../../lib/ops/files";
import { otherSessions, pgRestoreInvocation } from "../../lib/ops/postgres-tools";
import { restoreSqlite } from "../../lib/ops/sqlite-file";
import { applyMigrations } from "../../lib/migrations/migrate";
import { cliArgs, oneFile, runCli, runTool } from "./cli";

const usage = "npm run restore -- FILE [--force]";
const { values, positionals } = cliArgs(usage, { options: { force: { type: "boolean", default: false } }, allowPositionals: true });
const file = oneFile(usage, positionals, "backup file");

function migrationsNote(applied: string[]): string {
  return applied.length ? ` Applied ${applied.length} pending migration${applied.length > 1 ? "s" : ""}: ${applied.join(", ")}.` : "";
}

await runCli("restore", async () => {
  const url = env().DATABASE_URL;
  if (databaseProvider(url) === "sqlite") {
    const result = await restoreSqlite(url, file);
    const kept = result.keptAs ? ` The database it replaced is kept as ${result.keptAs}.` : "";
    console.log(`Restored ${file} to ${result.target}.${kept}${migrationsNote(result.appliedMigrations)}`);
    return;
  }
  const sessions = await otherSessions(url);
  if (sessions > 0 && !values.force) {
    throw new OpsError(
      `${sessions} other session${sessions > 1 ? "s are" : " is"} connected to this database (a running Vigil?): stop Vigil, or pass --force.`,
    );
  }
  await runTool(pgRestoreInvocation(url, file));
  const applied = await applyMigrations(url);
  console.log(`Restored ${file} to ${redactUrl(url)}.${migrationsNote(applied)}`);
});
