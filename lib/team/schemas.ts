import { z } from "zod";
import { Password } from "../auth/schemas";

// What a signed-in user sends to change their own account; the staff verbs parse it, once.

export const ChangePasswordInput = z
  .object({ current: z.string().min(1, "enter your current password"), next: Password, confirm: z.string() })
  .refine((v) => v.next === v.confirm, { message: "the two new passwords differ", path: ["confirm"] });
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>;
