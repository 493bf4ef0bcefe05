// `npm run db:migrate`: applies pending migrations to DATABASE_URL (also done by `npm start`).
import { env } from "../../lib/env";
import { applyMigrations } from "../../lib/migrations/migrate";

const applied = await applyMigrations(env().DATABASE_URL);
console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date.");
