import { inTransaction, isUniqueViolation, type DbOrTx } from "../db";
import { InvalidInputError } from "../errors";
import { recordAudit, type Actor } from "../audit/record";
import { hashPassword } from "./password";
import { weakPasswordReason } from "./password-strength";
import { CreateUserInput } from "./schemas";

export async function countUsers(db: DbOrTx): Promise<number> {
  return db.user.count();
}

export async function createUser(db: DbOrTx, actor: Actor, raw: CreateUserInput, marker: { setupAdmin?: true } = {}) {
  const input = CreateUserInput.parse(raw);
  const weak = weakPasswordReason(input.password, [input.email, input.name]);
  if (weak) throw new InvalidInputError("Choose a password that is harder to guess.", { password: weak });
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new InvalidInputError("that email already has an account", { email: "already has an account" });
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash, ...marker },
    });
    await recordAudit(tx, actor, {
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return user;
  });
}

/**
 * The one-time setup: creates the first admin only while no user exists. The admin it
 * creates carries the unique `setupAdmin` marker, so concurrent setup requests (which a
 * READ COMMITTED transaction alone does not serialise on PostgreSQL) create exactly one:
 * every other insert fails on the unique index and is refused like a late request.
 */
export async function createFirstAdmin(db: DbOrTx, actor: Actor, raw: Omit<CreateUserInput, "role">) {
  const alreadyDone = () => new InvalidInputError("setup is already done: sign in instead");
  try {
    return await inTransaction(db, async (tx) => {
      if ((await countUsers(tx)) > 0) throw alreadyDone();
      return createUser(tx, actor, { ...raw, role: "admin" }, { setupAdmin: true });
    });
  } catch (error) {
    if (isUniqueViolation(error) && (await countUsers(db)) > 0) throw alreadyDone();
    throw error;
  }
}
