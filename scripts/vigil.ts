// `npm run vigil -- export [--out FILE]` and `npm run vigil -- apply FILE [--dry-run] [--prune]`:
// the page's settings, groups, components, probes and templates as one YAML file
// (docs/status-as-code.md, lib/gitops/). apply prints the plan, then applies it through the
// staff verbs in one transaction, audited as "vigil apply". Exit codes: 0 done or nothing to
// do, 1 refused (nothing written), 2 bad usage or an invalid file (nothing written).
import { readFileSync } from "node:fs";
import type { Db } from "../lib/db";
import { env } from "../lib/env";
import { ServiceError } from "../lib/errors";
import { envReference, STORED } from "../lib/gitops/references";
import { applyFile, exportFromDb } from "../lib/gitops/run";
import { applyMigrations } from "../lib/migrations/migrate";
import { OpsError } from "../lib/ops/errors";
import { writePrivateFile } from "../lib/ops/files";
import { createVendorFetcher } from "../lib/vendors/fetch";
import { cliArgs, runCli, withDb } from "./ops/cli";

const usage = `npm run vigil -- export [--out FILE]
       npm run vigil -- apply FILE|- [--dry-run] [--prune]

  export     the settings, groups, components, probes and templates as YAML (stdout, or --out FILE)
  apply      print what FILE (- for stdin) changes, then change it; --dry-run only prints;
             --prune also deletes what FILE's sections do not list
  ${envReference("NAME")} in FILE is read from the environment; ${STORED} keeps a stored probe secret.`;

const { values, positionals } = cliArgs(usage, {
  options: {
    out: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    prune: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
  allowPositionals: true,
});

function usageError(message: string): never {
  console.error(`${message}\nUsage: ${usage}`);
  process.exit(2);
}

const [command, ...rest] = positionals;
if (values.help) {
  console.log(`Usage: ${usage}`);
  process.exit(0);
}
if (command === "export") {
  if (rest.length || values["dry-run"] || values.prune) usageError("export takes only --out FILE.");
} else if (command === "apply") {
  if (rest.length !== 1) usageError("Name one file to apply (- for stdin).");
  if (values.out) usageError("apply does not take --out.");
} else {
  usageError(command ? `Unknown command: ${command}` : "Name a command.");
}

function readInput(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new OpsError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

await runCli("vigil", async () => {
  const url = env().DATABASE_URL;
  await applyMigrations(url);
  // A refusal outside a plan (no page yet: the seed has not run) is said, not thrown as a stack trace.
  await withDb(url, (db) => main(db).catch((error) => Promise.reject(error instanceof ServiceError ? new OpsError(error.message) : error)));
});

async function main(db: Db): Promise<void> {
  if (command === "export") {
    const { text, skipped } = await exportFromDb(db);
    for (const probe of skipped) console.error(`vigil: left out probe ${probe}: it cannot be read here`);
    if (values.out) {
      writePrivateFile(values.out, text);
      console.error(`Exported to ${values.out}.`);
    } else {
      process.stdout.write(text);
      // npm wrote its own "> vigil@… vigil" lines to the same stdout first: apply reads past them, but say how to leave them out.
      if (!process.stdout.isTTY && process.env.npm_lifecycle_event === "vigil" && process.env.npm_config_loglevel !== "silent") {
        console.error('vigil: npm printed its "> vigil@…" lines before the YAML; use npm run -s vigil -- export, or --out FILE, to leave them out.');
      }
    }
    return;
  }
  const file = rest[0]!;
  const outcome = await applyFile(db, file === "-" ? "stdin" : file, readInput(file), {
    prune: values.prune,
    dryRun: values["dry-run"],
    // ${env:NAME} may name any variable, so the file's references read the process environment as it is.
    environment: process.env,
    fetcher: createVendorFetcher({ allowPrivate: env().WEBHOOK_ALLOW_PRIVATE }),
    onPlan: (text) => console.log(text),
  });
  if (outcome.exitCode !== 0) {
    for (const line of outcome.errors) console.error(line);
    process.exitCode = outcome.exitCode;
    return;
  }
  if (values["dry-run"] && outcome.plan.steps.length) console.log("\nDry run: nothing was changed.");
  if (outcome.applied) console.log("\nApplied.");
  for (const { probe, token } of outcome.result?.heartbeatTokens ?? []) {
    console.log(`Heartbeat probe "${probe}": its URL token is ${token} (shown once; ping /api/heartbeat/<token>).`);
  }
}
