// The "setup" project (playwright.config.ts), run once before every spec: the e2e database
// starts with the demo page and no accounts, so this is where the first admin is created,
// through the real setup page and MFA enrolment. It saves her signed-in browser state for
// the specs that only need a signed-in admin (`test.use({ storageState: ADMIN_STATE })`),
// and her authenticator's secret for the tests that sign her in again.
import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STATE, type Authenticator, nextCode, saveAdminAuthenticator } from "./auth";

setup("first admin: setup page, validation, MFA enrolment with the setup key, first-run page setup", async ({ page }) => {
  await page.goto("/login");
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("too short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("use at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email); // nothing typed is lost
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();

  await expect(page.getByRole("heading", { name: "Set up two-step sign-in" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  // Nothing else is reachable before enrolment.
  await page.goto("/console");
  await expect(page).toHaveURL(/\/mfa\/setup$/);

  await page.getByText("Can’t scan the QR code? Enter a setup key instead").click();
  const device: Authenticator = { secret: (await page.getByTestId("setup-key").innerText()).replace(/\s/g, ""), lastStep: null };
  expect(device.secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("6-digit code").fill("000000");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.locator("p[role=alert]")).toContainText("clock on your authenticator device");
  await page.getByLabel("6-digit code").fill(nextCode(device));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).locator("li")).toHaveCount(10);
  await page.getByRole("link", { name: "I saved them — continue" }).click();

  // First run: "Set up your page", pre-filled from the browser (its address, its zone).
  await expect(page.getByRole("heading", { name: "Set up your page" })).toBeVisible();
  await expect(page.getByLabel("Public URL")).toHaveValue("http://localhost:3100");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/London"); // playwright.config.ts
  // The demo's zone and name stay (the public specs expect them); deleting needs a confirmation.
  await page.getByLabel("Time zone").fill("Pacific/Auckland");
  await page.getByLabel("Start empty: delete it all").check();
  await page.getByRole("button", { name: "Save and open the console" }).click();
  await expect(page.getByText("confirm to delete the demo content")).toBeVisible();
  await expect(page.getByLabel("Time zone")).toHaveValue("Pacific/Auckland"); // nothing typed is lost
  await page.getByLabel("Keep it for now (delete pieces later)").check();
  await page.getByRole("button", { name: "Save and open the console" }).click();
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  // Done once: the console no longer sends her there.
  await page.goto("/console");
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();

  saveAdminAuthenticator(device);
  await page.context().storageState({ path: ADMIN_STATE });
});
