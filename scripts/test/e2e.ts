// `npm run test:e2e`: Playwright against the production build in Debian's Chromium,
// with a real SMTP server on loopback whose messages the tests read from data/e2e-mail/.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { startSmtpServer } from "../../tests/support/smtp";

const E2E_SMTP_PORT = 2526; // also in playwright.config.ts
const MAIL_DIR = "data/e2e-mail";
const AUTH_DIR = "data/e2e-auth"; // signed-in browser states e2e/auth.setup.ts saves (e2e/auth.ts)

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  process.exit(1);
}
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`data/e2e.db${suffix}`, { force: true });
rmSync(MAIL_DIR, { recursive: true, force: true });
rmSync(AUTH_DIR, { recursive: true, force: true }); // sessions of the database just removed
mkdirSync(MAIL_DIR, { recursive: true });

let count = 0;
const smtp = await startSmtpServer(E2E_SMTP_PORT, (mail) => {
  writeFileSync(`${MAIL_DIR}/${String(++count).padStart(4, "0")}-${mail.to.join(",")}.eml`, mail.raw);
});

// Async, so this process keeps answering SMTP while Playwright runs.
const child = spawn(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], { stdio: "inherit" });
const status = await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
await smtp.close();
process.exit(status);
