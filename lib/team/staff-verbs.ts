import { recordAudit } from "../audit/record";
import { resetUserMfa } from "../auth/mfa";
import { hashPassword, verifyPassword } from "../auth/password";
import { weakPasswordReason } from "../auth/password-strength";
import { revokeOtherSessions } from "../auth/sessions";
import { assertCan, type StaffContext } from "../auth/staff";
import { Role } from "../auth/schemas";
import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { ChangePasswordInput } from "./schemas";

// Team management (admins) and a user's own account settings.

async function assertAnotherAdminRemains(db: DbOrTx, userId: string) {
  const admins = await db.user.count({ where: { role: "admin", id: { not: userId } } });
  if (admins === 0) throw new InvalidInputError("Vigil needs at least one admin: make someone else admin first.");
}

export async function changeRole(db: DbOrTx, staff: StaffContext, raw: { userId: string; role: string }) {
  assertCan(staff, "team:manage");
  const role = Role.parse(raw.role);
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: raw.userId } });
    if (!user) throw new NotFoundError("user");
    if (user.role === "admin" && role !== "admin") await assertAnotherAdminRemains(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAudit(tx, staff.actor, { action: "user.role_changed", targetType: "user", targetId: user.id, before: { role: user.role }, after: { role } });
  });
}

export async function removeTeamMember(db: DbOrTx, staff: StaffContext, userId: string) {
  assertCan(staff, "team:manage");
  if (userId === staff.actor.id) throw new InvalidInputError("You cannot remove your own account.");
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("user");
    if (user.role === "admin") await assertAnotherAdminRemains(tx, user.id);
    await tx.user.delete({ where: { id: userId } });
    await recordAudit(tx, staff.actor, { action: "user.removed", targetType: "user", targetId: userId, before: { email: user.email, role: user.role } });
  });
}

export async function resetMemberMfa(db: DbOrTx, staff: StaffContext, userId: string) {
  assertCan(staff, "team:manage");
  return resetUserMfa(db, staff.actor, userId);
}

/** Changes the signed-in user's password and signs out their other sessions. */
export async function changeOwnPassword(db: DbOrTx, staff: StaffContext, raw: ChangePasswordInput) {
  assertCan(staff, "console:read");
  const input = ChangePasswordInput.parse(raw);
  const userId = staff.actor.id!;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    await recordAudit(db, staff.actor, { action: "user.password_change_failed", targetType: "user", targetId: userId });
    throw new InvalidInputError("Your current password is not right.", { current: "not your current password" });
  }
  const weak = weakPasswordReason(input.next, [user.email, user.name, input.current]);
  if (weak) throw new InvalidInputError("Choose a password that is harder to guess.", { next: weak });
  const passwordHash = await hashPassword(input.next);
  return inTransaction(db, async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const revoked = await revokeOtherSessions(tx, userId, staff.sessionId);
    await recordAudit(tx, staff.actor, { action: "user.password_changed", targetType: "user", targetId: userId, after: { otherSessionsRevoked: revoked } });
  });
}

export async function revokeOwnSession(db: DbOrTx, staff: StaffContext, sessionId: string) {
  assertCan(staff, "console:read");
  const result = await db.session.deleteMany({ where: { id: sessionId, userId: staff.actor.id! } });
  if (result.count === 0) throw new NotFoundError("session");
  await recordAudit(db, staff.actor, { action: "session.revoked", targetType: "session" });
}
