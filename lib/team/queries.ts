import type { DbOrTx } from "../db";

export async function listTeam(db: DbOrTx) {
  return db.user.findMany({
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, mfaEnrolledAt: true, createdAt: true },
  });
}

export async function listOwnSessions(db: DbOrTx, userId: string) {
  return db.session.findMany({ where: { userId }, orderBy: { lastSeenAt: "desc" } });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(db: DbOrTx, filter: { action?: string; actor?: string; before?: Date }) {
  return db.auditEvent.findMany({
    where: {
      ...(filter.action ? { action: { startsWith: filter.action } } : {}),
      ...(filter.actor ? { actorEmail: { contains: filter.actor } } : {}),
      ...(filter.before ? { at: { lt: filter.before } } : {}),
    },
    orderBy: { at: "desc" },
    take: AUDIT_PAGE_SIZE,
  });
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** Unused recovery codes of the older, 50-bit kind (lib/auth/recovery-codes.ts), which the account page asks to replace. */
export async function countLegacyRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null, NOT: { codeHash: { startsWith: "h1:" } } } });
}
