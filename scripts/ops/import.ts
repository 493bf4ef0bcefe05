// `npm run import -- FILE [--replace]`: writes an export (npm run export) into DATABASE_URL in
// one transaction, after applying migrations there. Refuses a database that holds anything
// unless --replace, which empties it first in the same transaction. This is also how an
// installation moves from SQLite to PostgreSQL (README: "Backups and moving an installation").
// `npm run import -- statuspage URL [--api-key K --page-id P] [--dry-run]`: imports a
// Statuspage-compatible page (lib/import/); run it again to pick up what is new.
import { readFileSync } from "node:fs";
import { applyMigrations } from "../../lib/migrations/migrate";
import { env } from "../../lib/env";
import { parseExportText } from "../../lib/ops/document";
import { OpsError } from "../../lib/ops/errors";
import { redactUrl } from "../../lib/ops/files";
import { describeCounts, importInstallation } from "../../lib/ops/import";
import { formatSummary } from "../../lib/import/plan";
import { importFromStatuspage } from "../../lib/import/run";
import { seedIfEmpty } from "../../lib/seed/demo";
import { ImportSourceError } from "../../lib/import/errors";
import { cliArgs, oneFile, runCli, withDb } from "./cli";

const usage = "npm run import -- FILE [--replace]\n       npm run import -- statuspage PAGE_URL [--api-key KEY --page-id ID [--api-url URL]] [--dry-run]";
const { values, positionals } = cliArgs(usage, {
  options: {
    replace: { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
    "api-key": { type: "string" },
    "page-id": { type: "string" },
    "api-url": { type: "string" },
  },
  allowPositionals: true,
});

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new OpsError(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

async function importStatuspage(pageUrl: string): Promise<void> {
  const apiKey = values["api-key"] ?? undefined;
  const pageId = values["page-id"] ?? undefined;
  if (Boolean(apiKey) !== Boolean(pageId)) throw new OpsError("--api-key and --page-id go together (the v1 Manage API needs both).");
  const url = env().DATABASE_URL;
  await applyMigrations(url);
  const dryRun = values["dry-run"];
  const summary = await withDb(url, async (db) => {
    // Before the first start: the page the import fills, empty (no demo), as a start would make it.
    if (!dryRun && (await seedIfEmpty(db, { demo: false, url: `http://localhost:${env().PORT}` }))) console.log("Created an empty page to import into.");
    return importFromStatuspage(db, { pageUrl, apiKey, pageId, apiUrl: values["api-url"], dryRun, allowPrivate: true }).catch((error: unknown) => {
      if (error instanceof ImportSourceError) throw new OpsError(error.message);
      throw error;
    });
  });
  console.log(dryRun ? `Dry run: nothing was written. Importing ${pageUrl} would do this:` : `Imported ${pageUrl} into ${redactUrl(url)}:`);
  for (const line of formatSummary(summary)) console.log(`  ${line}`);
}

async function importExport(file: string): Promise<void> {
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
}

await runCli("import", async () => {
  if (positionals[0] === "statuspage") {
    if (positionals.length !== 2) throw new OpsError(`Name one page URL.\nUsage: ${usage}`);
    return importStatuspage(positionals[1]!);
  }
  if (values["dry-run"] || values["api-key"] || values["page-id"] || values["api-url"])
    throw new OpsError(`Those options are for \`statuspage\`.\nUsage: ${usage}`);
  return importExport(oneFile(usage, positionals, "export file"));
});
