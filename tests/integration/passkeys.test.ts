import { beforeEach, describe, expect, it, vi } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { beginEnrolment, confirmEnrolment, resetUserMfa } from "@/lib/auth/mfa";
import { listPasskeys, passkeyRegistrationOptions, registerPasskey, removePasskey, renamePasskey } from "@/lib/auth/passkey-credentials";
import { passkeySecondFactorOptions, passkeySignInOptions, signInWithPasskey, verifyPasskeySecondFactor } from "@/lib/auth/passkey-sign-in";
import { CHALLENGE_TTL_MS } from "@/lib/auth/passkeys";
import { completeSignIn, loadSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { markReauthenticated, STEP_UP_WINDOW_MS, stepUp } from "@/lib/auth/step-up";
import { totp } from "@/lib/auth/totp";
import { createFirstAdmin, createUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { type Bend, SoftwareAuthenticator } from "../support/webauthn-authenticator";
import { createPage, resetDb, testDb } from "./db";

vi.hoisted(() => {
  process.env.VIGIL_PASSWORD_HASH_COST = "test"; // many sign-ins: cheap scrypt (as auth.test.ts)
});

let db: Db;
const ctx = { ip: "203.0.113.20", userAgent: "test" };
const PASSWORD = "a long enough passphrase";
const ORIGIN = "http://localhost"; // createPage's URL: the relying party is "localhost"
const start = new Date("2026-12-02T10:00:10Z");
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  await createPage(db);
  await createFirstAdmin(db, SYSTEM_ACTOR, { email: "ana@example.com", name: "Ana", password: PASSWORD });
});

/** Ana signed in with password and code at `start`, as the MFA page leaves her (completeSignIn). */
async function signedIn(email = "ana@example.com") {
  const first = await signInWithPassword(db, { email, password: PASSWORD }, ctx, start);
  const secret = await beginEnrolment(db, (await loadSession(db, first.token, start))!);
  await confirmEnrolment(db, (await loadSession(db, first.token, start))!, totp(secret, start.getTime()), ctx, start);
  const session = (await loadSession(db, first.token, start))!;
  await markReauthenticated(db, session.id, start);
  return { token: first.token, secret, session: (await loadSession(db, first.token, start))! };
}

async function register(
  session: Awaited<ReturnType<typeof signedIn>>["session"],
  device: SoftwareAuthenticator,
  name = "Work laptop",
  when = start,
  bend: Bend = {},
) {
  const { options, challengeId } = await passkeyRegistrationOptions(db, session, when);
  return registerPasskey(db, session, challengeId, { name, response: JSON.stringify(device.register(options, bend)) }, ctx, when);
}

async function passkeySignIn(device: SoftwareAuthenticator, when = start, bend: Bend = {}) {
  const { options, challengeId } = await passkeySignInOptions(db, when);
  return signInWithPasskey(db, challengeId, { response: JSON.stringify(device.assert(options, bend)) }, ctx, when);
}

const accountFailures = async () => (await db.authThrottle.findUnique({ where: { key: "account:ana@example.com" } }))?.failures ?? 0;

describe("registering a passkey", () => {
  it("verifies the attestation and keeps the public key, counter, transports and backup state, audited", async () => {
    const { session } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN);
    const { options } = await passkeyRegistrationOptions(db, session, start);
    expect(options.rp.id).toBe("localhost");
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(Buffer.from(options.user.id, "base64url").toString()).toBe(session.user.id);

    const created = await register(session, device);
    const row = await db.passkey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      userId: session.user.id,
      name: "Work laptop",
      credentialId: device.id,
      transports: "internal,hybrid",
      deviceType: "multiDevice",
      backedUp: true,
    });
    expect(Number(row.counter)).toBe(0);
    expect(row.publicKey).toMatch(/^[A-Za-z0-9_-]{60,}$/);
    expect(await db.auditEvent.findFirst({ where: { action: "passkey.registered", targetId: row.id } })).toMatchObject({ actorId: session.user.id });
    // The next options exclude it, so the same authenticator is not registered twice.
    const again = await passkeyRegistrationOptions(db, session, start);
    expect(again.options.excludeCredentials?.map((c) => c.id)).toEqual([device.id]);
    expect(await listPasskeys(db, session.user.id)).toEqual([expect.objectContaining({ name: "Work laptop", lastUsedAt: null })]);
  });

  it("needs a fresh “confirm it’s you”", async () => {
    const { session } = await signedIn();
    const later = at(STEP_UP_WINDOW_MS / 1000 + 60); // signed in (and so confirmed) at `start`
    await expect(passkeyRegistrationOptions(db, session, later)).rejects.toThrow(/Confirm it’s you/);
    // Options asked for in time do not carry a registration past the window either.
    const { options, challengeId } = await passkeyRegistrationOptions(db, session, start);
    const response = JSON.stringify(new SoftwareAuthenticator(ORIGIN).register(options));
    await expect(registerPasskey(db, session, challengeId, { name: "Late", response }, ctx, later)).rejects.toThrow(/Confirm it’s you/);
    expect(await db.passkey.count()).toBe(0);
  });

  it.each<[string, Bend, RegExp]>([
    ["another origin", { origin: "https://evil.example" }, /could not be verified/],
    ["another RP ID", { rpId: "evil.example" }, /could not be verified/],
    ["no user verification", { userVerified: false }, /could not be verified/],
    ["another challenge", { challenge: "c29tZXRoaW5nIGVsc2U" }, /could not be verified/],
  ])("refuses %s", async (_label, bend, message) => {
    const { session } = await signedIn();
    await expect(register(session, new SoftwareAuthenticator(ORIGIN), "Bent", start, bend)).rejects.toThrow(message);
    expect(await db.passkey.count()).toBe(0);
  });

  it("refuses a missing name with a field message, before the challenge is spent", async () => {
    const { session } = await signedIn();
    const { options, challengeId } = await passkeyRegistrationOptions(db, session, start);
    const response = JSON.stringify(new SoftwareAuthenticator(ORIGIN).register(options));
    await expect(registerPasskey(db, session, challengeId, { name: "  ", response }, ctx, start)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["name"] })],
    });
    await expect(registerPasskey(db, session, challengeId, { name: "Phone", response: "not json" }, ctx, start)).rejects.toThrow(/not JSON/);
    await registerPasskey(db, session, challengeId, { name: "Phone", response }, ctx, start);
    expect(await db.passkey.count()).toBe(1);
  });
});

describe("signing in with a passkey alone", () => {
  it("opens a fully verified session (both factors, a fresh step-up) and moves the counter", async () => {
    const { session } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN);
    await register(session, device);
    const { token, needsEnrolment } = await passkeySignIn(device, at(60));
    expect(needsEnrolment).toBe(false);
    const opened = (await loadSession(db, token, at(60)))!;
    expect(opened.userId).toBe(session.user.id);
    expect(opened.mfaVerifiedAt?.getTime()).toBe(at(60).getTime());
    expect(opened.reauthenticatedAt?.getTime()).toBe(at(60).getTime());
    const row = await db.passkey.findFirstOrThrow();
    expect(Number(row.counter)).toBe(1);
    expect(row.lastUsedAt?.getTime()).toBe(at(60).getTime());
    expect(await db.auditEvent.count({ where: { action: "auth.passkey_ok", actorId: session.user.id } })).toBe(1);
  });

  it("refuses a counter that goes back or stands still, and says so in the audit log", async () => {
    const { session } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN, 10);
    await register(session, device); // stored counter: 10
    await passkeySignIn(device, at(10)); // 11
    for (const counter of [11, 4, 0]) {
      await expect(passkeySignIn(device, at(20), { counter })).rejects.toThrow(/counter went back/);
    }
    expect(Number((await db.passkey.findFirstOrThrow()).counter)).toBe(11);
    expect(await db.auditEvent.count({ where: { action: "passkey.counter_regressed" } })).toBe(3);
    expect(await accountFailures()).toBe(3);
    await passkeySignIn(device, at(30)); // 12: the real key goes on
  });

  it("accepts an authenticator that keeps no counter (always 0)", async () => {
    const { session } = await signedIn();
    const synced = new SoftwareAuthenticator(ORIGIN, 0, false);
    await register(session, synced);
    await passkeySignIn(synced, at(10));
    await passkeySignIn(synced, at(20));
    expect(Number((await db.passkey.findFirstOrThrow()).counter)).toBe(0);
  });

  it("uses a challenge once: a second answer, even at the same moment, is refused", async () => {
    const { session } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN, 0, false);
    await register(session, device);
    const { options, challengeId } = await passkeySignInOptions(db, at(10));
    const response = JSON.stringify(device.assert(options));
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => signInWithPasskey(db, challengeId, { response }, ctx, at(10))));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    await expect(signInWithPasskey(db, challengeId, { response }, ctx, at(11))).rejects.toThrow(/expired or was already used/);
    expect(await db.session.count({ where: { mfaVerifiedAt: at(10) } })).toBe(1);
  });

  it("refuses an expired challenge", async () => {
    const { session } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN);
    await register(session, device);
    const { options, challengeId } = await passkeySignInOptions(db, at(10));
    const late = at(10 + CHALLENGE_TTL_MS / 1000 + 1);
    await expect(signInWithPasskey(db, challengeId, { response: JSON.stringify(device.assert(options)) }, ctx, late)).rejects.toThrow(/expired/);
    expect(await db.webAuthnChallenge.count()).toBe(0); // spent, not left to retry
    await expect(signInWithPasskey(db, undefined, { response: JSON.stringify(device.assert(options)) }, ctx, at(11))).rejects.toThrow(/expired/);
  });

  it.each<[string, Bend]>([
    ["another origin", { origin: "https://evil.example" }],
    ["another RP ID", { rpId: "evil.example" }],
    ["no user verification", { userVerified: false }],
  ])("refuses %s, counted toward the lock-out", async (_label, bend) => {
    const { session } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN);
    await register(session, device);
    await expect(passkeySignIn(device, at(10), bend)).rejects.toThrow(/could not be verified/);
    expect(await accountFailures()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "auth.passkey_failed" } })).toBe(1);
    expect(await db.session.count()).toBe(1); // only the password sign-in's
  });

  it("five failures lock the account for passkeys and passwords alike", async () => {
    const { session } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN);
    await register(session, device);
    for (let i = 0; i < 4; i++) await expect(passkeySignIn(device, at(10), { origin: "https://evil.example" })).rejects.toThrow(/could not be verified/);
    await expect(passkeySignIn(device, at(10), { origin: "https://evil.example" })).rejects.toThrow(/paused for 15 minutes/);
    await expect(passkeySignIn(device, at(20))).rejects.toThrow(/paused/);
    await expect(signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, at(30))).rejects.toThrow(/paused/);
  });

  it("refuses a passkey nobody registered, counting it against the address", async () => {
    const stranger = new SoftwareAuthenticator(ORIGIN);
    stranger.register((await passkeyRegistrationOptions(db, (await signedIn()).session, start)).options);
    await expect(passkeySignIn(stranger, at(10))).rejects.toThrow(/not registered here/);
    expect((await db.authThrottle.findUnique({ where: { key: `ip:${ctx.ip}` } }))?.failures).toBe(1);
  });
});

describe("a passkey as the second factor", () => {
  it("completes a password sign-in on the MFA page", async () => {
    const { session } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN);
    await register(session, device);
    const pending = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, at(60));
    const before = (await loadSession(db, pending.token, at(60)))!;
    const { options, challengeId } = await passkeySecondFactorOptions(db, before, at(60));
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([device.id]);
    await verifyPasskeySecondFactor(db, before, challengeId, { response: JSON.stringify(device.assert(options)) }, ctx, at(61));
    const token = await completeSignIn(db, before.id, at(61));
    expect(await loadSession(db, pending.token, at(61))).toBeNull(); // the pre-MFA token is retired
    expect((await loadSession(db, token, at(61)))?.mfaVerifiedAt?.getTime()).toBe(at(61).getTime());
    expect(await db.auditEvent.count({ where: { action: "auth.passkey_mfa_ok" } })).toBe(1);
  });

  it("refuses another account's passkey, and a passwordless sign-in's challenge", async () => {
    const { session } = await signedIn();
    const anasKey = new SoftwareAuthenticator(ORIGIN);
    await register(session, anasKey);
    await createUser(db, SYSTEM_ACTOR, { email: "ed@example.com", name: "Ed", password: PASSWORD, role: "editor" });
    const ed = await signedIn("ed@example.com");
    const edsKey = new SoftwareAuthenticator(ORIGIN);
    await register(ed.session, edsKey);

    const pending = await signInWithPassword(db, { email: "ana@example.com", password: PASSWORD }, ctx, at(60));
    const anaPending = (await loadSession(db, pending.token, at(60)))!;
    const { options, challengeId } = await passkeySecondFactorOptions(db, anaPending, at(60));
    await expect(verifyPasskeySecondFactor(db, anaPending, challengeId, { response: JSON.stringify(edsKey.assert(options)) }, ctx, at(61))).rejects.toThrow(
      /not registered here/,
    );
    const signIn = await passkeySignInOptions(db, at(62));
    await expect(
      verifyPasskeySecondFactor(db, anaPending, signIn.challengeId, { response: JSON.stringify(anasKey.assert(signIn.options)) }, ctx, at(62)),
    ).rejects.toThrow(/expired or was already used/);
    expect((await loadSession(db, pending.token, at(63)))?.mfaVerifiedAt).toBeNull();
  });
});

describe("managing passkeys", () => {
  it("renames (audited) and removes only after “confirm it’s you” (audited); a removed passkey signs in no more", async () => {
    const { session, secret, token } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN);
    const { id } = await register(session, device);
    await renamePasskey(db, session, { id, name: "  Phone  " }, ctx);
    expect((await db.passkey.findUniqueOrThrow({ where: { id } })).name).toBe("Phone");
    expect(await db.auditEvent.findFirst({ where: { action: "passkey.renamed" } })).toMatchObject({
      targetId: id,
      before: JSON.stringify({ name: "Work laptop" }),
      after: JSON.stringify({ name: "Phone" }),
    });

    const later = at(STEP_UP_WINDOW_MS / 1000 + 60);
    await expect(removePasskey(db, session, id, ctx, later)).rejects.toThrow(/Confirm it’s you/);
    expect(await db.passkey.count()).toBe(1);
    await stepUp(db, (await loadSession(db, token, later))!, { password: PASSWORD, code: totp(secret, later.getTime()) }, ctx, later);
    await removePasskey(db, (await loadSession(db, token, later))!, id, ctx, later);
    expect(await db.passkey.count()).toBe(0);
    expect(await db.auditEvent.findFirst({ where: { action: "passkey.removed" } })).toMatchObject({ targetId: id, before: JSON.stringify({ name: "Phone" }) });
    await expect(passkeySignIn(device, at(STEP_UP_WINDOW_MS / 1000 + 90))).rejects.toThrow(/not registered here/);
  });

  it("touches only the signed-in user's own passkeys", async () => {
    const { session } = await signedIn();
    const { id } = await register(session, new SoftwareAuthenticator(ORIGIN));
    await createUser(db, SYSTEM_ACTOR, { email: "ed@example.com", name: "Ed", password: PASSWORD, role: "editor" });
    const ed = await signedIn("ed@example.com");
    await expect(renamePasskey(db, ed.session, { id, name: "Mine now" }, ctx)).rejects.toThrow(/not found/);
    await expect(removePasskey(db, ed.session, id, ctx, start)).rejects.toThrow(/not found/);
    expect(await db.passkey.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Work laptop" });
  });

  it("an admin's MFA reset removes the user's passkeys", async () => {
    const { session } = await signedIn();
    const device = new SoftwareAuthenticator(ORIGIN);
    await register(session, device);
    await resetUserMfa(db, SYSTEM_ACTOR, session.user.id);
    expect(await db.passkey.count()).toBe(0);
    await expect(passkeySignIn(device, at(10))).rejects.toThrow(/not registered here/);
  });
});
