import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { db } from "../db";
import { CLIENT_IP_HEADER } from "./client-ip";
import type { Permission } from "./roles";
import { assertCan, ForbiddenError, type StaffContext } from "./staff";
import type { Role } from "./schemas";
import { publicPageUrl } from "../page/public-url";
import { ABSOLUTE_TIMEOUT_MS, hostCookieFor, loadSession, sessionCookieFor, type LoadedSession } from "./sessions";
import type { RequestContext } from "./sign-in";
import { needsStepUp } from "./step-up";
import { REQUEST_PATH_HEADER, withReturnPath } from "./return-path";
import { sendAccountNotice } from "./account-notice";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, noteSignIn, noticeRecipient } from "./known-devices";
import { configuredMailer } from "../mail/mailer";

// The bridge between Next's request (cookies, headers) and the auth domain.

export async function requestContext(): Promise<RequestContext> {
  const h = await headers();
  // Set by server/http-server.ts from the socket (or X-Forwarded-For with TRUST_PROXY); under
  // `next dev` it is absent and all requests count as one local client.
  return { ip: h.get(CLIENT_IP_HEADER) ?? "local", userAgent: h.get("user-agent") };
}

/** Secure (and __Host-) when the page's public URL is https: the operator's setting, not a header a client could send. */
const sessionCookie = async () => sessionCookieFor(await publicPageUrl(db()));

export async function setSessionCookie(token: string): Promise<void> {
  const { name, secure } = await sessionCookie();
  (await cookies()).set(name, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
  });
}

/**
 * After a full sign-in (second factor, passkey or single sign-on done): remembers this
 * browser, and emails the user when it is one they have not signed in from before.
 */
export async function announceSignIn(userId: string): Promise<void> {
  const jar = await cookies();
  const { name, secure } = hostCookieFor(DEVICE_COOKIE, await publicPageUrl(db()));
  const ctx = await requestContext();
  const noted = await noteSignIn(db(), userId, { token: jar.get(name)?.value, ip: ctx.ip, userAgent: ctx.userAgent });
  jar.set(name, noted.token, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: DEVICE_COOKIE_MAX_AGE });
  if (!noted.announce) return;
  const user = await noticeRecipient(db(), userId);
  if (user) await sendAccountNotice(configuredMailer(), "new_sign_in", user, ctx.ip, new Date(), noted.description);
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete((await sessionCookie()).name);
}

/**
 * A short-lived cookie for a step of signing in (the single sign-on's state), secured like the
 * session cookie. SameSite=Lax: the provider's redirect back is a top-level GET from its site.
 */
export async function setFlowCookie(name: string, value: string, maxAgeSeconds: number): Promise<void> {
  const cookie = hostCookieFor(name, await publicPageUrl(db()));
  (await cookies()).set(cookie.name, value, { httpOnly: true, sameSite: "lax", secure: cookie.secure, path: "/", maxAge: maxAgeSeconds });
}

/** The flow cookie's value, deleted as it is read: each is good for one attempt. */
export async function takeFlowCookie(name: string): Promise<string | undefined> {
  const cookie = hostCookieFor(name, await publicPageUrl(db()));
  const jar = await cookies();
  const value = jar.get(cookie.name)?.value;
  if (value !== undefined) jar.delete(cookie.name);
  return value;
}

export async function currentSession(): Promise<LoadedSession | null> {
  const token = (await cookies()).get((await sessionCookie()).name)?.value;
  return loadSession(db(), token, new Date());
}

export interface Staff extends StaffContext {
  session: LoadedSession;
}

/**
 * For every console page and server action: a signed-in user who has passed MFA,
 * redirected to the step they still owe otherwise; throws when the role lacks `permission`.
 * `confirmedFor`: the action is a sensitive change (auth/step-up.ts); the path to return to
 * after "Confirm it's you".
 */
export async function requireStaff(permission: Permission = "console:read", options: { confirmedFor?: string } = {}): Promise<Staff> {
  const session = await currentSession();
  // The page asked for comes back after sign-in and the second factor (proxy.ts sets it).
  const asked = (await headers()).get(REQUEST_PATH_HEADER);
  if (!session) redirect(withReturnPath("/login", asked));
  // Verified by Vigil's code, or by the identity provider's MFA (OIDC_MFA=idp: maybe no authenticator here).
  if (!session.mfaVerifiedAt) redirect(session.user.mfaSecret ? withReturnPath("/mfa/verify", asked) : "/mfa/setup");
  const ctx = await requestContext();
  const staff: Staff = {
    session,
    sessionId: session.id,
    role: session.user.role as Role,
    actor: { id: session.user.id, email: session.user.email, ip: ctx.ip },
  };
  assertCan(staff, permission);
  // A sensitive change: password and code proven within the last minutes, else prove them and come back.
  if (options.confirmedFor !== undefined && needsStepUp(session.reauthenticatedAt, new Date())) {
    redirect(`/console/confirm?next=${encodeURIComponent(options.confirmedFor)}`);
  }
  return staff;
}

/**
 * For console route handlers (downloads): like requireStaff, but a role without `permission`
 * gets a plain-text 403 Response to return instead of the staff member.
 */
export async function requireStaffOrForbidden(permission: Permission): Promise<Staff | Response> {
  try {
    return await requireStaff(permission);
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response(`${error.message}\n`, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}

/** For console pages: like requireStaff, but a role without `permission` gets the 403 page. */
export async function requireStaffPage(permission: Permission = "console:read", options: { confirmedFor?: string } = {}): Promise<Staff> {
  try {
    return await requireStaff(permission, options);
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}
