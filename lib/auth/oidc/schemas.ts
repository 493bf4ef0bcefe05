import { z } from "zod";
import type { Env } from "../../env";
import { Email, Role } from "../schemas";

// Single sign-on's configuration: one object, whoever supplies it (the environment today,
// through oidcConfigFromEnv; a settings page could parse its form with the same schema).

export const OIDC_MFA_MODES = ["idp", "vigil"] as const;
export type OidcMfaMode = (typeof OIDC_MFA_MODES)[number];

export const RoleMapping = z.object({ group: z.string().min(1), role: Role });
export type RoleMapping = z.infer<typeof RoleMapping>;

export const OidcConfig = z
  .object({
    issuer: z.url({ protocol: /^https?$/ }),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** The login button says "Sign in with <displayName>". */
    displayName: z.string().trim().min(1).max(60).default("single sign-on"),
    /** The claim with the user's groups; a dotted path reaches into objects (realm_access.roles). */
    rolesClaim: z.string().min(1).default("groups"),
    /** Which group gives which role; the highest role among the user's groups wins. */
    roleMap: z.array(RoleMapping).min(1, "map at least one group to a role"),
    /** Create accounts at first sign-in (else only existing accounts, by verified email). */
    jit: z.boolean().default(false),
    /** idp: the provider's MFA counts (amr/acr must show it); vigil: Vigil's own second factor after it. */
    mfa: z.enum(OIDC_MFA_MODES).default("vigil"),
    /** With mfa=idp: acr values that prove MFA (also requested from the provider). */
    acrValues: z.array(z.string().min(1)).default([]),
  })
  .refine((c) => c.mfa === "idp" || c.acrValues.length === 0, { path: ["acrValues"], message: "acr values are only used with mfa=idp" });
export type OidcConfig = z.infer<typeof OidcConfig>;

/** The configuration from the environment (already checked by lib/env.ts), or null when single sign-on is off. */
export function oidcConfigFromEnv(e: Env): OidcConfig | null {
  if (!e.OIDC_ISSUER) return null;
  return OidcConfig.parse({
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    displayName: e.OIDC_DISPLAY_NAME,
    rolesClaim: e.OIDC_ROLES_CLAIM,
    roleMap: e.OIDC_ROLE_MAP,
    jit: e.OIDC_JIT,
    mfa: e.OIDC_MFA,
    acrValues: e.OIDC_ACR_VALUES,
  });
}

/**
 * The claims Vigil reads, from the ID token (and the userinfo response for what the token
 * leaves out). Loose: providers add many others, and the roles claim's name is configured.
 */
export const OidcClaims = z.looseObject({
  sub: z.string().min(1).max(255),
  email: Email.optional().catch(undefined),
  // Some providers send the string "true".
  email_verified: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")])
    .optional()
    .catch(undefined),
  name: z.string().trim().max(100).optional().catch(undefined),
  amr: z.array(z.string()).optional().catch(undefined),
  acr: z.string().optional().catch(undefined),
});
export type OidcClaims = z.infer<typeof OidcClaims>;
