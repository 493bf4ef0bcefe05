// Passkeys end to end, with Chromium's virtual authenticator (the CDP WebAuthn domain): a
// platform authenticator that holds discoverable credentials and verifies its user, as a
// laptop's fingerprint reader would. Ana (e2e/auth.setup.ts) adds a passkey from her
// account, signs in with it alone, uses it as the second factor after her password, and
// removes it again. Her saved session, which the other staff specs share, is never signed
// out, and she ends with no passkey, as she started.
import { expect, type Page, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE, type Authenticator, loadAdminAuthenticator, nextCode, saveAdminAuthenticator } from "./auth";
import { lastMailTo } from "./mail";

test.use({ storageState: ADMIN_STATE });

async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
}

/**
 * A TOTP code the server takes now. The suite's earlier sign-ins may already have used the
 * next step's code (nextCode accepts one step ahead); then this waits for the clock to reach
 * that step: codes are single use per step, and no amount of retrying makes one sooner.
 */
async function codeNow(page: Page, device: Authenticator): Promise<string> {
  const stepStart = (device.lastStep ?? 0) * 30_000;
  if (stepStart > Date.now()) await page.waitForTimeout(stepStart - Date.now() + 200);
  return nextCode(device);
}

const passkeyRows = (page: Page) => page.getByRole("list", { name: "Your passkeys" }).locator("li");
async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

test("a passkey: added after “Confirm it’s you”, signs in alone, is a second factor, and is removed", async ({ page }) => {
  test.setTimeout(90_000);
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.on("dialog", (dialog) => dialog.accept()); // "Remove the passkey …?"
  const credentials = await addVirtualAuthenticator(page);

  // Adding a passkey is a sensitive change: password and code first.
  await page.goto("/console/confirm?next=/console/account");
  await page.getByLabel("Password").fill(ADMIN.password);
  const device = loadAdminAuthenticator();
  await page.getByLabel("Code from your authenticator app").fill(await codeNow(page, device));
  saveAdminAuthenticator(device);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  await page.getByLabel("Passkey name").fill("E2E laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey “E2E laptop” added")).toBeVisible();
  await expect(passkeyRows(page)).toHaveCount(1);
  await expect(passkeyRows(page)).toContainText("last used never");
  expect(await credentials()).toEqual([expect.objectContaining({ isResidentCredential: true, rpId: "localhost" })]);
  await expect.poll(() => lastMailTo(ADMIN.email) ?? "").toContain("A passkey was added to your account");

  await page.getByLabel("New name for E2E laptop").fill("Ana’s laptop");
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(passkeyRows(page)).toContainText("Ana’s laptop");

  // Leave the shared session alone (the other staff specs use it): this browser forgets it.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await signOut(page);

  // Signed out, the passkey alone signs her in again: no email, no password, no code.
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await page.goto("/console/account");
  await expect(passkeyRows(page)).not.toContainText("last used never");
  await signOut(page);

  // After a password, the passkey can stand in for the code.
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey instead" }).click();
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();

  // Removing it needs "Confirm it's you" too; a sign-in a moment ago counts.
  await page.goto("/console/account");
  await passkeyRows(page).getByRole("button", { name: "Remove" }).click();
  await expect(passkeyRows(page)).toHaveCount(0); // its row goes, with the button's message
  await expect.poll(() => lastMailTo(ADMIN.email) ?? "").toContain("A passkey was removed from your account");
  await signOut(page);

  // The authenticator still holds the credential, but Vigil no longer knows it.
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.locator("p[role=alert]")).toContainText("not registered here");
  expect(cspViolations).toEqual([]);
});
