import { recordAudit, SYSTEM_ACTOR } from "../audit/record";
import { hashPassword } from "../auth/password";
import { weakPasswordReason } from "../auth/password-strength";
import { Email, Password } from "../auth/schemas";
import { inTransaction, type DbOrTx } from "../db";
import { OpsError } from "./errors";

// `npm run admin:password`: sets an existing account's password from the shell. The way in
// for accounts imported without secrets (their password hash matches nothing), and for an
// admin locked out of the console. Whoever runs it already holds the database.

const SHELL_ACTOR = { ...SYSTEM_ACTOR, email: "admin:password" };

export async function setPasswordFromShell(db: DbOrTx, input: { email: string; password: string }) {
  const email = Email.safeParse(input.email);
  if (!email.success) throw new OpsError(`--email: ${email.error.issues[0]!.message}`);
  const password = Password.safeParse(input.password);
  if (!password.success) throw new OpsError(`password: ${password.error.issues[0]!.message}`);
  const user = await db.user.findUnique({ where: { email: email.data } });
  if (!user) throw new OpsError(`No account has the email ${email.data}.`);
  const weak = weakPasswordReason(password.data, [user.email, user.name]);
  if (weak) throw new OpsError(`Choose a password that is harder to guess. ${weak}`);
  const passwordHash = await hashPassword(password.data);
  return inTransaction(db, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // Whoever knew the old password is signed out everywhere.
    const ended = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, SHELL_ACTOR, {
      action: "user.password_set_from_shell",
      targetType: "user",
      targetId: user.id,
      after: { sessionsEnded: ended.count },
    });
    return { email: user.email, mfaEnrolled: user.mfaSecret !== null, sessionsEnded: ended.count };
  });
}
