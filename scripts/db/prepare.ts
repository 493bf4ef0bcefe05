// The database half of `npm start`, run by scripts/start.ts in a short-lived child process:
// applies pending migrations, sets SQLite's journal mode, and seeds an empty database. In
// its own process because Prisma's WebAssembly schema engine keeps some 40 MB that a
// process never gives back; the server that follows never loads it.
import { env } from "../../lib/env";
import { db, tuneDatabase } from "../../lib/db";
import { applyMigrations } from "../../lib/migrations/migrate";
import { seedIfEmpty } from "../../lib/seed/demo";

const config = env();
const applied = await applyMigrations(config.DATABASE_URL);
if (applied.length) console.log(`vigil: applied migrations ${applied.join(", ")}`);
await tuneDatabase(db(), config.DATABASE_URL);
if (await seedIfEmpty(db(), { demo: config.SEED_DEMO, url: `http://localhost:${config.PORT}` })) {
  console.log(config.SEED_DEMO ? "vigil: created the demo page" : "vigil: created an empty page");
}
await db().$disconnect();
