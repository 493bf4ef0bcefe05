import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { confirmBackupEmail, requestBackupEmail, sendSignInCode, MAX_CODES_PER_WINDOW } from "@/lib/auth/backup-email";
import { beginEnrolment, confirmEnrolment, verifySecondFactor } from "@/lib/auth/mfa";
import { loadSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { totp } from "@/lib/auth/totp";
import { createFirstAdmin } from "@/lib/auth/users";
import { createPage, resetDb, testDb } from "./db";
import { startSmtpSink } from "../support/smtp";

let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const ctx = { ip: "203.0.113.9", userAgent: "test" };
const PASSWORD = "a long enough passphrase";
const now = new Date("2026-11-27T12:00:10Z");

beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db); // recovery codes are keyed with the page's key
  smtp.inbox.length = 0;
  await createFirstAdmin(db, SYSTEM_ACTOR, { email: "ana@example.com", name: "Ana", password: PASSWORD });
});

async function enrolledSession() {
  const { token } = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, now);
  const secret = await beginEnrolment(db, (await loadSession(db, token, now))!);
  await confirmEnrolment(db, (await loadSession(db, token, now))!, totp(secret, now.getTime()), ctx, now);
  return token;
}

describe("backup email", () => {
  it("is confirmed by a link, then a lost device signs in with an emailed one-time code", async () => {
    const token = await enrolledSession();
    const session = (await loadSession(db, token, now))!;
    await expect(requestBackupEmail(db, session, "ana@example.com", ctx, smtp.mailer, "http://status.test", now)).rejects.toThrow("different address");
    await requestBackupEmail(db, session, "ana.backup@example.org", ctx, smtp.mailer, "http://status.test", now);
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0]!.to).toEqual(["ana.backup@example.org"]);
    const link = /http:\/\/status\.test\/mfa\/backup-email\?token=([\w-]+)/.exec(smtp.inbox[0]!.raw);
    expect(link).not.toBeNull();

    // Not usable before confirmation.
    const later = new Date(now.getTime() + 60_000);
    const { token: second } = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, later);
    await expect(sendSignInCode(db, (await loadSession(db, second, later))!, ctx, smtp.mailer, later)).rejects.toThrow("no confirmed backup email");

    expect(await confirmBackupEmail(db, link![1]!, later)).toBe("ana.backup@example.org");
    await expect(confirmBackupEmail(db, link![1]!, later)).rejects.toThrow("invalid or has expired");

    const masked = await sendSignInCode(db, (await loadSession(db, second, later))!, ctx, smtp.mailer, later);
    expect(masked).toBe("a…@example.org");
    const code = /code is (\d{4}) (\d{4})/.exec(smtp.inbox[1]!.raw)!;
    const emailed = code[1]! + code[2]!;
    await expect(verifySecondFactor(db, (await loadSession(db, second, later))!, `${code[1]} ${code[2]}`, ctx, later)).resolves.toEqual({
      method: "email_code",
    });
    // One time only.
    await expect(verifySecondFactor(db, (await loadSession(db, second, later))!, emailed, ctx, later)).rejects.toThrow("not valid or has expired");
    expect(await db.auditEvent.count({ where: { action: "auth.email_code_used" } })).toBe(1);
  });

  it("expires codes after 10 minutes and sends at most 3 per 15 minutes", async () => {
    const token = await enrolledSession();
    const session = (await loadSession(db, token, now))!;
    await requestBackupEmail(db, session, "ana.backup@example.org", ctx, smtp.mailer, "http://status.test", now);
    const link = /token=([\w-]+)/.exec(smtp.inbox[0]!.raw)!;
    await confirmBackupEmail(db, link[1]!, now);
    const fresh = (await loadSession(db, token, now))!;
    for (let i = 0; i < MAX_CODES_PER_WINDOW; i++) await sendSignInCode(db, fresh, ctx, smtp.mailer, now);
    await expect(sendSignInCode(db, fresh, ctx, smtp.mailer, now)).rejects.toThrow("already sent several codes");
    const code = /code is (\d{4}) (\d{4})/.exec(smtp.inbox.at(-1)!.raw)!;
    const late = new Date(now.getTime() + 11 * 60_000);
    await expect(verifySecondFactor(db, (await loadSession(db, token, late))!, code[1]! + code[2]!, ctx, late)).rejects.toThrow("expired");
  });
});
