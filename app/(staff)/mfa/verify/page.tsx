import type { Metadata } from "next";
import { connection } from "next/server";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/forms/AuthCard";
import { currentSession } from "@/lib/auth/next-session";
import { EmailCodeButton, VerifyForm } from "./VerifyForm";
import { configuredMailer } from "@/lib/mail/mailer";
import { PasskeyAssertion } from "@/components/forms/PasskeyForms";
import { listPasskeys } from "@/lib/auth/passkey-credentials";
import { db } from "@/lib/db";
import { consoleReturnPath } from "@/lib/auth/return-path";
import { passkeyFactorOptionsAction, verifyPasskeyAction } from "../actions";

export const metadata: Metadata = { title: "Two-step verification · Vigil" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function MfaVerifyPage({ searchParams }: Props) {
  await connection();
  const session = await currentSession();
  if (!session) redirect("/login");
  const asked = (await searchParams).next;
  const next = consoleReturnPath(typeof asked === "string" ? asked : null);
  if (session.mfaVerifiedAt) redirect(next);
  if (!session.user.mfaSecret) redirect("/mfa/setup");
  const hasPasskey = (await listPasskeys(db(), session.user.id)).length > 0;
  return (
    <AuthCard title="Two-step verification">
      <VerifyForm next={next} />
      {hasPasskey && (
        <div className="mt-6 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <PasskeyAssertion begin={passkeyFactorOptionsAction} finish={verifyPasskeyAction} label="Use a passkey instead" next={next} />
        </div>
      )}
      <details className="mt-6 text-sm text-zinc-600 dark:text-zinc-400">
        <summary className="cursor-pointer">Lost your device?</summary>
        <p className="mt-2">
          Enter one of the recovery codes you saved when you set up your app
          {session.user.backupEmailConfirmedAt && configuredMailer() ? ", or have a one-time code sent to your backup email" : ""}. If you have neither, ask an
          admin to reset your two-step sign-in; you will set up a new device at your next sign-in. Vigil does not use security questions: their answers are easy
          to find or guess, which is why NIST SP 800-63B rejects them.
        </p>
        {session.user.backupEmailConfirmedAt && configuredMailer() && <EmailCodeButton />}
      </details>
    </AuthCard>
  );
}
