// Shared by e2e/auth.setup.ts (which creates and enrols the first admin once) and the specs
// that reuse that signed-in browser state instead of signing in again.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { totp } from "../lib/auth/totp";

/** Git-ignored (data/); scripts/test/e2e.ts empties it before each run. */
export const AUTH_DIR = "data/e2e-auth";
/** The admin's signed-in, MFA-verified browser state (Playwright `storageState`). */
export const ADMIN_STATE = `${AUTH_DIR}/admin.json`;
const ADMIN_AUTHENTICATOR = `${AUTH_DIR}/admin-authenticator.json`;

export const ADMIN = { name: "Ana Admin", email: "ana@example.com", password: "correct horse battery staple" };

const STEP_MS = 30_000; // lib/auth/totp.ts: 30-s steps, one step of drift accepted either side

/** An authenticator app in the tests: its secret and the last time step whose code was used. */
export interface Authenticator {
  secret: string;
  lastStep: number | null;
}

/**
 * The code to type now, without waiting: the current step's, or, when that step's code was
 * already used (codes are single-use per step and user), the next step's, which the server
 * accepts as one step of clock drift. Marks the step as used.
 */
export function nextCode(device: Authenticator, nowMs = Date.now()): string {
  const now = Math.floor(nowMs / STEP_MS);
  const step = device.lastStep === null ? now : Math.max(now, device.lastStep + 1);
  if (step > now + 1) throw new Error(`TOTP step ${step} is too far ahead of now (${now}): more than one sign-in per step`);
  device.lastStep = step;
  return totp(device.secret, step * STEP_MS);
}

export function saveAdminAuthenticator(device: Authenticator): void {
  mkdirSync(AUTH_DIR, { recursive: true });
  writeFileSync(ADMIN_AUTHENTICATOR, JSON.stringify(device));
}

export function loadAdminAuthenticator(): Authenticator {
  return JSON.parse(readFileSync(ADMIN_AUTHENTICATOR, "utf8")) as Authenticator;
}

/**
 * A page in a new, signed-out context. `browser.newContext()` inside a test takes the
 * test's options, `storageState` included, so without this it would be signed in as the admin.
 */
export async function signedOutPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
}
