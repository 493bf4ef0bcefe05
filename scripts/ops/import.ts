// `npm run import -- FILE [--replace]`: writes an export (npm run export) into DATABASE_URL in
// one transaction, after applying migrations there. Refuses a database that holds anything
// unless --replace, which empties it first in the same transaction. This is also how an
// installation moves from SQLite to PostgreSQL (README: "Backups and moving an installation").
import { readFileSync } from "node:fs";
import { applyMigrations } from "../../lib/migrations/migrate";
import { env } from "../../lib/env";
import { parseExportText } from "../../lib/ops/document";
import { OpsError } from "../../lib/ops/errors";
import { redactUrl } from "../../lib/ops/files";
import { describeCounts, importInstallation } from "../../lib/ops/import";
import { cliArgs, oneFile, runCli, withDb } from "./cli";

const usage = "npm run import -- FILE [--replace]";
const { values, positionals } = cliArgs(usage, { options: { replace: { type: "boolean", default: false } }, allowPositionals: true });
const file = oneFile(usage, positionals, "export file");

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new OpsError(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

await runCli("import", async () => {
  const doc = parseExportText(readText(file)); // before the database is touched
  const url = env().DATABASE_URL;
  await applyMigrations(url);
  const counts = await withDb(url, (db) => importInstallation(db, doc, { replace: values.replace }));
  console.log(`Imported ${file} into ${redactUrl(url)}${values.replace ? " (replacing what it held)" : ""}, in one transaction:`);
  console.log(`  ${describeCounts(counts) || "nothing (the export was empty)"}`);
  if (!doc.includesSecrets) {
    if (doc.users.length) {
      console.log(
        "Users came without passwords or authenticator apps: set each one's password with `npm run admin:password -- --email <address>`; each sets up an authenticator app at their next sign-in.",
      );
    }
    console.log("The page has a new signing secret: confirmation and unsubscribe links in emails sent before the move no longer work.");
    if (doc.subscribers.some((s) => s.channel === "webhook"))
      console.log("Webhook subscribers came without their signing secrets: their deliveries are unsigned from now on.");
  }
});
