// Runs after public-page.spec.ts (files run in name order): it changes the demo data. The
// first admin, Ana, was created and enrolled by e2e/auth.setup.ts (the "setup" project).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { toZonedLocal } from "../lib/time/zoned";
import { ADMIN, ADMIN_STATE, loadAdminAuthenticator, nextCode, saveAdminAuthenticator, signedOutPage } from "./auth";
import { lastMailTo } from "./mail";

// One story, in order.
test.describe.configure({ mode: "serial" });

test("sign in again with password and a code, then open, update and resolve an incident", async ({ page }) => {
  test.setTimeout(60_000);
  // A deep link (from a chat, during an outage) survives signing in and the second factor.
  await page.goto("/console/templates");
  await expect(page).toHaveURL(/\/login\?next=%2Fconsole%2Ftemplates$/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("wrong password here");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("p[role=alert]")).toHaveText("Email or password is incorrect.");
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
  // If the enrolment code's step is still current, the next step's code (no waiting).
  const device = loadAdminAuthenticator();
  await page.getByLabel("Code from your authenticator app").fill(nextCode(device));
  saveAdminAuthenticator(device);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/console\/templates$/);

  // A template fills the form in one click.
  await page.getByLabel("Template name").fill("Uploads failing");
  await page.getByLabel("Incident name").fill("Uploads failing");
  await page.getByLabel("Message (Markdown)").fill("We are **investigating** failed uploads.");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status")).toContainText("saved");

  // Open an incident affecting two components.
  await page.getByRole("link", { name: "Incidents", exact: true }).click();
  await page.getByRole("link", { name: "New incident" }).click();
  await page.getByRole("button", { name: "Uploads failing" }).click();
  await expect(page.getByLabel("Name")).toHaveValue("Uploads failing");
  await expect(page.locator("textarea#body")).toHaveValue("We are **investigating** failed uploads.");
  await page.getByLabel("Name").fill("Hubdoc and Central – Uploads failing");
  await page.getByLabel("Impact").selectOption("major");
  await page.getByLabel("Status for Hubdoc").selectOption("major_outage");
  await page.getByLabel("Status for Central").selectOption("partial_outage");
  await expect(page.getByLabel("Preview").locator("strong")).toHaveText("investigating");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { name: "Post an update" })).toBeVisible();

  // The public page shows it at once, with the right banner.
  const publicPage = await page.context().newPage();
  await expectBanner(publicPage, "Major System Outage");
  await expect(
    publicPage.getByRole("region", { name: "Current incidents" }).getByRole("heading", { name: "Hubdoc and Central – Uploads failing" }),
  ).toBeVisible();
  await expect(publicPage.locator("[data-component='hubdoc']")).toContainText("Major Outage");
  await expect(publicPage.locator("[data-component='central']")).toContainText("Partial Outage");

  // Monitoring with Central eased to Degraded (the affected components come first, as they are
  // now), then Resolved with the defaults: every affected component back to Operational.
  await page.getByLabel("New status").selectOption("monitoring");
  await expect(page.getByLabel("Status for Hubdoc")).toHaveValue("major_outage");
  await expect(page.getByLabel("Status for Verify")).toBeHidden(); // behind "Add another component"
  await page.getByLabel("Status for Central").selectOption("degraded_performance");
  await page.locator("textarea#body").fill("A fix is out. We are monitoring.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("status")).toContainText("Update posted");
  await expect(page.getByRole("region", { name: "Timeline" }).locator("li")).toHaveCount(2);
  await onPublicPage(publicPage, () => expect(publicPage.locator("[data-component='central']")).toContainText("Degraded Performance"));
  await page.getByLabel("New status").selectOption("resolved");
  await expect(page.getByLabel("Status for Hubdoc")).toHaveValue("operational");
  await expect(page.getByLabel("Status for Central")).toHaveValue("operational");
  await page.locator("textarea#body").fill("This incident has been resolved.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("region", { name: "Timeline" }).locator("li")).toHaveCount(3);

  await expectBanner(publicPage, "All Systems Operational");
  await publicPage.getByRole("link", { name: "Hubdoc and Central – Uploads failing" }).first().click();
  const updates = publicPage.locator("[aria-labelledby='timeline'] li");
  await expect(updates).toHaveCount(3);
  await expect(updates.nth(0)).toContainText("Resolved");
  await expect(updates.nth(1)).toContainText("Monitoring");
  await expect(updates.nth(2)).toContainText("Investigating");

  // "Confirm it's you" (asked before sensitive changes once 10 minutes have passed): a wrong
  // password is refused, password and a code lead back where the change was asked for.
  await page.goto("/console/confirm?next=/console/api-keys");
  await expect(page.getByRole("heading", { name: "Confirm it’s you" })).toBeVisible();
  await page.getByLabel("Password").fill("not my password at all");
  await page.getByLabel("Code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.locator("p[role=alert]")).toHaveText("That password is not right.");
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByLabel("Code from your authenticator app").fill(nextCode(device));
  saveAdminAuthenticator(device);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
});

/**
 * The public page's banner after a write. A view waits at most 750 ms for the page to be
 * rebuilt, then gets the older copy while the rebuild finishes (lib/public/revision-cache.ts):
 * on a busy test machine the first view after a write may be that copy, the next one is not.
 */
async function onPublicPage(publicPage: Page, check: () => Promise<void>) {
  await expect(async () => {
    await publicPage.goto("/");
    await check();
  }).toPass({ timeout: 15_000 });
}

const expectBanner = (publicPage: Page, text: string) =>
  onPublicPage(publicPage, () => expect(publicPage.getByRole("status")).toHaveText(text, { timeout: 1000 }));

/** The password Ed chooses from his invitation (the roles test), used again when he loses his device. */
const ED_PASSWORD = "ed's own long passphrase";

/** The console, as the admin of the saved session (no sign-in: no waiting for a fresh TOTP step). */
async function openConsole(page: Page) {
  await page.goto("/console");
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  // Every link on one line at 1280 px (Playwright's default width), nothing sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
}

/** A new member opens their invitation link, chooses a password and enrols their authenticator from the setup key. */
async function acceptInvitation(browser: Browser, link: string, password: string): Promise<Page> {
  const page = await signedOutPage(browser);
  await page.goto(link);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByLabel("The same password again").fill(password);
  await page.getByRole("button", { name: "Set password and continue" }).click();
  await page.getByText("Can’t scan the QR code? Enter a setup key instead").click();
  const key = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  await page.getByLabel("6-digit code").fill(nextCode({ secret: key, lastStep: null }));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await page.getByRole("link", { name: "I saved them — continue" }).click();
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  return page;
}

// These tests only need a signed-in admin: they reuse the session e2e/auth.setup.ts saved.
test.describe("as the signed-in admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("roles: an editor cannot open team settings, a viewer cannot post", async ({ page, browser }) => {
    test.setTimeout(60_000);
    await openConsole(page);
    await page.getByRole("link", { name: "Team" }).click();
    const links: Record<string, string> = {};
    for (const [name, email, role] of [
      ["Ed Editor", "ed@example.com", "editor"],
      ["Vi Viewer", "vi@example.com", "viewer"],
    ] as const) {
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Role").last().selectOption(role);
      await page.getByRole("button", { name: "Invite member" }).click();
      await expect(page.locator(`tr[data-user='${email}']`)).toContainText("Invited");
      links[email] = await page.getByLabel("Invitation link").inputValue();
    }

    const editor = await acceptInvitation(browser, links["ed@example.com"]!, ED_PASSWORD);
    await expect(editor.getByRole("link", { name: "Team" })).toHaveCount(0);
    const response = await editor.goto("/console/team");
    expect(response?.status()).toBe(403);
    await expect(editor.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expect((await editor.goto("/console/audit"))?.status()).toBe(403);

    const viewer = await acceptInvitation(browser, links["vi@example.com"]!, "vi's own long passphrase");
    await expect(viewer.getByRole("link", { name: "New incident" })).toHaveCount(0);
    expect((await viewer.goto("/console/incidents/new"))?.status()).toBe(403);
    await viewer.goto("/console");
    await viewer.getByRole("link", { name: "Hubdoc and Central – Uploads failing" }).click();
    await expect(viewer.getByText("Your role can read incidents but not post updates.")).toBeVisible();
    await expect(viewer.getByRole("heading", { name: "Post an update" })).toHaveCount(0);

    // The audit log shows who did what.
    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page.locator("tr[data-action='user.invite']")).toHaveCount(2);
    await expect(page.locator("tr[data-action='user.invite_accepted']")).toHaveCount(2);
    await expect(page.locator("tr[data-action='mfa.enrolled']")).toHaveCount(3);
  });

  test("scheduled maintenance starts on its own and shows on the public page", async ({ page }) => {
    test.setTimeout(120_000); // includes waiting up to 40 s for the maintenance job
    await openConsole(page);
    await page.getByRole("link", { name: "Schedule maintenance" }).click();

    const tz = "Pacific/Auckland"; // the demo page's zone
    await page.getByLabel("Name").fill("Workpapers – Storage upgrade");
    await page.getByLabel(/^Starts/).fill(toZonedLocal(new Date(Date.now() + 3600_000), tz));
    await page.getByLabel(/^Ends/).fill(toZonedLocal(new Date(Date.now() - 60_000), tz));
    await page.locator("textarea#body").fill("We are upgrading storage.");
    await page.getByRole("button", { name: "Schedule maintenance" }).click();
    await expect(page.getByText("the window must end after it starts")).toBeVisible();

    await page.getByLabel(/^Starts/).fill(toZonedLocal(new Date(Date.now() - 60_000), tz));
    await page.getByLabel(/^Ends/).fill(toZonedLocal(new Date(Date.now() + 3600_000), tz));
    await page.getByLabel("Workpapers").check();
    await page.getByRole("button", { name: "Schedule maintenance" }).click();
    await expect(page.getByRole("heading", { name: "Workpapers – Storage upgrade" })).toBeVisible();

    // The job runs every 15 s: the window has opened, so it moves to In progress by itself.
    const publicPage = await page.context().newPage();
    await expect(async () => {
      await publicPage.goto("/");
      await expect(publicPage.locator("[data-component='workpapers']")).toContainText("Under Maintenance", { timeout: 1000 });
    }).toPass({ timeout: 40_000 });
    await expect(publicPage.getByRole("status")).toHaveText("Service Under Maintenance");

    // A manual status from the components page shows at once too.
    await page.getByRole("link", { name: "Components" }).click();
    await page.getByLabel("Status of Hubdoc").selectOption("degraded_performance");
    await page.locator("li[data-component='hubdoc']").getByRole("button", { name: "Set" }).click();
    await expect(page.locator("li[data-component='hubdoc']").getByRole("status")).toHaveText("Saved.");
    await onPublicPage(publicPage, () => expect(publicPage.locator("[data-component='hubdoc']")).toContainText("Degraded Performance", { timeout: 1000 }));
    await expect(publicPage.getByRole("status")).toHaveText("Degraded Performance");

    // The override stays until cleared.
    await page.getByRole("button", { name: "Clear override of Hubdoc" }).click();
    await expect(page.locator("li[data-component='hubdoc']")).not.toContainText("set by hand");
    await onPublicPage(publicPage, () => expect(publicPage.locator("[data-component='hubdoc']")).toContainText("Operational", { timeout: 1000 }));

    // Groups: create one, move a component into it and hide its uptime bar.
    await page.getByLabel("Group name").fill("Tax");
    await page.getByRole("button", { name: "Add group" }).click();
    await expect(page.locator("li[data-group='Tax']")).toBeVisible();
    await page.getByRole("link", { name: "Edit Tax AU" }).click();
    await expect(page.getByRole("heading", { name: "Tax AU" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save component" }).click();
    await expect(page.getByText("enter a name")).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("Tax Australia");
    await page.getByLabel("Group", { exact: true }).selectOption({ label: "Tax" });
    await page.getByLabel("Show the 90-day uptime bar").uncheck();
    await page.getByRole("button", { name: "Save component" }).click();
    await expect(page.getByText("Saved.", { exact: true })).toBeVisible();

    // A probe on the same page: the demo's own (of Vigil's demo target) is listed; add
    // another, trying the check before saving it.
    const probes = page.getByRole("region", { name: "Probes" });
    await expect(probes.getByRole("listitem").filter({ hasText: "Health check (demo)" })).toContainText("localhost:3100/demo-target/tax-au");
    await probes.getByText("Add a probe", { exact: true }).click();
    const newProbe = probes.locator("details").filter({ has: page.locator("summary", { hasText: "Add a probe" }) });
    await newProbe.getByLabel("URL").fill("http://127.0.0.1:9/health");
    await newProbe.getByRole("button", { name: "Test now" }).click();
    await expect(newProbe.getByText(/Test result: Failed \(connection refused\)/)).toBeVisible();
    await newProbe.getByLabel("URL").fill("http://localhost:3100/api/public/snapshot");
    await newProbe.getByRole("button", { name: "Test now" }).click();
    await expect(newProbe.getByText(/Test result: OK in \d+ ms/)).toBeVisible();
    await newProbe.getByRole("button", { name: "Add probe" }).click();
    await expect(probes.getByRole("listitem").filter({ hasText: "localhost:3100/api/public/snapshot" })).toBeVisible();
    const taxGroup = publicPage.locator("li[data-group='Tax']");
    await onPublicPage(publicPage, () => expect(taxGroup.locator("[data-component='tax-au']")).toContainText("Tax Australia", { timeout: 1000 }));
    await expect(taxGroup.locator("[data-component='tax-au'] .uptime-bars")).toHaveCount(0);

    // An API key, shown once, opens and resolves an incident without a browser session.
    await page.getByRole("link", { name: "API keys" }).click();
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("deploy pipeline");
    await page.getByRole("checkbox", { name: /incidents:write/ }).check();
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    expect(key).toMatch(/^vgl_/);
    const api = page.context().request;
    const auth = { Authorization: `Bearer ${key}` };
    const opened = await api.post("/api/manage/v1/incidents", {
      headers: auth,
      data: { name: "Central – Reports slow", impact: "minor", body: "Reports take minutes to load." },
    });
    expect(opened.status()).toBe(201);
    const { incident } = await opened.json();
    await onPublicPage(publicPage, () =>
      expect(publicPage.getByRole("region", { name: "Current incidents" }).getByRole("heading", { name: "Central – Reports slow" })).toBeVisible({
        timeout: 1000,
      }),
    );
    const resolved = await api.post(`/api/manage/v1/incidents/${incident.id}/updates`, {
      headers: auth,
      data: { status: "resolved", body: "Back to normal." },
    });
    expect(resolved.status()).toBe(201);
    await onPublicPage(publicPage, () => expect(publicPage.getByRole("region", { name: "Current incidents" })).toHaveCount(0, { timeout: 1000 }));
    const denied = await api.put(`/api/manage/v1/components/whatever/status`, { headers: auth, data: { status: "major_outage" } });
    expect(denied.status()).toBe(403);
    await page.reload();
    await expect(page.locator("tr[data-api-key='deploy pipeline']")).not.toContainText("never");
  });

  test("lost device: a confirmed backup email receives a one-time sign-in code", async ({ page, browser }) => {
    test.setTimeout(60_000);
    const editor = await signedOutPage(browser);
    await editor.goto("/login");
    await editor.getByLabel("Email").fill("ed@example.com");
    await editor.getByLabel("Password").fill(ED_PASSWORD);
    await editor.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(editor.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
    // Ed has no backup email yet, so only recovery codes are offered.
    await editor.getByText("Lost your device?").click();
    await expect(editor.getByRole("button", { name: "Email me a sign-in code" })).toHaveCount(0);

    // Ana (signed in) adds and confirms her backup address, then loses her phone.
    await openConsole(page);
    await page.getByRole("link", { name: ADMIN.name }).click(); // her account, under her name
    await page.getByLabel("Backup email address").fill("ana.backup@example.org");
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    await expect(page.getByText("We sent a confirmation link to ana.backup@example.org")).toBeVisible();
    const link = /http:\/\/localhost:\d+\/mfa\/backup-email\?token=[\w-]+/.exec(lastMailTo("ana.backup@example.org") ?? "")![0];
    await page.goto(new URL(link).pathname + new URL(link).search);
    await expect(page.getByText("ana.backup@example.org is confirmed as your backup email.")).toBeVisible();

    const lost = await signedOutPage(browser);
    await lost.goto("/login");
    await lost.getByLabel("Email").fill(ADMIN.email);
    await lost.getByLabel("Password").fill(ADMIN.password);
    await lost.getByRole("button", { name: "Sign in", exact: true }).click();
    await lost.getByText("Lost your device?").click();
    await lost.getByRole("button", { name: "Email me a sign-in code" }).click();
    await expect(lost.getByText("We sent an 8-digit code to a…@example.org")).toBeVisible();
    const code = /code is (\d{4} \d{4})/.exec(lastMailTo("ana.backup@example.org") ?? "")![1]!;
    await lost.getByLabel("Code from your authenticator app").fill(code);
    await lost.getByRole("button", { name: "Verify" }).click();
    await expect(lost.getByRole("heading", { name: "Incidents" })).toBeVisible();
  });
});
