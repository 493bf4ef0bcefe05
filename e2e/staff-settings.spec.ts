// Settings as an admin makes the page hers: brand colour (with its contrast check), a
// footer link, a logo; each is on the public page at once. Runs as the signed-in admin.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, ADMIN_STATE, loadAdminAuthenticator, nextCode, saveAdminAuthenticator } from "./auth";

test.use({ storageState: ADMIN_STATE });

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** Settings asks for "Confirm it's you" once the sign-in is over 10 minutes old. */
async function openSettings(page: Page) {
  await page.goto("/console/settings");
  if (await page.getByRole("heading", { name: "Confirm it’s you" }).isVisible()) {
    const device = loadAdminAuthenticator();
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByLabel("Code from your authenticator app").fill(nextCode(device));
    saveAdminAuthenticator(device);
    await page.getByRole("button", { name: "Confirm" }).click();
  }
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
}

test("settings: brand colour, footer link and logo, on the public page at once", async ({ page }) => {
  await openSettings(page);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Save settings" }) });

  // A yellow fails AA on white: the form says so and which shade the page uses instead.
  await form.getByRole("textbox", { name: "Brand colour", exact: true }).fill("#ffd400");
  await expect(page.getByTestId("contrast")).toContainText("On white: 1.");
  await expect(page.getByTestId("contrast")).toContainText("below WCAG AA (4.5:1) for text; the page uses #");

  // A bad link gets a message by its field and nothing is saved; fixing it saves everything typed.
  await page.getByLabel("Footer link 1 label").fill("Privacy");
  await page.getByLabel("Footer link 1 URL").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("enter a full https:// address or a mailto: link")).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Brand colour", exact: true })).toHaveValue("#ffd400");
  await page.getByLabel("Footer link 1 URL").fill("https://example.com/privacy");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved. The public page shows the change now.")).toBeVisible();

  // A file that is not an image is refused; a PNG becomes the logo.
  await page.getByLabel("Logo file").setInputFiles({ name: "logo.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a") });
  await page.getByRole("button", { name: "Upload" }).first().click();
  await expect(page.getByText("this is not a PNG, SVG or WebP file")).toBeVisible();
  await page.getByLabel("Logo file").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Upload" }).first().click();
  await expect(page.getByText("Logo uploaded.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Current logo" })).toHaveAttribute("src", /^\/assets\/[0-9a-f]{32}\.png$/);

  // The public page: logo, brand colour along the top, the footer link.
  await expect(async () => {
    await page.goto("/");
    await expect(page.locator("header img")).toHaveAttribute("src", /^\/assets\/[0-9a-f]{32}\.png$/);
  }).toPass({ timeout: 10_000 });
  await expect(page.getByRole("navigation", { name: "About us" }).getByRole("link", { name: "Privacy" })).toHaveAttribute(
    "href",
    "https://example.com/privacy",
  );
  expect(await page.locator("header").evaluate((el) => getComputedStyle(el).borderTopColor)).toBe("rgb(255, 212, 0)");
  const logo = await page.request.get((await page.locator("header img").getAttribute("src"))!);
  expect(logo.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  // The social preview names the page and its status.
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /^Tallyworks Status: /);
});
