import { expect, test } from "@playwright/test";

const DEMO_COMPONENTS = ["Verify", "Workpapers", "HQ", "Tax AU", "Tax NZ", "Tax UK", "Go", "Central", "Hubdoc", "WorkflowMax"];
const MOBILE_APPS = ["Accounting Mobile App", "Expenses App", "Projects App", "Me"];

test("home page shows the banner and every demo component", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Tallyworks Status");
  await expect(page.getByRole("status")).toHaveText("All Systems Operational");
  const components = page.getByRole("region", { name: "Components" });
  for (const name of DEMO_COMPONENTS) {
    await expect(components.getByRole("heading", { name, exact: true })).toBeVisible();
  }
  // The group is collapsed while all is well; opening it shows its four apps.
  const group = page.locator("[data-group='Mobile Apps']");
  await expect(group.getByRole("heading", { name: "Expenses App" })).toBeHidden();
  await group.locator(":scope > details > summary").click();
  for (const name of MOBILE_APPS) await expect(group.getByRole("heading", { name, exact: true })).toBeVisible();
  // 90 uptime bars per component, some of them not green.
  await expect(page.locator("[data-component='hubdoc'] .uptime-bars > button")).toHaveCount(90);
  await expect(page.locator("[data-component='hubdoc'] [data-status='major_outage']")).not.toHaveCount(0);
  // Upcoming maintenance and 15 days of past incidents, quiet days included.
  await expect(page.getByRole("heading", { name: "Tax NZ – Scheduled database maintenance" })).toBeVisible();
  await expect(page.locator("[aria-labelledby='past-incidents'] section[data-day]")).toHaveCount(15);
  await expect(page.getByText("No incidents reported.").first()).toBeVisible();
});

test("the page reads completely with JavaScript off, and carries no framework", async ({ browser, request }) => {
  const html = await (await request.get("/")).text();
  // No React Server Components payload, no Next runtime: the page script is the one script.
  expect(html).not.toContain("self.__next_f");
  expect(html).not.toMatch(/\/_next\/static\/[^"]*\.js/);
  expect(html.match(/<script\b[^>]*>/g)).toEqual([expect.stringMatching(/^<script src="\/_vigil\/page-[\w-]+\.js" defer>$/)]);
  const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: "Europe/London" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("status")).toHaveText("All Systems Operational");
  const components = page.getByRole("region", { name: "Components" });
  for (const name of DEMO_COMPONENTS) await expect(components.getByRole("heading", { name, exact: true })).toBeVisible();
  // Each bar is one image named by its summary, drawn from its days; its figure is in words below it.
  const bar = page.locator("[data-component='hubdoc'] .uptime-bars");
  await expect(bar).toHaveAttribute("role", "img");
  await expect(bar).toHaveAttribute("aria-label", /^Uptime over the past 90 days: \d+\.\d\d%$/);
  expect((await bar.getAttribute("data-days"))?.length).toBe(90);
  expect(await bar.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain("linear-gradient");
  // Groups open without a script; times are in the page's zone; the zone button (which needs a script) is not offered.
  await page.locator("[data-group='Mobile Apps'] > details > summary").click();
  await expect(page.locator("[data-group='Mobile Apps']").getByRole("heading", { name: "Expenses App" })).toBeVisible();
  await expect(page.getByText(/Times are shown in Pacific\/Auckland/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Show in my time zone" })).toBeHidden();
  await expect(page.locator("[aria-labelledby='past-incidents'] section[data-day]")).toHaveCount(15);
  // An incident page, the history and an unknown incident read as plain HTML too.
  await page.getByRole("link", { name: "Navigation bar – Slow performance when accessing Reports tab" }).click();
  await expect(page.locator("[aria-labelledby='timeline'] li")).toHaveCount(3);
  await expect(page.locator("[aria-labelledby='timeline'] li time").first()).toContainText(/NZDT|NZST/);
  await page.goto("/history");
  await expect(page.locator("section[data-month]").first()).toBeVisible();
  const missing = await page.goto("/incidents/does-not-exist");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Incident not found" })).toBeVisible();
  // What a large page links to from its quiet groups and charts (loaded in place with JavaScript).
  await page.goto("/components/hubdoc");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hubdoc");
  const chart = page.locator("details[data-latency='hubdoc']");
  await expect(chart).toHaveAttribute("open", "");
  await expect(chart.locator("img")).toHaveCount(2);
  expect(
    await chart
      .locator("img")
      .first()
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
  ).toBe(true);
  const groupId = await request.get("/api/v2/components.json").then(async (r) => {
    const { components } = (await r.json()) as { components: { id: string; name: string; group: boolean }[] };
    return components.find((c) => c.group && c.name === "Mobile Apps")!.id;
  });
  await page.goto(`/groups/${groupId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mobile Apps: 4 components");
  for (const name of MOBILE_APPS) await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await context.close();
});

test("the group can be opened with the keyboard", async ({ page }) => {
  await page.goto("/");
  await page.locator("[data-group='Mobile Apps'] > details > summary").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-group='Mobile Apps']").getByRole("heading", { name: "Projects App" })).toBeVisible();
});

test("an incident page shows its timeline newest first", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Navigation bar – Slow performance when accessing Reports tab" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Navigation bar – Slow performance when accessing Reports tab");
  const updates = page.locator("[aria-labelledby='timeline'] li");
  await expect(updates).toHaveCount(3);
  await expect(updates.nth(0)).toContainText("Resolved – This incident has been resolved.");
  await expect(updates.nth(1)).toContainText("Monitoring – Our team has implemented a fix and we are currently monitoring the results.");
  await expect(updates.nth(2)).toContainText("Investigating");
  await expect(page.getByText("HQ", { exact: true })).toBeVisible();
  // Times are in the page's zone (the demo is in Auckland) with its abbreviation, until the
  // visitor asks for their own (London here): then every time changes together.
  await expect(updates.nth(0).locator("time")).toContainText(/NZDT|NZST/);
  await page.getByRole("button", { name: "Show in my time zone" }).click();
  await expect(updates.nth(0).locator("time")).toContainText(/GMT|BST/);
  await expect(page.getByText(/Times are shown in your time zone, Europe\/London/)).toBeVisible();
  await page.getByRole("button", { name: "Show in the page’s time zone" }).click();
  await expect(updates.nth(0).locator("time")).toContainText(/NZDT|NZST/);
});

test("an unknown incident is a proper 404 page", async ({ page }) => {
  const response = await page.goto("/incidents/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Incident not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Current status" })).toBeVisible();
});

test("history lists incidents by month and pages back", async ({ page }) => {
  await page.goto("/history");
  await expect(page.getByRole("heading", { name: "Incident history" })).toBeVisible();
  await expect(page.locator("section[data-month]")).toHaveCount(3);
  await expect(page.getByRole("link", { name: "Sending emails – Some users unable to send" })).toBeVisible();
});

test("fits a 360 px phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the strict CSP blocks none of Vigil's own scripts", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  // Chromium reports every refused script on the console ("Refused to execute inline script…").
  for (const path of ["/", "/history", "/subscribe", "/login", "/incidents/does-not-exist"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
});

test("public responses carry CDN validators and answer 304 on a match", async ({ request }) => {
  for (const path of ["/", "/api/public/snapshot"]) {
    const first = await request.get(path);
    expect(first.status()).toBe(200);
    expect(first.headers()["cache-control"]).toContain("stale-while-revalidate");
    expect(first.headers()["cache-control"]).toContain("stale-if-error");
    const etag = first.headers().etag!;
    expect(etag).toBeTruthy();
    const second = await request.get(path, { headers: { "If-None-Match": etag } });
    expect(second.status()).toBe(304);
    expect(first.headers()["x-content-type-options"]).toBe("nosniff");
    expect(first.headers()["x-frame-options"]).toBeUndefined(); // the public page may be framed
  }
  const home = (await request.get("/")).headers()["content-security-policy"]!;
  expect(home).toContain("script-src 'self';"); // the cached page runs no inline script at all
  expect(home).not.toContain("frame-ancestors");
  const login = await request.get("/login");
  expect(login.headers()["x-frame-options"]).toBe("DENY");
  expect(login.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+';.*frame-ancestors 'none'/);
  expect(login.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

test("a visitor switches the page to German, and a German browser gets it by itself", async ({ page, browser }) => {
  await page.goto("/?lang=de-DE");
  await expect(page.locator("html")).toHaveAttribute("lang", "de-DE");
  await expect(page.getByRole("heading", { name: "Vergangene Vorfälle" })).toBeVisible();
  await expect(page.locator("[data-component='verify']")).toContainText("Betriebsbereit");
  // The choice sticks (a cookie), and English is one click back.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "de-DE");
  await page.goto("/?lang=en-US");
  await expect(page.getByRole("heading", { name: "Past Incidents" })).toBeVisible();

  const german = await browser.newContext({ locale: "de-DE" });
  const other = await german.newPage();
  await other.goto("/");
  await expect(other.locator("html")).toHaveAttribute("lang", "de-DE");
  await german.close();
});
