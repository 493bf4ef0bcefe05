// `npm run export -- [--out FILE] [--include-secrets]`: the whole installation as one JSON
// document (lib/ops/document.ts), to data/exports/vigil-<UTC time>.json by default. Without
// --include-secrets it carries no password hash, MFA secret, recovery code, signing or
// webhook secret, nor API key. Always mode 0600: it holds people's addresses. Applies pending
// migrations first, as `npm start` would, so the document matches this version.
import { applyMigrations } from "../../lib/migrations/migrate";
import { env } from "../../lib/env";
import { exportInstallation, serializeExport } from "../../lib/ops/export";
import { defaultExportFile, humanSize, writePrivateFile } from "../../lib/ops/files";
import { cliArgs, runCli, withDb } from "./cli";

const { values } = cliArgs("npm run export -- [--out FILE] [--include-secrets]", {
  options: { out: { type: "string" }, "include-secrets": { type: "boolean", default: false } },
});

await runCli("export", async () => {
  const includeSecrets = values["include-secrets"];
  const out = values.out ?? defaultExportFile(new Date());
  const url = env().DATABASE_URL;
  await applyMigrations(url);
  const doc = await withDb(url, (db) => exportInstallation(db, { includeSecrets }));
  const text = serializeExport(doc);
  writePrivateFile(out, text);
  console.log(
    `Exported ${doc.components.length} components, ${doc.incidents.length} incidents and maintenances, ${doc.subscribers.length} subscribers and ${doc.users.length} users to ${out} (${humanSize(Buffer.byteLength(text))}, mode 0600).`,
  );
  console.log(
    includeSecrets
      ? "SENSITIVE: it includes password hashes, MFA secrets, recovery codes, the signing secret, webhook secrets and API keys. Keep it private and delete it once imported."
      : "Without secrets: users imported from it set a new password (npm run admin:password) and set up their authenticator again. Add --include-secrets to move them as they are.",
  );
});
