// `npm run db:migration -- <name>`: after editing prisma/models.prisma, rewrites
// prisma/<provider>/schema.prisma and writes the next migration for each provider.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PROVIDERS, lockfileContent, providerDir, readModels, renderProviderSchema } from "../../lib/migrations/files";
import { openSchemaEngine } from "../../lib/migrations/wasm-engine";

const name = (process.argv[2] ?? "")
  .trim()
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("usage: npm run db:migration -- <name>   (e.g. add_probes)");
  process.exit(2);
}

function postgresUrl(): string {
  const url = process.env.TEST_POSTGRES_URL ?? process.env.MIGRATION_POSTGRES_URL;
  if (!url) {
    console.error("Set TEST_POSTGRES_URL=postgres://… (any reachable PostgreSQL; the diff only connects, it writes nothing).");
    process.exit(2);
  }
  return url;
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const models = await readModels();

for (const provider of PROVIDERS) {
  const dir = providerDir(provider);
  const schemaPath = path.join(dir, "schema.prisma");
  const next = renderProviderSchema(provider, models);
  const previous = existsSync(schemaPath) ? await readFile(schemaPath, "utf8") : null;
  // Diffing two schema files needs no database: this avoids the shadow-database
  // replay, which the driver adapters do not fully support.
  const adapter =
    provider === "sqlite"
      ? new PrismaBetterSqlite3({ url: ":memory:" })
      : // The engine connects at start even for a file-to-file diff; nothing is written.
        new PrismaPg({ connectionString: postgresUrl() });
  const { engine, close } = await openSchemaEngine({ path: "schema.prisma", content: next }, adapter);
  try {
    const result = await engine.diff({
      from: previous ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: previous }] } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: next }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = (result.stdout ?? "").trim();
    await mkdir(path.join(dir, "migrations"), { recursive: true });
    await writeFile(path.join(dir, "schema.prisma"), next);
    await writeFile(path.join(dir, "migrations", "migration_lock.toml"), lockfileContent(provider));
    if (!sql || sql.startsWith("-- This is an empty migration")) {
      console.log(`${provider}: no schema change, no migration written`);
      continue;
    }
    const migrationDir = path.join(dir, "migrations", `${stamp}_${name}`);
    await mkdir(migrationDir, { recursive: true });
    await writeFile(path.join(migrationDir, "migration.sql"), `${sql}\n`);
    console.log(`${provider}: wrote ${path.relative(process.cwd(), migrationDir)}/migration.sql`);
  } finally {
    await close();
  }
}
console.log("Now run `npm run db:generate` (or `npm install`) to refresh the Prisma clients.");
