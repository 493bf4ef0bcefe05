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

// ── Passkeys (lib/auth/passkey-credentials.ts, passkey-sign-in.ts) ──────────

export const PasskeyName = z.string().trim().min(1, "name this passkey, e.g. Work laptop").max(60, "use at most 60 characters");

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, "not base64url");

/** A browser's JSON (from @simplewebauthn/browser) sent as one form field. */
const jsonField = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .max(50_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "the browser's passkey answer is not JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

// Only the fields the verifier reads; extension results are not used, so none are passed on.
const credentialJson = <T extends z.ZodRawShape>(response: T) =>
  z.object({
    id: base64url(1400),
    rawId: base64url(1400),
    type: z.literal("public-key"),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional().catch(undefined),
    response: z.object({ clientDataJSON: base64url(10_000), ...response }),
  });

export const RegistrationResponse = credentialJson({
  attestationObject: base64url(40_000),
  transports: z.array(z.string().max(32)).max(10).optional(),
});

export const AuthenticationResponse = credentialJson({
  authenticatorData: base64url(10_000),
  signature: base64url(2000),
  userHandle: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]*$/)
    .nullish()
    .transform((v) => v ?? undefined),
});
export type AuthenticationResponse = z.infer<typeof AuthenticationResponse>;

export const RegisterPasskeyInput = z.object({ name: PasskeyName, response: jsonField(RegistrationResponse) });
export const PasskeyAssertionInput = z.object({ response: jsonField(AuthenticationResponse) });
export const RenamePasskeyInput = z.object({ id: z.string().min(1).max(200), name: PasskeyName });
