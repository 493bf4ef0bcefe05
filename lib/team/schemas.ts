import { z } from "zod";
import { Password } from "../auth/schemas";
import { withoutNul } from "../text/nul";

// What a signed-in user sends to change their own account; the staff verbs parse it, once.
// And the audit log's filters (GET parameters: anything malformed is ignored).

export const ChangePasswordInput = z
  .object({ current: z.string().min(1, "enter your current password"), next: Password, confirm: z.string() })
  .refine((v) => v.next === v.confirm, { message: "the two new passwords differ", path: ["confirm"] });
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>;

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
