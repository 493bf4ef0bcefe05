import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { beginEnrolment, confirmEnrolment, resetUserMfa, verifySecondFactor } from "@/lib/auth/mfa";
import { loadSession, rotateSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { totp } from "@/lib/auth/totp";
import { purgeExpiredAuthRows } from "@/lib/auth/purge";
import { createFirstAdmin } from "@/lib/auth/users";
import { createPage, resetDb, testDb } from "./db";

// This file signs in or creates users hundreds of times: cheap scrypt here (tests only; the
// real cost, N=2^17, is what secrets-at-rest.test.ts and the e2e suite sign in with).
vi.hoisted(() => {
  process.env.VIGIL_PASSWORD_HASH_COST = "test";
});

let db: Db;
const ctx = { ip: "203.0.113.7", userAgent: "test" };
const PASSWORD = "a long enough passphrase";
const now = new Date("2026-11-27T12:00:10Z");
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  await createFirstAdmin(db, SYSTEM_ACTOR, { email: "Ana@Example.com", name: "Ana", password: PASSWORD });
});

async function enrolled() {
  const { token } = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, now);
  const session = (await loadSession(db, token, now))!;
  const secret = await beginEnrolment(db, session);
  const codes = await confirmEnrolment(db, (await loadSession(db, token, now))!, totp(secret, now.getTime()), ctx, now);
  return { token, secret, codes };
}

describe("sign-in and MFA", () => {
  it("creates the first admin only once", async () => {
    await expect(createFirstAdmin(db, SYSTEM_ACTOR, { email: "eve@example.com", name: "Eve", password: PASSWORD })).rejects.toThrow("setup is already done");
  });

  it("refuses common and personal passwords with a field message, and saves nothing", async () => {
    await resetDb(db);
    for (const password of ["password1234", "Password123!", "ana@example.com1"]) {
      await expect(createFirstAdmin(db, SYSTEM_ACTOR, { email: "ana@example.com", name: "Ana", password })).rejects.toMatchObject({
        fields: { password: expect.stringMatching(/add a few uncommon words/) },
      });
    }
    expect(await db.user.count()).toBe(0);
  });

  it("concurrent setups create exactly one admin", async () => {
    await resetDb(db);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createFirstAdmin(db, SYSTEM_ACTOR, { email: `admin${i}@example.com`, name: `Admin ${i}`, password: PASSWORD }).then(
          () => "created",
          (e: Error) => e.message,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "created")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "created").every((o) => o.includes("setup is already done"))).toBe(true);
    expect(await db.user.count()).toBe(1);
  });

  it("locks an account for 15 minutes after 5 wrong passwords, and audits every failure", async () => {
    for (let i = 0; i < 4; i++) {
      await expect(signInWithPassword(db, { email: "ana@example.com", password: "wrong password!" }, ctx, now)).rejects.toThrow(
        "Email or password is incorrect.",
      );
    }
    await expect(signInWithPassword(db, { email: "ana@example.com", password: "wrong password!" }, ctx, now)).rejects.toThrow(/paused for 15 minutes/);
    // Even the right password is refused while locked.
    await expect(signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, later(60))).rejects.toThrow(/paused/);
    expect(await db.auditEvent.count({ where: { action: "auth.password_failed" } })).toBe(5);
    expect(await db.auditEvent.count({ where: { action: "auth.locked" } })).toBe(1);
    // After the lock, it works.
    const ok = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, later(16 * 60));
    expect(ok.needsEnrolment).toBe(true);
  });

  it("starts counting again once the window is over without a lock", async () => {
    for (let i = 0; i < 4; i++)
      await expect(signInWithPassword(db, { email: "ana@example.com", password: "wrong password!" }, ctx, now)).rejects.toThrow("incorrect");
    await expect(signInWithPassword(db, { email: "ana@example.com", password: "wrong password!" }, ctx, later(20 * 60))).rejects.toThrow("incorrect");
    expect((await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, later(20 * 60))).needsEnrolment).toBe(true);
  });

  it("a successful sign-in does not count towards the lock", async () => {
    for (let i = 0; i < 8; i++) await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, now);
    await expect(signInWithPassword(db, { email: "ana@example.com", password: "wrong password!" }, ctx, now)).rejects.toThrow("incorrect");
  });

  it("100 wrong passwords at the same instant: at most 5 are judged, and then even the right one is refused", async () => {
    const attempts = Array.from({ length: 100 }, (_, i) =>
      signInWithPassword(db, { email: "ana@example.com", password: `wrong password ${i}` }, { ...ctx, ip: `198.51.100.${i % 50}` }, now).then(
        () => "in",
        (e: Error) => e.message,
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes).not.toContain("in");
    expect(await db.auditEvent.count({ where: { action: "auth.password_failed" } })).toBeLessThanOrEqual(5);
    await expect(signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, later(60))).rejects.toThrow(/paused/);
  });

  it("100 wrong codes at the same instant: at most 5 are judged, and then even the right code is refused", async () => {
    const { token, secret } = await enrolled();
    const { token: second } = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, later(40));
    const session = (await loadSession(db, second, later(40)))!;
    const right = totp(secret, later(40).getTime());
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () =>
        verifySecondFactor(db, session, wrong, ctx, later(40)).then(
          () => "in",
          (e: Error) => e.message,
        ),
      ),
    );
    expect(outcomes).not.toContain("in");
    expect(await db.auditEvent.count({ where: { action: "mfa.code_failed" } })).toBeLessThanOrEqual(5);
    await expect(verifySecondFactor(db, session, right, ctx, later(41))).rejects.toThrow(/paused/);
    expect(token).not.toBe(second);
  });

  it("the purge job deletes idle and expired sessions and spent throttle counters, and keeps live ones and locks", async () => {
    const hours = (h: number) => later(h * 3600);
    const signIn = (at: Date) => signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, at);
    const idle = await signIn(now);
    const live = await signIn(hours(13));
    for (let i = 0; i < 5; i++) {
      await expect(
        signInWithPassword(db, { email: "ana@example.com", password: "wrong password!" }, { ...ctx, ip: "198.51.100.1" }, hours(13)),
      ).rejects.toThrow();
    }
    await db.authThrottle.create({ data: { key: "ip:192.0.2.9", failures: 2, windowStart: now } });
    const purged = await purgeExpiredAuthRows(db, hours(13.1));
    expect(purged).toMatchObject({ sessions: 1, throttles: 1 });
    expect(await loadSession(db, idle.token, hours(13.1))).toBeNull();
    expect(await loadSession(db, live.token, hours(13.1))).not.toBeNull();
    // The lock made a minute ago survives the purge: the right password is still refused.
    await expect(signIn(hours(13.1))).rejects.toThrow(/paused/);
    expect(await purgeExpiredAuthRows(db, hours(13.1))).toEqual({ sessions: 0, throttles: 0, emailTokens: 0, oidcFlows: 0, challenges: 0 });
  });

  it("rotating a session at the MFA step retires the old token and keeps the session", async () => {
    const { token } = await enrolled();
    const before = (await loadSession(db, token, now))!;
    const rotated = await rotateSession(db, before.id);
    expect(rotated).not.toBe(token);
    expect(await loadSession(db, token, now)).toBeNull();
    expect(await loadSession(db, rotated, now)).toMatchObject({ userId: before.userId, mfaVerifiedAt: before.mfaVerifiedAt, expiresAt: before.expiresAt });
  });

  it("enrols with a code, rejects replays, and accepts a recovery code once", async () => {
    const { secret, codes } = await enrolled();
    expect(codes).toHaveLength(10);

    const { token } = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, later(60));
    let session = (await loadSession(db, token, later(60)))!;
    expect(session.mfaVerifiedAt).toBeNull();
    // A code from the future-but-one step is accepted (drift), the same code again is a replay.
    const code = totp(secret, later(60).getTime());
    await expect(verifySecondFactor(db, session, code, ctx, later(60))).resolves.toEqual({ method: "totp" });
    session = (await loadSession(db, token, later(61)))!;
    await expect(verifySecondFactor(db, session, code, ctx, later(61))).rejects.toThrow("already used");
    await expect(verifySecondFactor(db, session, "000000", ctx, later(61))).rejects.toThrow(/clock on your authenticator/);

    await expect(verifySecondFactor(db, session, codes[0]!.toUpperCase(), ctx, later(62))).resolves.toEqual({
      method: "recovery_code",
      remaining: 9,
    });
    await expect(verifySecondFactor(db, session, codes[0]!, ctx, later(63))).rejects.toThrow("already used");
    expect(await db.auditEvent.count({ where: { action: "auth.recovery_code_used" } })).toBe(1);
  });

  it("an admin reset removes the factor and every session", async () => {
    const { token } = await enrolled();
    const user = await db.user.findUniqueOrThrow({ where: { email: "ana@example.com" } });
    await resetUserMfa(db, SYSTEM_ACTOR, user.id);
    expect(await loadSession(db, token, now)).toBeNull();
    const again = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, later(5));
    expect(again.needsEnrolment).toBe(true);
  });
});
