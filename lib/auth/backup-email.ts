import { createHash, randomBytes, randomInt } from "node:crypto";
import { recordAudit } from "../audit/record";
import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError } from "../errors";
import type { Mailer } from "../mail/mailer";
import { Email } from "./schemas";
import type { LoadedSession } from "./sessions";
import { AuthError, type RequestContext } from "./sign-in";

// "Lost your device?": a confirmed backup address receives a short-lived one-time
// sign-in code, an alternative to a recovery code.
export const CONFIRM_LINK_TTL_MS = 24 * 3_600_000;
export const SIGN_IN_CODE_TTL_MS = 10 * 60_000;
export const MAX_CODES_PER_WINDOW = 3;
const CODE_WINDOW_MS = 15 * 60_000;

const hash = (value: string) => createHash("sha256").update(value).digest("hex");
/** Codes are short, so their hash is bound to the user: equal codes of two users never collide. */
const codeHash = (userId: string, code: string) => hash(`${userId}:${code.replace(/\s/g, "")}`);

export async function requestBackupEmail(
  db: DbOrTx,
  session: LoadedSession,
  rawEmail: string,
  ctx: RequestContext,
  mailer: Mailer,
  baseUrl: string,
  now = new Date(),
) {
  const email = Email.parse(rawEmail);
  if (email === session.user.email) {
    throw new InvalidInputError("Use a different address from the one you sign in with.", { email: "must differ from your sign-in email" });
  }
  const token = randomBytes(32).toString("base64url");
  await inTransaction(db, async (tx) => {
    await tx.user.update({ where: { id: session.user.id }, data: { backupEmail: email, backupEmailConfirmedAt: null } });
    await tx.emailToken.deleteMany({ where: { userId: session.user.id, purpose: "confirm_backup_email" } });
    await tx.emailToken.create({
      data: {
        userId: session.user.id,
        purpose: "confirm_backup_email",
        tokenHash: hash(token),
        email,
        expiresAt: new Date(now.getTime() + CONFIRM_LINK_TTL_MS),
      },
    });
    await recordAudit(
      tx,
      { id: session.user.id, email: session.user.email, ip: ctx.ip },
      { action: "mfa.backup_email_added", targetType: "user", targetId: session.user.id, after: { backupEmail: email } },
    );
  });
  const link = `${baseUrl.replace(/\/$/, "")}/mfa/backup-email?token=${token}`;
  await mailer.send({
    to: email,
    subject: "Confirm your backup email for Vigil",
    text: `${session.user.name} added this address as a backup for signing in to Vigil.\n\nConfirm it within 24 hours:\n${link}\n\nIf this wasn't you, ignore this email.`,
  });
}

export async function confirmBackupEmail(db: DbOrTx, token: string, now = new Date()): Promise<string> {
  return inTransaction(db, async (tx) => {
    const row = await tx.emailToken.findUnique({ where: { tokenHash: hash(token) }, include: { user: true } });
    if (row?.purpose !== "confirm_backup_email" || row.usedAt || row.expiresAt <= now || row.user.backupEmail !== row.email) {
      throw new InvalidInputError("This confirmation link is invalid or has expired. Add the address again from your account page.");
    }
    await tx.emailToken.update({ where: { id: row.id }, data: { usedAt: now } });
    await tx.user.update({ where: { id: row.userId }, data: { backupEmailConfirmedAt: now } });
    await recordAudit(
      tx,
      { id: row.userId, email: row.user.email, ip: null },
      { action: "mfa.backup_email_confirmed", targetType: "user", targetId: row.userId },
    );
    return row.email;
  });
}

/** Sends a one-time 8-digit sign-in code to the confirmed backup address (rate-limited). */
export async function sendSignInCode(db: DbOrTx, session: LoadedSession, ctx: RequestContext, mailer: Mailer, now = new Date()) {
  const user = session.user;
  if (!user.backupEmail || !user.backupEmailConfirmedAt) throw new AuthError("You have no confirmed backup email. Use a recovery code instead.");
  const recent = await db.emailToken.count({
    where: { userId: user.id, purpose: "sign_in_code", createdAt: { gt: new Date(now.getTime() - CODE_WINDOW_MS) } },
  });
  if (recent >= MAX_CODES_PER_WINDOW) throw new AuthError("We already sent several codes. Check your inbox (and spam), or wait 15 minutes.");
  const code = String(randomInt(0, 100_000_000)).padStart(8, "0");
  await db.emailToken.create({
    data: {
      userId: user.id,
      purpose: "sign_in_code",
      tokenHash: codeHash(user.id, code),
      email: user.backupEmail,
      expiresAt: new Date(now.getTime() + SIGN_IN_CODE_TTL_MS),
      createdAt: now,
    },
  });
  await recordAudit(db, { id: user.id, email: user.email, ip: ctx.ip }, { action: "auth.email_code_sent", targetType: "user", targetId: user.id });
  await mailer.send({
    to: user.backupEmail,
    subject: `Your Vigil sign-in code: ${code.slice(0, 4)} ${code.slice(4)}`,
    text: `Your one-time sign-in code is ${code.slice(0, 4)} ${code.slice(4)}. It expires in 10 minutes.\n\nIf you did not ask for it, someone knows your password: change it now.`,
  });
  return user.backupEmail.replace(/^(.).*(@.*)$/, "$1…$2");
}

/** Consumes an emailed sign-in code; true when it was valid. */
export async function consumeSignInCode(db: DbOrTx, userId: string, code: string, now = new Date()): Promise<boolean> {
  const used = await db.emailToken.updateMany({
    where: { tokenHash: codeHash(userId, code), purpose: "sign_in_code", usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return used.count === 1;
}
