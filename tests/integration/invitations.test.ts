import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import type { StaffContext } from "@/lib/auth/staff";
import { AuthError, signInWithPassword } from "@/lib/auth/sign-in";
import { createFirstAdmin } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { ForbiddenError } from "@/lib/auth/staff";
import { acceptInvitation, findInvitation, INVITATION_TTL_MS, inviteMember, pendingInvitations, renewInvitation } from "@/lib/team/invitations";
import { startSmtpSink } from "../support/smtp";
import { resetDb, testDb } from "./db";

let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let admin: StaffContext;
const ctx = { ip: "203.0.113.9", userAgent: "test" };
const PASSWORD = "a long enough passphrase";
const CHOSEN = "violet harbour lantern sixty";
const now = new Date("2026-12-02T10:00:00Z");
const tokenOf = (link: string) => link.split("/invite/")[1]!;

beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  smtp.inbox.length = 0;
  const ana = await createFirstAdmin(db, SYSTEM_ACTOR, { email: "ana@example.com", name: "Ana", password: PASSWORD });
  admin = { role: "admin", actor: { id: ana.id, email: ana.email, ip: null }, sessionId: null };
});

const invite = (mailer = smtp.mailer) =>
  inviteMember(db, admin, { email: "Ben@Example.com", name: "Ben", role: "editor" }, { baseUrl: "https://status.example.com/", mailer, now });

describe("invitations", () => {
  it("email a single-use link; the member chooses a password and can sign in with it, not before", async () => {
    const invitation = await invite();
    expect(invitation.link).toMatch(/^https:\/\/status\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(invitation.emailed).toBe(true);
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0]!.to).toEqual(["ben@example.com"]);
    expect(smtp.inbox[0]!.raw).toContain(invitation.link);
    // Nothing signs in before the link is used.
    await expect(signInWithPassword(db, { email: "ben@example.com", password: CHOSEN }, ctx, now)).rejects.toThrow(AuthError);
    expect(await findInvitation(db, tokenOf(invitation.link), now)).toEqual({ name: "Ben", email: "ben@example.com" });

    await acceptInvitation(db, { token: tokenOf(invitation.link), password: CHOSEN, confirm: CHOSEN }, "203.0.113.9", now);
    const { token } = await signInWithPassword(db, { email: "ben@example.com", password: CHOSEN }, ctx, now);
    expect(token).toBeTruthy();
    await expect(acceptInvitation(db, { token: tokenOf(invitation.link), password: CHOSEN, confirm: CHOSEN }, null, now)).rejects.toThrow(
      /expired or was already used/,
    );
    expect(await pendingInvitations(db)).toEqual(new Map());
    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: "user.invite" } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["user.invite", "user.invite_accepted"]);
  });

  it("refuses a weak or mismatched password with a field message, and keeps the link usable", async () => {
    const token = tokenOf((await invite()).link);
    await expect(acceptInvitation(db, { token, password: "benbenbenben1", confirm: "benbenbenben1" }, null, now)).rejects.toMatchObject({
      fields: { password: expect.any(String) },
    });
    await expect(acceptInvitation(db, { token, password: CHOSEN, confirm: `${CHOSEN}!` }, null, now)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["confirm"] })],
    });
    expect(await findInvitation(db, token, now)).not.toBeNull();
  });

  it("expires after 72 hours; a new link replaces the old one", async () => {
    const first = tokenOf((await invite(null as never)).link);
    const later = new Date(now.getTime() + INVITATION_TTL_MS + 1);
    expect(await findInvitation(db, first, later)).toBeNull();
    const ben = await db.user.findUniqueOrThrow({ where: { email: "ben@example.com" } });
    const renewed = await renewInvitation(db, admin, ben.id, { baseUrl: "https://status.example.com", mailer: null, now: later });
    expect(renewed.emailed).toBe(false);
    expect(await findInvitation(db, first, later)).toBeNull();
    await acceptInvitation(db, { token: tokenOf(renewed.link), password: CHOSEN, confirm: CHOSEN }, null, later);
    await expect(renewInvitation(db, admin, ben.id, { baseUrl: "https://status.example.com", mailer: null, now: later })).rejects.toThrow(
      /already chosen a password/,
    );
  });

  it("used by two tabs at once sets the password once", async () => {
    const token = tokenOf((await invite(null as never)).link);
    const results = await Promise.allSettled([
      acceptInvitation(db, { token, password: CHOSEN, confirm: CHOSEN }, null, now),
      acceptInvitation(db, { token, password: "other lantern harbour ninety", confirm: "other lantern harbour ninety" }, null, now),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("are for admins only, and an existing address is refused by field", async () => {
    const editor: StaffContext = { ...admin, role: "editor" };
    await expect(inviteMember(db, editor, { email: "c@example.com", name: "C", role: "viewer" }, { baseUrl: "http://x", mailer: null })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(
      inviteMember(db, admin, { email: "ana@example.com", name: "Ana", role: "viewer" }, { baseUrl: "http://x", mailer: null }),
    ).rejects.toMatchObject({
      fields: { email: "already has an account" },
    });
  });
});
