// `npm start`: checks the configuration, migrates, seeds an empty database, builds
// the app when the build is missing or older than the sources, then serves it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { env, EnvError } from "../lib/env";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = ".next/BUILD_ID";
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib"].filter(existsSync).map(newestMtime);
  const configs = ["next.config.mjs", "package.json", "postcss.config.mjs", "instrumentation.ts", "prisma/models.prisma"]
    .filter(existsSync)
    .map((f) => statSync(f).mtimeMs);
  return Math.max(...sources, ...configs) > built;
}

let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`vigil: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const { applyMigrations } = await import("../lib/migrations/migrate");
const { db, tuneDatabase } = await import("../lib/db");
const { seedIfEmpty } = await import("../lib/seed/demo");
const { signingSecret } = await import("../lib/page/signing");

const applied = await applyMigrations(config.DATABASE_URL);
if (applied.length) console.log(`vigil: applied migrations ${applied.join(", ")}`);
await tuneDatabase(db(), config.DATABASE_URL);
// Before anything writes a secret: the key (created at first start) and secrets still in plain text.
const secrets = await (await import("../lib/secrets/start")).prepareSecretsAtStart(db(), config.DATABASE_URL);
if (!secrets.ok) {
  console.error(`vigil: ${secrets.message}`);
  process.exit(1);
}
for (const line of secrets.lines) console.log(`vigil: ${line}`);
const publicUrl = `http://localhost:${config.PORT}`;
if (await seedIfEmpty(db(), { demo: config.SEED_DEMO, url: publicUrl })) {
  console.log(config.SEED_DEMO ? "vigil: created the demo page" : "vigil: created an empty page");
}
// Created now, so no page view has to write it (the subscribe form renders while the database is away).
await signingSecret(db());
await db().$disconnect();

const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
if (process.argv.includes("--rebuild") || buildIsStale()) {
  console.log("vigil: building the app (first start or changed sources)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { startServer } = await import("../server/http-server");
await startServer();
