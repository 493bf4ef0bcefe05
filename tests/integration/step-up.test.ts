import { beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { beginEnrolment, confirmEnrolment } from "@/lib/auth/mfa";
import { loadSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { needsStepUp, STEP_UP_WINDOW_MS, stepUp } from "@/lib/auth/step-up";
import { totp } from "@/lib/auth/totp";
import { createFirstAdmin } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { createPage, resetDb, testDb } from "./db";

let db: Db;
const ctx = { ip: "203.0.113.9", userAgent: "test" };
const PASSWORD = "a long enough passphrase";
const start = new Date("2026-12-02T10:00:10Z");

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  await createFirstAdmin(db, SYSTEM_ACTOR, { email: "ana@example.com", name: "Ana", password: PASSWORD });
});

async function enrolled() {
  const { token } = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, start);
  const secret = await beginEnrolment(db, (await loadSession(db, token, start))!);
  await confirmEnrolment(db, (await loadSession(db, token, start))!, totp(secret, start.getTime()), ctx, start);
  return { token, secret };
}

describe("confirm it's you", () => {
  it("needs the password and a fresh code, and then holds for 10 minutes", async () => {
    const { token, secret } = await enrolled();
    const later = new Date(start.getTime() + STEP_UP_WINDOW_MS + 60_000);
    const session = (await loadSession(db, token, later))!;
    expect(needsStepUp(session.reauthenticatedAt, later)).toBe(true);

    await expect(stepUp(db, session, { password: "wrong wrong wrong", code: totp(secret, later.getTime()) }, ctx, later)).rejects.toThrow(
      "That password is not right.",
    );
    await expect(stepUp(db, session, { password: PASSWORD, code: "" }, ctx, later)).rejects.toThrow(/Enter the code/);
    await stepUp(db, session, { password: PASSWORD, code: totp(secret, later.getTime()) }, ctx, later);
    const confirmed = (await loadSession(db, token, later))!;
    expect(confirmed.reauthenticatedAt?.getTime()).toBe(later.getTime());
    expect(needsStepUp(confirmed.reauthenticatedAt, new Date(later.getTime() + 5 * 60_000))).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "auth.step_up" } })).toBe(1);
  });

  it("is throttled like sign-in: five wrong passwords lock it", async () => {
    const { token, secret } = await enrolled();
    const session = (await loadSession(db, token, start))!;
    for (let i = 0; i < 5; i++) await stepUp(db, session, { password: `wrong ${i} wrong wrong`, code: "123456" }, ctx, start).catch(() => undefined);
    await expect(stepUp(db, session, { password: PASSWORD, code: totp(secret, start.getTime()) }, ctx, start)).rejects.toThrow(/locked|Too many/i);
  });
});
