// The public page during an incident (issue 14): it refreshes itself in place, its incident
// card says the impact in words and colour, its uptime days are buttons reachable by keyboard
// and touch, and axe finds nothing serious on it. The admin (e2e/auth.setup.ts) makes an API
// key; the incident is opened and updated through the management API, and resolved at the end
// so the demo is as the other specs expect it. Time is Playwright's clock: the page polls every
// 30–60 s, and the test moves the clock instead of waiting (nothing in production can shorten it).
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE, loadAdminAuthenticator, nextCode, saveAdminAuthenticator, signedOutPage } from "./auth";

test.describe.configure({ mode: "serial" });
test.use({ storageState: ADMIN_STATE });

const INCIDENT = { name: "Payroll – Payslips not generating", body: "Payslips are failing to generate for some organisations." };
const UPDATE = "Found the cause: a full queue disk. Payslips are being generated again.";
const SNAPSHOT = "/api/public/snapshot";

/** The incident's card among the current incidents (the past-incidents list has it too). */
const openCard = (page: Page) => page.getByRole("region", { name: "Current incidents" }).locator(`[data-incident='${incidentId}']`);

let auth: Record<string, string>;
let incidentId: string;
let resolved = false;

async function createApiKey(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/console/api-keys");
  const created = page.getByTestId("new-api-key");
  const confirm = page.getByRole("heading", { name: "Confirm it’s you" });
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.getByLabel("Name", { exact: true }).fill("live page check");
    await page.getByRole("checkbox", { name: /incidents:write/ }).check();
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(created.or(confirm)).toBeVisible();
    if (await created.isVisible()) break;
    // Over 10 minutes since the admin signed in (a long suite): keys need "Confirm it’s you" first.
    const device = loadAdminAuthenticator();
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByLabel("Code from your authenticator app").fill(nextCode(device));
    saveAdminAuthenticator(device);
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  }
  const key = (await created.textContent())!.trim();
  await context.close();
  return key;
}

async function postUpdate(api: APIRequestContext, status: string, body: string) {
  const response = await api.post(`/api/manage/v1/incidents/${incidentId}/updates`, { headers: auth, data: { status, body } });
  expect(response.status()).toBe(201);
}

/**
 * Waits until the server's answer for `path` satisfies `ready`. A write's first viewer may get
 * the page as it was (the cache waits 750 ms for the rebuild, then serves the older copy).
 */
async function waitForServed(api: APIRequestContext, path: string, ready: (body: string) => boolean) {
  await expect.poll(async () => ready(await (await api.get(path)).text()), { timeout: 15_000 }).toBe(true);
}

/** Serious and critical axe findings, readable in a failure message. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
}

test.beforeAll(async ({ browser, playwright }) => {
  auth = { Authorization: `Bearer ${await createApiKey(browser)}` };
  const api = await playwright.request.newContext({ baseURL: "http://localhost:3100" });
  const opened = await api.post("/api/manage/v1/incidents", {
    headers: auth,
    data: { ...INCIDENT, impact: "major", notify_subscribers: false },
  });
  expect(opened.status()).toBe(201);
  incidentId = (await opened.json()).incident.id;
  await waitForServed(api, "/", (html) => html.includes(`data-incident="${incidentId}"`) && html.includes("data-live-refresh"));
  await api.dispose();
});

test.afterAll(async ({ playwright }) => {
  if (!incidentId || resolved) return;
  // Resolved already by the last test, unless a test failed before it: the other specs expect a quiet demo.
  const api = await playwright.request.newContext({ baseURL: "http://localhost:3100" });
  await api.post(`/api/manage/v1/incidents/${incidentId}/updates`, { headers: auth, data: { status: "resolved", body: "Resolved." } });
  await api.dispose();
});

test("the incident card says its impact in words and in its colour", async ({ browser }) => {
  const page = await signedOutPage(browser);
  await page.goto("/");
  const card = openCard(page);
  await expect(card).toContainText("Impact: Major");
  await expect(card.locator("[data-impact]")).toHaveAttribute("data-impact", "major");
  // Orange, not the neutral grey of before: the card's left edge and its tint.
  const colours = await card.evaluate((el) => ({ edge: getComputedStyle(el).borderLeftColor, fill: getComputedStyle(el).backgroundColor }));
  expect(colours).toEqual({ edge: "rgb(234, 88, 12)", fill: "rgb(255, 247, 237)" });
  // The upcoming maintenance is blue and says so.
  await expect(page.locator("[aria-labelledby='maintenance'] [data-impact='maintenance']").first()).toHaveText("Maintenance");
  await page.goto(`/incidents/${incidentId}`);
  await expect(page.locator("article header [data-impact='major']")).toHaveText("Impact: Major");
});

test("during an incident the page refreshes itself in place, and not while the tab is hidden", async ({ browser }) => {
  const page = await signedOutPage(browser);
  const polls: string[] = [];
  let documents = 0;
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === SNAPSHOT) polls.push(r.method());
    if (r.resourceType() === "document") documents++;
  });
  await page.clock.install();
  await page.goto("/");
  const card = openCard(page);
  await expect(card).toContainText(INCIDENT.body);
  await expect(page.locator("[data-live-refresh]")).toHaveText(/This page updates automatically\./);
  // What must survive a refresh: this window, its scroll position and the focused link.
  await page.evaluate(() => {
    (window as unknown as { liveMarker: string }).liveMarker = "same window";
  });
  const link = card.getByRole("link", { name: INCIDENT.name });
  await link.focus();
  await page.mouse.wheel(0, 300);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  const scrollY = await page.evaluate(() => window.scrollY);

  await postUpdate(page.context().request, "identified", UPDATE);
  await waitForServed(page.context().request, SNAPSHOT, (json) => json.includes("Found the cause"));
  // Under 30 s nobody polls: the page still shows the old update.
  await page.clock.runFor(25_000);
  expect(polls).toEqual([]);
  await expect(card).not.toContainText(UPDATE);
  // By 60 s after it started it has asked (HEAD, with the ETag it shows), seen the change and
  // refreshed (66 s here: the page may have taken a few seconds to start).
  await page.clock.runFor(41_000);
  // (The page it fetches may still be the older copy for a moment while the server rebuilds it;
  // the script then asks again 1.5 s later, on the page's clock.)
  await expect
    .poll(
      async () => {
        await page.clock.runFor(1500);
        return card.textContent();
      },
      { timeout: 15_000 },
    )
    .toContain(UPDATE);
  expect(polls[0]).toBe("HEAD");
  await expect(card).toContainText("Identified");
  await expect(page.locator("[data-live-refresh] [aria-live='polite']")).toHaveText(/^Updated \d\d:\d\d$/);
  // No navigation: the one document request is the first load (Playwright's clock fakes
  // `performance`, so its navigation entries cannot tell here), and the window is the same.
  expect(documents).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe("same window");
  // Scroll kept (give or take the browser's scroll anchoring, should the card above have grown).
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrollY)).toBeLessThan(50);
  await expect(link).toBeFocused();

  // Unchanged: each later poll is a 304 and nothing is fetched besides.
  const answers: number[] = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname === SNAPSHOT) answers.push(r.status());
  });
  await page.clock.runFor(61_000);
  await expect.poll(() => answers.length).toBeGreaterThan(0);
  expect(answers.every((status) => status === 304)).toBe(true);

  // Hidden tab: no polls at all; visible again after the poll was due: one at once.
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  const before = polls.length;
  await page.clock.runFor(180_000);
  expect(polls.length).toBe(before);
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.clock.runFor(1000);
  await expect.poll(() => polls.length).toBe(before + 1);
});

test("uptime days: one Tab stop per bar, arrow keys across days, a popover by Enter, closed by Escape", async ({ browser }) => {
  const page = await signedOutPage(browser);
  await page.goto("/");
  // Tab from the top until a day has focus: it is today's, the bar's one stop.
  await page.locator("body").focus();
  let inBar = false;
  for (let i = 0; i < 80 && !inBar; i++) {
    await page.keyboard.press("Tab");
    inBar = await page.evaluate(() => document.activeElement?.matches(".uptime-bars > button") ?? false);
  }
  expect(inBar).toBe(true);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const days = Array.from(el.parentElement?.children ?? []);
      return {
        index: days.indexOf(el),
        count: days.length,
        bar: el.closest("li[data-component]")?.getAttribute("data-component") ?? null,
        label: el.getAttribute("aria-label"),
      };
    });
  const start = await focused();
  expect(start).toMatchObject({ index: 89, count: 90 });
  expect(start.label).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}: /); // "Dec 2, 2026: 100% uptime"
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  expect(await focused()).toMatchObject({ index: 87, bar: start.bar });
  await page.keyboard.press("Home");
  expect(await focused()).toMatchObject({ index: 0, bar: start.bar });
  // Tab leaves the bar (not the next day); Shift+Tab comes back to the day last chosen.
  await page.keyboard.press("Tab");
  const next = await focused();
  expect(next.bar === start.bar && next.index === 1).toBe(false);
  await page.keyboard.press("Shift+Tab");
  expect(await focused()).toMatchObject({ index: 0, bar: start.bar });

  // A day with an incident: Enter opens its popover with the incident linked.
  const day = page.locator(".uptime-bars > button[data-incidents]:visible").first();
  const dayLabel = (await day.getAttribute("aria-label"))!;
  expect(dayLabel).toMatch(/\d+ incidents?$/);
  await day.focus();
  await page.keyboard.press("Enter");
  const popover = page.locator("#uptime-day-popover");
  await expect(popover).toBeVisible();
  await expect(popover.getByRole("link").first()).toHaveAttribute("href", /^\/incidents\//);
  await expect(day).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Escape");
  await expect(popover).toBeHidden();
  await expect(day).toBeFocused();
  // Tab from an open day goes into the popover; Escape there brings focus back to the day.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(popover.getByRole("link").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(popover).toBeHidden();
  await expect(day).toBeFocused();
  // A mouse hover previews another day.
  const quiet = page.locator(".uptime-bars > button[data-status='operational']:not([data-details]):visible").first();
  await quiet.hover();
  await expect(popover).toBeVisible();
  await expect(popover).toContainText("No downtime recorded");
});

test("uptime days on a 390 px phone: tall enough to tap, a tap opens the day", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto("/");
  const day = page.locator(".uptime-bars > button[data-incidents]:visible").first();
  await day.scrollIntoViewIfNeeded();
  expect((await day.boundingBox())!.height).toBeGreaterThanOrEqual(24);
  await day.tap();
  const popover = page.locator("#uptime-day-popover");
  await expect(popover).toBeVisible();
  await expect(popover.getByRole("link").first()).toBeVisible();
  // Inside the screen, not cut off at its edge.
  const box = (await popover.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.locator("h2#past-incidents").tap();
  await expect(popover).toBeHidden();
  await context.close();
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe (${scheme} mode): no serious or critical violations on home, an incident page and history`, async ({ browser }) => {
    test.setTimeout(120_000); // axe reads every one of the home page's 1,000-odd day buttons
    const page = await signedOutPage(browser);
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ["/", `/incidents/${incidentId}`, "/history"]) {
      await page.goto(path);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    // With a day's popover open too.
    await page.goto("/");
    await page.locator(".uptime-bars > button[data-incidents]:visible").first().click();
    await expect(page.locator("#uptime-day-popover")).toBeVisible();
    expect(await seriousViolations(page), "/ with the popover open").toEqual([]);
  });
}

test("screenshots of the page during the incident (when VIGIL_SHOTS_DIR is set)", async ({ browser }) => {
  const dir = process.env.VIGIL_SHOTS_DIR;
  test.skip(!dir, "only when asked for");
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto("/");
    await page.screenshot({ path: `${dir}/publicpage-${width}.png` });
    await page.screenshot({ path: `${dir}/publicpage-${width}-full.png`, fullPage: true });
    await context.close();
  }
});

test("resolved: the page stops polling", async ({ browser }) => {
  const page = await signedOutPage(browser);
  await postUpdate(page.context().request, "resolved", "Payslips are generating normally.");
  resolved = true;
  await waitForServed(page.context().request, "/", (html) => !html.includes("data-live-refresh"));
  const polls: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === SNAPSHOT) polls.push(r.method());
  });
  await page.clock.install();
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Current incidents" })).toHaveCount(0);
  await expect(page.locator("[data-live-refresh]")).toHaveCount(0);
  await page.clock.runFor(180_000);
  expect(polls).toEqual([]);
});
