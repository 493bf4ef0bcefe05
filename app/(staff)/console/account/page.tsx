import type { Metadata } from "next";
import { ActionButton } from "@/components/console/ActionButton";
import { requireStaffPage } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { loadPageSetting } from "@/lib/public/queries";
import { countLegacyRecoveryCodes, countUnusedRecoveryCodes, listOwnSessions } from "@/lib/team/queries";
import { formatDateTime } from "@/lib/time/zoned";
import { PasskeyRegistration } from "@/components/forms/PasskeyForms";
import { listPasskeys } from "@/lib/auth/passkey-credentials";
import { revokeSessionAction } from "./actions";
import { BackupEmailForm, ChangeDeviceForm, ChangePasswordForm, RegenerateCodes, RenamePasskeyForm } from "./AccountForms";
import { passkeyRegistrationOptionsAction, registerPasskeyAction, removePasskeyAction, renamePasskeyAction } from "./passkey-actions";
import { configuredMailer } from "@/lib/mail/mailer";

export const metadata: Metadata = { title: "Your account · Vigil console" };

const card = "rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";

export default async function AccountPage() {
  const staff = await requireStaffPage();
  const [sessions, page, remaining, legacy, passkeys] = await Promise.all([
    listOwnSessions(db(), staff.actor.id!),
    loadPageSetting(db()),
    countUnusedRecoveryCodes(db(), staff.actor.id!),
    countLegacyRecoveryCodes(db(), staff.actor.id!),
    listPasskeys(db(), staff.actor.id!),
  ]);
  return (
    <>
      <h1 className="text-2xl font-bold">Your account</h1>
      <section aria-labelledby="sessions" className={card}>
        <h2 id="sessions" className="mb-3 font-semibold">
          Where you’re signed in
        </h2>
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {s.userAgent?.slice(0, 80) ?? "Unknown browser"} · {s.ip ?? "unknown IP"} · last active {formatDateTime(s.lastSeenAt, page.timeZone)}
                {s.id === staff.sessionId && <strong> (this session)</strong>}
              </span>
              {s.id !== staff.sessionId && <ActionButton action={revokeSessionAction.bind(null, s.id)} label="Sign out" />}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="password" className={card}>
        <h2 id="password" className="mb-3 font-semibold">
          Change password
        </h2>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="device" className={card}>
        <h2 id="device" className="mb-1 font-semibold">
          Change the device you use for MFA
        </h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          Prove you have your current factor, then scan a new QR code. The old device stops working at once, and your other sessions are signed out.
        </p>
        <ChangeDeviceForm />
      </section>
      <section aria-labelledby="passkeys" className={card}>
        <h2 id="passkeys" className="mb-1 font-semibold">
          Passkeys
        </h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          Sign in with your fingerprint, face or device PIN alone: a passkey is both your password and your code. Vigil keeps only its public key. Your
          authenticator app stays what you fall back on.
        </p>
        {passkeys.length > 0 && (
          <ul aria-label="Your passkeys" className="mb-4 divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
            {passkeys.map((p) => (
              <li key={p.id} data-passkey={p.name} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <strong>{p.name}</strong> · added {formatDateTime(p.createdAt, page.timeZone)} · last used{" "}
                  {p.lastUsedAt ? formatDateTime(p.lastUsedAt, page.timeZone) : "never"}
                  {p.backedUp && " · synced"}
                </span>
                <span className="flex flex-wrap items-center gap-2">
                  <RenamePasskeyForm rename={renamePasskeyAction.bind(null, p.id)} name={p.name} />
                  <ActionButton action={removePasskeyAction.bind(null, p.id)} label="Remove" confirm={`Remove the passkey “${p.name}”?`} danger />
                </span>
              </li>
            ))}
          </ul>
        )}
        <PasskeyRegistration begin={passkeyRegistrationOptionsAction} finish={registerPasskeyAction} />
      </section>
      <section aria-labelledby="backup" className={card}>
        <h2 id="backup" className="mb-1 font-semibold">
          Backup email
        </h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          {staff.session.user.backupEmail
            ? staff.session.user.backupEmailConfirmedAt
              ? `${staff.session.user.backupEmail} (confirmed): “Lost your device?” can send a one-time sign-in code there.`
              : `${staff.session.user.backupEmail} is waiting for you to open the confirmation link we sent.`
            : "If you lose your device, a one-time sign-in code can be sent to a second address you confirmed."}{" "}
          Vigil has no security questions: their answers are easy to find or guess, which is why NIST SP 800-63B rejects them.
        </p>
        {configuredMailer() ? (
          <BackupEmailForm />
        ) : (
          <p className="text-sm text-zinc-500">Email is not set up on this server (SMTP_HOST), so backup addresses are off.</p>
        )}
      </section>
      <section aria-labelledby="codes" className={card}>
        <h2 id="codes" className="mb-1 font-semibold">
          Recovery codes
        </h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">{remaining} of 10 unused.</p>
        {legacy > 0 && (
          <p role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            Your recovery codes are the older, shorter kind. They still work, but new ones are much harder to guess: generate new codes and save them.
          </p>
        )}
        <RegenerateCodes />
      </section>
    </>
  );
}
