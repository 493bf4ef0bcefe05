// The database half of `npm start`, run by scripts/start.ts in a short-lived child process:
// applies pending migrations, sets SQLite's journal mode, makes sure of the secret key and
// encrypts secrets still in plain text, seeds an empty database, and creates the page's
// signing secret. In its own process because Prisma's WebAssembly schema engine keeps some
// 40 MB that a process never gives back; the server that follows never loads it.
import { env } from "../../lib/env";
import { db, tuneDatabase } from "../../lib/db";
import { applyMigrations } from "../../lib/migrations/migrate";
import { seedIfEmpty } from "../../lib/seed/demo";
import { signingSecret } from "../../lib/page/signing";
import { prepareSecretsAtStart } from "../../lib/secrets/start";

const config = env();
const applied = await applyMigrations(config.DATABASE_URL);
if (applied.length) console.log(`vigil: applied migrations ${applied.join(", ")}`);
await tuneDatabase(db(), config.DATABASE_URL);
// Before anything writes a secret: the key (created at first start) and secrets still in plain text.
const secrets = await prepareSecretsAtStart(db(), config.DATABASE_URL);
if (!secrets.ok) {
  console.error(`vigil: ${secrets.message}`);
  process.exit(1);
}
for (const line of secrets.lines) console.log(`vigil: ${line}`);
if (await seedIfEmpty(db(), { demo: config.SEED_DEMO, url: `http://localhost:${config.PORT}` })) {
  console.log(config.SEED_DEMO ? "vigil: created the demo page" : "vigil: created an empty page");
}
// Created now, so no page view has to write it (the subscribe form renders while the database is away).
await signingSecret(db());
await db().$disconnect();
