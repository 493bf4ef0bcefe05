// `npm run backup -- [--out FILE]`: a consistent copy of the database while Vigil serves.
// SQLite: the online backup API, to data/backups/vigil-<UTC time>.db. PostgreSQL: pg_dump's
// custom format, to data/backups/vigil-<UTC time>.dump (or the pg_dump line to run).
import { closeSync, openSync, rmSync, statSync } from "node:fs";
import { databaseProvider, env } from "../../lib/env";
import { OpsError } from "../../lib/ops/errors";
import { defaultBackupFile, ensurePrivateDir, humanSize, PRIVATE_FILE_MODE, redactUrl } from "../../lib/ops/files";
import { pgDumpInvocation } from "../../lib/ops/postgres-tools";
import { backupSqlite } from "../../lib/ops/sqlite-file";
import { cliArgs, runCli, runTool } from "./cli";

const { values } = cliArgs("npm run backup -- [--out FILE]", { options: { out: { type: "string" } } });

async function dumpPostgres(url: string, out: string): Promise<void> {
  ensurePrivateDir(out);
  // Created first with mode 0600: pg_dump then writes into it and keeps the mode.
  try {
    closeSync(openSync(out, "wx", PRIVATE_FILE_MODE));
  } catch {
    throw new OpsError(`${out} already exists: choose another --out.`);
  }
  try {
    await runTool(pgDumpInvocation(url, out));
  } catch (error) {
    rmSync(out, { force: true });
    throw error;
  }
}

await runCli("backup", async () => {
  const url = env().DATABASE_URL;
  const provider = databaseProvider(url);
  const out = values.out ?? defaultBackupFile(provider, new Date());
  if (provider === "sqlite") {
    const result = await backupSqlite(url, out);
    console.log(`Backed up ${result.source} to ${out} (${humanSize(result.bytes)}, integrity check ok).`);
  } else {
    await dumpPostgres(url, out);
    console.log(`Backed up ${redactUrl(url)} to ${out} (${humanSize(statSync(out).size)}).`);
  }
  console.log(`It holds every password hash and secret: keep it private. Restore with: npm run restore -- ${out}`);
});
