// Runs after staff-console.spec.ts (files run in name order). A customer subscribes by
// email on the public page, confirms through the emailed link, receives one alert for
// an incident on their component, and unsubscribes from the email's link.
import { expect, test } from "@playwright/test";
import { createDb, type Db } from "../lib/db";
import { addIncidentUpdate } from "../lib/incidents/add-incident-update";
import { createIncident } from "../lib/incidents/create-incident";
import { lastMailTo } from "./mail";

const E2E_DATABASE_URL = "file:./data/e2e.db"; // playwright.config.ts
const ADDRESS = "sam.subscriber@example.com";
let db: Db;

test.beforeAll(() => {
  db = createDb(E2E_DATABASE_URL);
});
test.afterAll(async () => db.$disconnect());

async function mailContaining(text: string): Promise<string> {
  let found = "";
  await expect(async () => {
    found = lastMailTo(ADDRESS) ?? "";
    expect(found).toContain(text);
  }).toPass({ timeout: 20_000 });
  return found;
}

const link = (mail: string, path: string) => new RegExp(`(http://localhost:3100${path.replace("?", "\\?")}[A-Za-z0-9_.=-]+)`).exec(mail)?.[1];

test("subscribe by email, confirm, get one alert for my component, unsubscribe", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/");
  await page.getByRole("link", { name: "Subscribe to updates" }).click();
  await expect(page.getByRole("heading", { name: "Subscribe to updates" })).toBeVisible();
  await page.getByLabel("Email address").fill(ADDRESS);
  await page.getByLabel("Only the components I choose").check();
  await page.getByRole("checkbox", { name: "Hubdoc" }).check();
  await page.waitForTimeout(1600); // the form refuses posts made faster than a person could
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("status")).toContainText(`we sent a confirmation link to ${ADDRESS}`);

  const confirmation = await mailContaining("Confirm your subscription");
  await page.goto(link(confirmation, "/subscribe/confirm?token=")!);
  // The page repeats what is being confirmed.
  await expect(page.getByTestId("confirm-address")).toHaveText(ADDRESS);
  await expect(page.getByTestId("confirm-components")).toContainText("Hubdoc");
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(page.getByRole("status")).toContainText("Your subscription is confirmed");

  const hubdoc = await db.component.findUniqueOrThrow({ where: { slug: "hubdoc" } });
  const central = await db.component.findUniqueOrThrow({ where: { slug: "central" } });
  const other = await createIncident(db, {
    name: "Central – Exports slow",
    status: "investigating",
    impact: "minor",
    body: "Looking into it.",
    components: [{ componentId: central.id, status: "degraded_performance" }],
  });
  const incident = await createIncident(db, {
    name: "Hubdoc – Fetching delayed",
    status: "investigating",
    impact: "minor",
    body: "Document fetching is delayed.",
    components: [{ componentId: hubdoc.id, status: "degraded_performance" }],
  });
  const alert = await mailContaining("Hubdoc – Fetching delayed");
  expect(alert).toContain("Document fetching is delayed.");
  expect(alert).not.toContain("Central – Exports slow");

  await page.goto(link(alert, "/api/subscriptions/unsubscribe?token=")!);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("status")).toContainText("You are unsubscribed");
  expect(await db.subscriber.count({ where: { target: ADDRESS } })).toBe(0);

  // Leave the page all operational, quietly.
  for (const id of [incident.id, other.id]) {
    await addIncidentUpdate(db, { incidentId: id, status: "resolved", body: "Resolved.", restoreComponents: true, notifySubscribers: false });
  }
});
