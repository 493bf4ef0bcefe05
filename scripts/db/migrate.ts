// `npm run db:migrate`: applies pending migrations to DATABASE_URL (also done by `npm start`).
import { env } from "../../lib/env";
import { applyMigrations } from "../../lib/migrations/migrate";

const applied = await applyMigrations(env().DATABASE_URL);
console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
// As at start: the secret key, and secrets still stored in plain text (for `npm run dev`).
const { db } = await import("../../lib/db");
const secrets = await (await import("../../lib/secrets/start")).prepareSecretsAtStart(db(), env().DATABASE_URL);
await db().$disconnect();
if (!secrets.ok) {
  console.error(secrets.message);
  process.exit(1);
}
for (const line of secrets.lines) console.log(line);
