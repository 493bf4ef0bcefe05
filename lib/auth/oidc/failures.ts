import { ServiceError } from "../../errors";

// Why a single sign-on was refused. The callback sends the browser to /login?sso=<reason>,
// and the login page shows the reason's fixed message: nothing from the request is echoed.

export const OIDC_FAILURES = {
  provider_unreachable: "Could not reach the identity provider. Try again in a moment, or sign in with your password.",
  provider_error: "The identity provider did not sign you in. Start again.",
  state_invalid: "This sign-in was not started in this browser, or it took longer than 10 minutes. Start again.",
  state_used: "This sign-in was already completed or refused once. Start again.",
  token_invalid:
    "The identity provider's answer could not be verified, so you were not signed in. Start again; if it keeps happening, an admin should check the single sign-on settings.",
  mfa_required: "Your identity provider did not confirm a second factor for this sign-in, and Vigil requires one. Sign in there with your second factor.",
  no_role: "Your account at the identity provider is not in a group that has access to Vigil. Ask an admin to add you to one.",
  email_unverified: "Your identity provider did not confirm your email address, so Vigil cannot match it to an account.",
  no_account: "There is no Vigil account for your email address. Ask an admin to invite you.",
  linked_elsewhere: "This Vigil account is already linked to a different account at the identity provider.",
  last_admin:
    "The identity provider no longer gives you the admin role, and you are Vigil's only admin. Sign in with your password and make someone else admin first.",
  internal: "Single sign-on failed on our side. Try again in a moment, or sign in with your password.",
} as const;
export type OidcFailure = keyof typeof OIDC_FAILURES;

export function isOidcFailure(value: unknown): value is OidcFailure {
  return typeof value === "string" && Object.hasOwn(OIDC_FAILURES, value);
}

/** A refused single sign-on: `reason` goes to the login page, `detail` only to the audit log. */
export class OidcSignInError extends ServiceError {
  constructor(
    readonly reason: OidcFailure,
    readonly detail?: string,
  ) {
    super("unauthorized", OIDC_FAILURES[reason]);
    this.name = "OidcSignInError";
  }
}
