// Compiles Vigil's own processes to plain JavaScript in dist/, so production runs no
// TypeScript loader (tsx's compiler and the source maps it turns on cost some 60 MB): the
// server (scripts/start.ts, which loads server/ and lib/), its database step (scripts/db/
// prepare.ts) and the probe worker (scripts/worker.ts). Plain JS itself, as it runs before
// anything is compiled: used by scripts/launch.mjs when dist/ is missing or older than the
// sources, and by `npm run build`.
//
// npm packages stay external (node_modules is there at run time; Next, Prisma's runtime and
// better-sqlite3's native module must load from it); Vigil's code, including the generated
// Prisma clients in lib/generated (TypeScript), is bundled. The entries share chunks.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DIST = "dist";
/** Written last: its time is when dist/ was complete. */
const STAMP = path.join(DIST, ".built");
export const ENTRIES = { start: "scripts/start.ts", worker: "scripts/worker.ts", prepare: "scripts/db/prepare.ts" };
/** What the bundle is made of (lib/generated included: it changes with `npm run db:generate`). */
const SOURCES = ["lib", "server", ...Object.values(ENTRIES), "scripts/build-server.mjs", "package.json", "tsconfig.json"];

function newestMtime(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** True when dist/ is missing or a source is newer than it. */
export function serverBundleIsStale() {
  if (!existsSync(STAMP)) return true;
  return Math.max(...SOURCES.map(newestMtime)) > statSync(STAMP).mtimeMs;
}

export async function buildServer() {
  // esbuild is loaded only to build: it starts a helper process of its own.
  const { build, stop } = await import("esbuild");
  rmSync(DIST, { recursive: true, force: true });
  try {
    await build({
      entryPoints: ENTRIES,
      outdir: DIST,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      outExtension: { ".js": ".mjs" },
      chunkNames: "chunks/[name]-[hash]",
      // Linked maps for stack traces under --enable-source-maps; Node reads none without it.
      sourcemap: "linked",
      logLevel: "warning",
      // A bundled module that calls require() (rare in ESM-first code) still finds it.
      banner: { js: 'import { createRequire as __vigilCreateRequire } from "node:module"; const require = __vigilCreateRequire(import.meta.url);' },
    });
  } finally {
    // Else its helper process lives as long as this one (the server, when launch.mjs built).
    await stop();
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  await buildServer();
  console.log(`vigil: compiled the server to ${DIST}/ in ${Date.now() - started} ms`);
}
