// Runs first (files run in name order), on the fresh demo page: every demo incident is
// resolved and the one maintenance is days away, so the embed shows nothing. This file
// opens an incident itself, straight through the domain verb on the e2e database (the
// server notices within SNAPSHOT_POLL_MS), and resolves it again before it ends, so
// public-page.spec.ts still sees "All Systems Operational".
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createDb, type Db } from "../lib/db";
import { addIncidentUpdate } from "../lib/incidents/add-incident-update";
import { createIncident } from "../lib/incidents/create-incident";

test.describe.configure({ mode: "serial" });

const STATUS_ORIGIN = "http://localhost:3100"; // playwright.config.ts
const E2E_DATABASE_URL = "file:./data/e2e.db"; // playwright.config.ts
const INCIDENT_NAME = "Embed check – Invoices sending slowly";

let server: Server;
let customerOrigin = "";
let db: Db;
let incidentId: string | null = null;

test.beforeAll(async () => {
  db = createDb(E2E_DATABASE_URL);
  // A customer's site on another origin (another host and port) that embeds the script.
  server = createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html lang="en"><head><title>Customer site</title></head>` +
        `<body><h1>Customer site</h1><script src="${STATUS_ORIGIN}/embed.js" async></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  customerOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  // Whatever happened above, leave the page all operational for the later specs.
  if (incidentId) await resolveIncident();
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
});

async function resolveIncident() {
  await addIncidentUpdate(db, { incidentId: incidentId!, status: "resolved", body: "This incident has been resolved.", restoreComponents: true });
  incidentId = null;
}

/** Waits until the running server's Statuspage summary reflects the database. */
async function waitForUnresolved(request: APIRequestContext, ids: string[]) {
  await expect
    .poll(async () => ((await (await request.get("/api/v2/summary.json")).json()) as { incidents: { id: string }[] }).incidents.map((i) => i.id), {
      timeout: 20_000,
      intervals: [500],
    })
    .toEqual(ids);
}

/** Opens the customer page and waits until the embed has read the status. */
async function openCustomerPage(page: Page) {
  const summary = page.waitForResponse(`${STATUS_ORIGIN}/api/v2/summary.json`);
  await page.goto(customerOrigin);
  await summary; // 200, or a revalidated copy from the browser's cache
  // Past the script's own render delay, so "nothing shown" means nothing will be.
  await page.waitForTimeout(500);
}

const notice = (page: Page) => page.locator("[data-vigil-embed]");

test("the script is served cross-origin and shows nothing while all is well", async ({ page, request }) => {
  const script = await request.get("/embed.js");
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toBe("text/javascript; charset=utf-8");
  expect(script.headers()["access-control-allow-origin"]).toBe("*");
  expect(script.headers().etag).toBeTruthy();

  await waitForUnresolved(request, []);
  await openCustomerPage(page);
  await expect(page.getByRole("heading", { name: "Customer site" })).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
});

test("an unresolved incident shows a dismissable notice linking to it", async ({ page, request }) => {
  test.setTimeout(60_000);
  incidentId = (
    await createIncident(db, {
      name: INCIDENT_NAME,
      status: "investigating",
      impact: "minor",
      body: "Some invoices take several minutes to send. We are investigating.",
    })
  ).id;
  await waitForUnresolved(request, [incidentId]);

  await openCustomerPage(page);

  const status = page.getByRole("status");
  await expect(status).toContainText("Ongoing incident");
  await expect(status).toContainText(INCIDENT_NAME);
  await expect(page.getByRole("link", { name: INCIDENT_NAME })).toHaveAttribute("href", `${STATUS_ORIGIN}/incidents/${incidentId}`);

  // Keyboard: the link, then the close button, are in the tab order.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: INCIDENT_NAME })).toBeFocused();
  await page.keyboard.press("Tab");
  const close = page.getByRole("button", { name: "Dismiss status notice" });
  await expect(close).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(notice(page)).toHaveCount(0);

  // Remembered for this incident on the customer's site.
  await openCustomerPage(page);
  await expect(notice(page)).toHaveCount(0);
  const stored = await page.evaluate(() => localStorage.getItem("vigil-embed-dismissed"));
  expect(JSON.parse(stored ?? "[]")).toContain(incidentId);

  // Another visitor (fresh storage) still sees it, and can dismiss it with the mouse.
  const other = await page.context().browser()!.newPage();
  try {
    const summary = other.waitForResponse(`${STATUS_ORIGIN}/api/v2/summary.json`);
    await other.goto(customerOrigin);
    await summary;
    await expect(other.getByRole("status")).toContainText(INCIDENT_NAME);
    await other.getByRole("button", { name: "Dismiss status notice" }).click();
    await expect(notice(other)).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test("once the incident is resolved the notice is gone for everyone", async ({ page, request }) => {
  test.setTimeout(60_000);
  test.skip(!incidentId, "the previous test did not open its incident");
  await resolveIncident();
  await waitForUnresolved(request, []);
  await openCustomerPage(page);
  await expect(notice(page)).toHaveCount(0);
  const banner = await (await request.get("/api/v2/status.json")).json();
  expect(banner.status.indicator).toBe("none");
});
