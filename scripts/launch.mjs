// What `npm start` and `npm run worker` run: plain JavaScript, so that production loads no
// TypeScript compiler. Compiles Vigil's processes to dist/ when dist/ is missing or older than
// the sources (scripts/build-server.mjs; a second or so), then runs the one asked for in this
// process: `start` (dist/start.mjs: check the environment, migrate, seed, build the app when
// stale, serve) or `worker` (dist/worker.mjs: the probe worker alone). `--rebuild` forces
// both builds.
import { pathToFileURL } from "node:url";
import { buildServer, DIST, serverBundleIsStale } from "./build-server.mjs";

const name = process.argv[2];
if (name !== "start" && name !== "worker") {
  console.error("usage: node scripts/launch.mjs start|worker [--rebuild]");
  process.exit(2);
}
if (process.argv.includes("--rebuild") || serverBundleIsStale()) {
  console.log("vigil: compiling the server (first start or changed sources)…");
  await buildServer();
}
await import(pathToFileURL(`${DIST}/${name}.mjs`).href);
