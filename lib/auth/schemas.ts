import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password";

export const ROLES = ["admin", "editor", "viewer"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Email = z.string().trim().toLowerCase().email("enter a valid email address").max(254);

export const Password = z.string().min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`).max(256, "use at most 256 characters");

export const CreateUserInput = z.object({
  email: Email,
  name: z.string().trim().min(1, "enter a name").max(100),
  password: Password,
  role: Role.default("viewer"),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const SignInInput = z.object({
  email: Email,
  password: z.string().min(1, "enter your password").max(256),
});

export const TotpCode = z
  .string()
  .transform((v) => v.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "enter the 6-digit code from your authenticator app"));

export const MfaChallengeInput = z.object({
  code: z.string().trim().min(1, "enter a code").max(40),
});
