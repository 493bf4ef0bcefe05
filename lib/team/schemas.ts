import { z } from "zod";
import { Email, Password, Role } from "../auth/schemas";
import { withoutNul } from "../text/nul";

// What a signed-in user sends to change their own account; the staff verbs parse it, once.
// And the audit log's filters (GET parameters: anything malformed is ignored).

export const ChangePasswordInput = z
  .object({ current: z.string().min(1, "enter your current password"), next: Password, confirm: z.string() })
  .refine((v) => v.next === v.confirm, { message: "the two new passwords differ", path: ["confirm"] });
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>;

/** What an admin sends to invite a member: no password (the member chooses it from the link). */
export const InviteMemberInput = z.object({
  email: Email,
  name: z.string().trim().min(1, "enter a name").max(100, "use at most 100 characters"),
  role: Role,
});
export type InviteMemberInput = z.input<typeof InviteMemberInput>;

/** What the invited member sends from the invitation page. */
export const AcceptInvitationInput = z
  .object({ token: z.string().min(1).max(200), password: Password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "the two passwords differ", path: ["confirm"] });
export type AcceptInvitationInput = z.input<typeof AcceptInvitationInput>;

/** Cursors the audit log pages with: the databases store 1970 to 9999 (PostgreSQL refuses far-off years). */
const cursor = z.coerce
  .date()
  .refine((d) => d.getUTCFullYear() >= 1970 && d.getUTCFullYear() <= 9999)
  .optional()
  .catch(undefined);

export const AuditQuery = z.object({
  action: z.string().trim().max(60).refine(withoutNul).optional().catch(undefined),
  actor: z.string().trim().max(254).refine(withoutNul).optional().catch(undefined),
  before: cursor,
});
export type AuditQuery = z.output<typeof AuditQuery>;
