import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError } from "../errors";
import { recordAudit, type Actor } from "../audit/record";
import { hashPassword } from "./password";
import { CreateUserInput } from "./schemas";

export async function countUsers(db: DbOrTx): Promise<number> {
  return db.user.count();
}

export async function createUser(db: DbOrTx, actor: Actor, raw: CreateUserInput) {
  const input = CreateUserInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new InvalidInputError("that email already has an account", { email: "already has an account" });
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
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
 * The one-time setup: creates the first admin only while no user exists. Serialised by
 * the transaction, so two racing setup requests cannot both create an admin.
 */
export async function createFirstAdmin(db: DbOrTx, actor: Actor, raw: Omit<CreateUserInput, "role">) {
  return inTransaction(db, async (tx) => {
    if ((await countUsers(tx)) > 0) throw new InvalidInputError("setup is already done: sign in instead");
    return createUser(tx, actor, { ...raw, role: "admin" });
  });
}
