// `npm run test:e2e`: Playwright against the production build in Debian's Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  process.exit(1);
}
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`data/e2e.db${suffix}`, { force: true });
const result = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
