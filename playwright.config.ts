import { defineConfig } from "@playwright/test";

const PORT = 3100;
// Debian's Chromium: Playwright's own browser download does not work offline.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    timezoneId: "Europe/London",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    // Creates and enrols the first admin once, saving her signed-in state under data/e2e-auth/.
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    // The public page, embed and subscriber specs need no staff account: a failed setup does not skip them.
    { name: "public", testMatch: /\.spec\.ts$/, testIgnore: [/staff-.*\.spec\.ts$/, /public-page-live\.spec\.ts$/] },
    // The page refreshing itself during an incident: the admin makes an API key to open one.
    { name: "public-live", testMatch: /public-page-live\.spec\.ts$/, dependencies: ["setup"] },
    { name: "staff", testMatch: /staff-.*\.spec\.ts$/, dependencies: ["setup"] },
  ],
  webServer: {
    // The production build on a fresh demo database (scripts/test/e2e.ts removes it first).
    command: "node scripts/launch.mjs start",
    url: `http://localhost:${PORT}/api/public/snapshot`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      DATABASE_URL: "file:./data/e2e.db",
      SEED_DEMO: "true",
      // The SMTP server scripts/test/e2e.ts runs for the tests.
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: "2526",
      SMTP_FROM: "Vigil <vigil@e2e.test>",
      NEXT_TELEMETRY_DISABLED: "1",
      // The suite's output stays readable: no line per request.
      LOG_REQUESTS: "false",
    },
  },
});
