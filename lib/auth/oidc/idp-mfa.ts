// OIDC_MFA=idp: the identity provider's own multi-factor sign-in counts as Vigil's second
// factor, but only when its ID token says so (RFC 8176 `amr` values, or an agreed `acr`).

/** amr values that mean more than a password: MFA itself, one-time codes, hardware or software keys, smart cards, phone confirmation. */
export const MFA_AMR_VALUES: readonly string[] = ["mfa", "mca", "otp", "hwk", "swk", "sc", "sms", "tel"];

/** Whether the ID token shows a second factor (pure). */
export function idpProvedMfa(claims: { amr?: readonly string[]; acr?: string }, acrValues: readonly string[]): boolean {
  if (claims.amr?.some((value) => MFA_AMR_VALUES.includes(value))) return true;
  return claims.acr !== undefined && acrValues.includes(claims.acr);
}
