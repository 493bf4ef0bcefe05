// Issue 14's story, as a support engineer on a 390 px phone during an outage: sign in from a
// deep link, open an incident from a template on two components, post Monitoring with one
// of them Degraded, resolve with the defaults; schedule, edit and cancel a maintenance; the
// subscriber gets one email thread, the delivery log survives their unsubscribing, and axe
// finds nothing serious on the pages used. Runs after staff-console.spec.ts (name order).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createDb, type Db } from "../lib/db";
import { toZonedLocal } from "../lib/time/zoned";
import { ADMIN, loadAdminAuthenticator, nextCode, saveAdminAuthenticator } from "./auth";

const E2E_DATABASE_URL = "file:./data/e2e.db"; // playwright.config.ts
const SUBSCRIBER = "pat.phone@example.com";
const TZ = "Pacific/Auckland"; // the demo page's zone
let db: Db;

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  db = createDb(E2E_DATABASE_URL);
  // A confirmed whole-page subscriber (the public sign-up is subscriber.spec.ts's story).
  await db.subscriber.create({ data: { channel: "email", target: SUBSCRIBER, confirmedAt: new Date() } });
});
test.afterAll(async () => db.$disconnect());

/** Every mail the e2e SMTP server received for the subscriber, oldest first, raw. */
async function mailsTo(address: string): Promise<string[]> {
  const { readdirSync, readFileSync } = await import("node:fs");
  return readdirSync("data/e2e-mail")
    .filter((f) => f.endsWith(`-${address}.eml`))
    .sort()
    .map((f) => readFileSync(`data/e2e-mail/${f}`, "utf8"));
}

const header = (mail: string, name: string) => new RegExp(`^${name}: ?(.*)$`, "im").exec(mail.split(/\r?\n\r?\n/)[0]!)?.[1]?.trim();

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect
    .soft(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      page.url(),
    )
    .toEqual([]);
}

async function onPublicPage(publicPage: Page, path: string, check: () => Promise<void>) {
  await expect(async () => {
    await publicPage.goto(path);
    await check();
  }).toPass({ timeout: 15_000 });
}

test("a support engineer on a phone: deep link, incident from a template, Monitoring, Resolved; maintenance; one email thread", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/console/incidents/new");
  await expect(page).toHaveURL(/\/login\?next=%2Fconsole%2Fincidents%2Fnew$/);
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const device = loadAdminAuthenticator();
  await page.getByLabel("Code from your authenticator app").fill(nextCode(device));
  saveAdminAuthenticator(device);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/console\/incidents\/new$/);
  await noHorizontalScroll(page);

  // The navigation folds into a menu on a phone.
  await expect(page.getByRole("link", { name: "Subscribers" })).toBeHidden();

  // From the starter template, on two components.
  await page.getByRole("button", { name: "Investigating", exact: true }).tap();
  await expect(page.getByLabel("Name")).toHaveValue("Service disruption");
  await page.getByLabel("Name").fill("Verify and Hubdoc – Sign-in errors");
  await page.getByLabel("Impact").selectOption("major");
  await page.getByLabel("Status for Verify").selectOption("partial_outage");
  await page.getByLabel("Status for Hubdoc").selectOption("major_outage");
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "Open incident" }).tap();
  await expect(page.getByRole("heading", { name: "Post an update" })).toBeVisible();
  await noHorizontalScroll(page);
  const incidentUrl = page.url();

  // Monitoring, with Hubdoc eased to Degraded: the affected components come first, as they are now.
  await page.getByLabel("New status").selectOption("monitoring");
  await expect(page.getByLabel("Status for Verify")).toHaveValue("partial_outage");
  await page.getByLabel("Status for Hubdoc").selectOption("degraded_performance");
  await page.locator("textarea#body").fill("A fix is rolling out. We are monitoring.");
  await page.getByRole("button", { name: "Post update" }).tap();
  await expect(page.getByRole("status").filter({ hasText: "Update posted" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // Resolved with the defaults: both back to Operational, and the probes own them again.
  await page.getByLabel("New status").selectOption("resolved");
  await expect(page.getByLabel("Status for Verify")).toHaveValue("operational");
  await expect(page.getByLabel("Status for Hubdoc")).toHaveValue("operational");
  await page.locator("textarea#body").fill("Sign-in works again for everyone.");
  await page.getByRole("button", { name: "Post update" }).tap();
  await expect(page.getByRole("region", { name: "Timeline" }).locator("li")).toHaveCount(3);

  const publicPage = await page.context().newPage();
  await onPublicPage(publicPage, "/", async () => {
    await expect(publicPage.locator("[data-component='verify']")).toContainText("Operational", { timeout: 1000 });
    await expect(publicPage.locator("[data-component='hubdoc']")).toContainText("Operational", { timeout: 1000 });
    const current = publicPage.getByRole("region", { name: "Current incidents" });
    await expect(current.getByRole("heading", { name: "Verify and Hubdoc – Sign-in errors" })).toHaveCount(0, { timeout: 1000 });
  });
  await page.goto("/console/components");
  await expect(page.locator("li[data-component='verify']")).not.toContainText("set by hand");
  await expect(page.locator("li[data-component='hubdoc']")).not.toContainText("set by hand");
  await noHorizontalScroll(page);

  // One thread: a stable subject, every later alert replying to the first.
  let mails: string[] = [];
  await expect(async () => {
    mails = (await mailsTo(SUBSCRIBER)).filter((m) => m.includes("Sign-in errors"));
    expect(mails).toHaveLength(3);
  }).toPass({ timeout: 30_000 });
  const root = mails.find((m) => header(m, "In-Reply-To") === undefined)!;
  expect(root).toBeDefined();
  // (The saved messages are quoted-printable decoded, which joins a folded Subject to the next
  // header: the subject's sameness is alert-threads.test.ts's to check.)
  for (const mail of mails) {
    if (mail === root) continue;
    expect(header(mail, "In-Reply-To")).toBe(header(root, "Message-ID"));
    expect(header(mail, "References")).toBe(header(root, "Message-ID"));
  }

  // The subscriber leaves; the incident's delivery log still says they were told.
  const unsubscribe = /(http:\/\/localhost:3100\/api\/subscriptions\/unsubscribe\?token=[A-Za-z0-9_.=-]+)/.exec(root)?.[1];
  expect(unsubscribe).toBeDefined();
  await publicPage.goto(unsubscribe!);
  await publicPage.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(publicPage.getByRole("status")).toContainText("You are unsubscribed");
  await page.goto(`${incidentUrl}?recipient=${encodeURIComponent(SUBSCRIBER)}`);
  const told = page.getByTestId("delivery-recipients").locator("tr");
  await expect(told).toHaveCount(3);
  for (const row of await told.all()) {
    await expect(row).toContainText(SUBSCRIBER);
    await expect(row).toContainText("left");
    await expect(row).toHaveAttribute("data-state", "sent");
  }

  // Maintenance: schedule (the form keeps every value after an error), edit, cancel.
  await page.goto("/console/maintenance/new");
  await page.getByLabel("Name").fill("Central – Database upgrade");
  await page.getByLabel(/^Starts/).fill(toZonedLocal(new Date(Date.now() + 26 * 3600_000), TZ));
  await page.getByLabel(/^Ends/).fill(toZonedLocal(new Date(Date.now() + 25 * 3600_000), TZ));
  await page.getByLabel("Central", { exact: true }).check();
  await page.locator("textarea#body").fill("We are upgrading the database.");
  await page.getByRole("button", { name: "Schedule maintenance" }).tap();
  await expect(page.getByText("the window must end after it starts")).toBeVisible();
  await expect(page.getByLabel("Central", { exact: true })).toBeChecked();
  await page.getByLabel(/^Ends/).fill(toZonedLocal(new Date(Date.now() + 28 * 3600_000), TZ));
  await page.getByLabel("Remind subscribers").selectOption("1440");
  await page.getByRole("button", { name: "Schedule maintenance" }).tap();
  await expect(page.getByRole("heading", { name: "Central – Database upgrade" })).toBeVisible();
  await expect(page.getByText(/· reminder \w/)).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByText("Edit or reschedule").tap();
  await page.getByLabel(/^Starts/).fill(toZonedLocal(new Date(Date.now() + 50 * 3600_000), TZ));
  await page.getByLabel(/^Ends/).fill(toZonedLocal(new Date(Date.now() + 52 * 3600_000), TZ));
  await page.getByRole("button", { name: "Save changes" }).tap();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  await page.getByText("Cancel", { exact: true }).tap();
  await page.getByLabel("Message to subscribers").fill("Postponed: the vendor moved the upgrade.");
  await page.getByRole("button", { name: "Cancel this maintenance" }).tap();
  await expect(page.getByRole("heading", { name: "Central – Database upgrade" }).locator("xpath=..")).toContainText("Canceled");
  await expect(page.getByLabel("New status")).toHaveValue("completed");
  const maintenanceId = new URL(page.url()).pathname.split("/").at(-1)!;
  await onPublicPage(publicPage, `/incidents/${maintenanceId}`, () => expect(publicPage.getByText("Canceled").first()).toBeVisible({ timeout: 1000 }));
  await onPublicPage(publicPage, "/", () => expect(publicPage.getByText("Central – Database upgrade")).toHaveCount(0, { timeout: 1000 }));
});
