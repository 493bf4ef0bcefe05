import type { Actor } from "../../audit/record";
import { recordAudit } from "../../audit/record";
import type { DbOrTx } from "../../db";
import { DUMMY_PASSWORD_HASH } from "../password";
import type { Role } from "../schemas";
import { OidcSignInError } from "./failures";
import type { OidcClaims } from "./schemas";

// Which Vigil account a provider identity signs in to. The link (issuer, subject) decides
// once it exists, whatever email the provider sends later; before that, an account is
// found (or, with just-in-time accounts, created) by the provider's verified email.

/** The account for this identity, linking or creating it when needed; writes the audit rows of what it changed. */
export async function accountForIdentity(tx: DbOrTx, input: { issuer: string; claims: OidcClaims; role: Role; jit: boolean; ip: string | null }, now: Date) {
  const { issuer, claims } = input;
  const linked = await tx.externalIdentity.findUnique({ where: { issuer_subject: { issuer, subject: claims.sub } }, include: { user: true } });
  if (linked) {
    await tx.externalIdentity.update({ where: { id: linked.id }, data: { lastSignInAt: now, email: claims.email ?? linked.email } });
    return linked.user;
  }
  if (!claims.email || claims.email_verified !== true)
    throw new OidcSignInError("email_unverified", claims.email ? "email_verified is not true" : "no email claim");
  const actor: Actor = { id: null, email: claims.email, ip: input.ip };
  let user = await tx.user.findUnique({ where: { email: claims.email } });
  if (user) {
    if (await tx.externalIdentity.findUnique({ where: { issuer_userId: { issuer, userId: user.id } } })) {
      throw new OidcSignInError("linked_elsewhere", `account ${user.id} is linked to another subject`);
    }
  } else {
    if (!input.jit) throw new OidcSignInError("no_account", "no account with this email and OIDC_JIT is off");
    const name = claims.name || claims.email.split("@")[0]!;
    // No password: the account signs in through the provider (an admin may set one for break-glass).
    user = await tx.user.create({ data: { email: claims.email, name, role: input.role, passwordHash: DUMMY_PASSWORD_HASH } });
    await recordAudit(tx, actor, {
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, name: user.name, role: user.role, via: "oidc" },
    });
  }
  await tx.externalIdentity.create({ data: { issuer, subject: claims.sub, userId: user.id, email: claims.email, createdAt: now, lastSignInAt: now } });
  await recordAudit(
    tx,
    { ...actor, id: user.id },
    { action: "auth.oidc_linked", targetType: "user", targetId: user.id, after: { issuer, subject: claims.sub } },
  );
  return user;
}

/**
 * Sets the role the provider's groups give, at every sign-in (audited when it changes); the
 * last admin is never demoted this way (they would lock everyone out of team management).
 */
export async function applyMappedRole(tx: DbOrTx, user: { id: string; email: string; role: string }, role: Role, actor: Actor): Promise<void> {
  if (user.role === role) return;
  if (user.role === "admin" && (await tx.user.count({ where: { role: "admin", id: { not: user.id } } })) === 0) {
    throw new OidcSignInError("last_admin", `groups map to ${role}`);
  }
  await tx.user.update({ where: { id: user.id }, data: { role } });
  await recordAudit(tx, actor, {
    action: "user.role_changed",
    targetType: "user",
    targetId: user.id,
    before: { role: user.role },
    after: { role, via: "oidc" },
  });
}
