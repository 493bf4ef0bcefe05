import { createHash, randomBytes } from "node:crypto";
import { recordAudit, type Actor } from "../audit/record";
import { DUMMY_PASSWORD_HASH, hashPassword } from "../auth/password";
import { weakPasswordReason } from "../auth/password-strength";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import type { Mailer } from "../mail/mailer";
import { AcceptInvitationInput, InviteMemberInput } from "./schemas";

// New members choose their own password from a single-use link an admin sends (by email
// when SMTP is set up; the console shows the link either way, to pass on by hand). Until
// then the account exists with a password nothing matches; at their first sign-in they
// enrol MFA like everyone else. Only the token's hash is stored.

export const INVITATION_TTL_MS = 72 * 3_600_000;
const PURPOSE = "invitation";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
export const invitationLink = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, "")}/invite/${token}`;

export interface Invitation {
  userId: string;
  link: string;
  expiresAt: Date;
  emailed: boolean;
}

async function issueToken(db: DbOrTx, user: { id: string; email: string }, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  // One live link per member: a new one replaces the old.
  await db.emailToken.deleteMany({ where: { userId: user.id, purpose: PURPOSE } });
  await db.emailToken.create({ data: { userId: user.id, purpose: PURPOSE, tokenHash: hash(token), email: user.email, expiresAt } });
  return { token, expiresAt };
}

async function deliver(mailer: Mailer | null, to: { email: string; name: string }, inviter: string, link: string): Promise<boolean> {
  if (!mailer) return false;
  await mailer.send({
    to: to.email,
    subject: "You're invited to the Vigil status console",
    text: `Hello ${to.name},\n\n${inviter} invited you to the status console. Choose your password within 72 hours:\n${link}\n\nAfter that you will set up an authenticator app. If you did not expect this, ignore this email.`,
  });
  return true;
}

/** Creates the member (admins only) and their invitation link; emails it when a mailer is given. */
export async function inviteMember(
  db: DbOrTx,
  staff: StaffContext,
  raw: { email: string; name: string; role: string },
  { baseUrl, mailer, now = new Date() }: { baseUrl: string; mailer: Mailer | null; now?: Date },
): Promise<Invitation> {
  assertCan(staff, "team:manage");
  const input = InviteMemberInput.parse(raw);
  const { user, token, expiresAt } = await inTransaction(db, async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new InvalidInputError("That email already has an account.", { email: "already has an account" });
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash: DUMMY_PASSWORD_HASH } });
    await recordAudit(tx, staff.actor, {
      action: "user.invite",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return { user, ...(await issueToken(tx, user, now)) };
  });
  const link = invitationLink(baseUrl, token);
  return { userId: user.id, link, expiresAt, emailed: await deliver(mailer, user, staff.actor.email ?? "An admin", link) };
}

/** A fresh link for a member who has not accepted yet (the old one stops working). */
export async function renewInvitation(
  db: DbOrTx,
  staff: StaffContext,
  userId: string,
  { baseUrl, mailer, now = new Date() }: { baseUrl: string; mailer: Mailer | null; now?: Date },
): Promise<Invitation> {
  assertCan(staff, "team:manage");
  const { user, token, expiresAt } = await inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("user");
    if (!(await isPending(tx, user.id))) throw new InvalidInputError("They have already chosen a password; reset their MFA or remove them instead.");
    await recordAudit(tx, staff.actor, { action: "user.invite_renewed", targetType: "user", targetId: user.id });
    return { user, ...(await issueToken(tx, user, now)) };
  });
  const link = invitationLink(baseUrl, token);
  return { userId: user.id, link, expiresAt, emailed: await deliver(mailer, user, staff.actor.email ?? "An admin", link) };
}

async function isPending(db: DbOrTx, userId: string): Promise<boolean> {
  return (await db.emailToken.count({ where: { userId, purpose: PURPOSE, usedAt: null } })) > 0;
}

/** Members who have not accepted their invitation yet, with when their link expires. */
export async function pendingInvitations(db: DbOrTx): Promise<Map<string, Date>> {
  const rows = await db.emailToken.findMany({ where: { purpose: PURPOSE, usedAt: null }, select: { userId: true, expiresAt: true } });
  return new Map(rows.map((r) => [r.userId, r.expiresAt]));
}

/** The invitation behind a link, or null when it is unknown, used or expired. */
export async function findInvitation(db: DbOrTx, token: string, now = new Date()): Promise<{ name: string; email: string } | null> {
  const row = await db.emailToken.findUnique({ where: { tokenHash: hash(token) }, include: { user: { select: { name: true, email: true } } } });
  if (row?.purpose !== PURPOSE || row.usedAt || row.expiresAt <= now) return null;
  return row.user;
}

const expired = () => new InvalidInputError("This invitation link has expired or was already used. Ask an admin for a new one.");

/** Sets the invited member's password; the link works once (claimed by compare-and-set). */
export async function acceptInvitation(db: DbOrTx, raw: AcceptInvitationInput, ip: string | null, now = new Date()): Promise<{ email: string }> {
  const input = AcceptInvitationInput.parse(raw);
  const invited = await findInvitation(db, input.token, now);
  if (!invited) throw expired();
  const weak = weakPasswordReason(input.password, [invited.email, invited.name]);
  if (weak) throw new InvalidInputError("Choose a password that is harder to guess.", { password: weak });
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const claimed = await tx.emailToken.updateMany({
      where: { tokenHash: hash(input.token), purpose: PURPOSE, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw expired();
    const token = await tx.emailToken.findUniqueOrThrow({ where: { tokenHash: hash(input.token) }, select: { userId: true } });
    const user = await tx.user.update({ where: { id: token.userId }, data: { passwordHash }, select: { id: true, email: true } });
    const actor: Actor = { id: user.id, email: user.email, ip };
    await recordAudit(tx, actor, { action: "user.invite_accepted", targetType: "user", targetId: user.id });
    return { email: user.email };
  });
}
