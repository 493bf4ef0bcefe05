// `npm start` (compiled to dist/start.mjs and run by scripts/launch.mjs): checks the
// configuration, migrates and seeds an empty database (dist/prepare.mjs, in a child),
// builds the app when the build is missing or older than the sources, then serves it.
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

try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`vigil: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

// Migrations and the seed run in a child: the schema engine's memory leaves with it. Compiled
// (dist/start.mjs), the child is dist/prepare.mjs; run through tsx, the TypeScript itself,
// with tsx's loader flags.
const prepareArgs = import.meta.url.endsWith(".mjs") ? [path.join("dist", "prepare.mjs")] : [...process.execArgv, path.join("scripts", "db", "prepare.ts")];
const prepare = spawnSync(process.execPath, prepareArgs, { stdio: "inherit" });
if (prepare.status !== 0) process.exit(prepare.status ?? 1);

const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
if (process.argv.includes("--rebuild") || buildIsStale()) {
  console.log("vigil: building the app (first start or changed sources)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { startServer } = await import("../server/http-server");
await startServer();
