"use client";

import { RecoveryCodes } from "@/components/console/RecoveryCodes";
import { useActionState } from "react";
import { CopyButton } from "@/components/console/CopyButton";
import { Field, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import { confirmMfa } from "../actions";

export function EnrolForm({ qrSvg, secret, uri }: { qrSvg: string; secret: string; uri: string }) {
  const [state, action] = useActionState(confirmMfa, undefined);
  if (state?.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} />;
  const grouped = secret.match(/.{1,4}/g)?.join(" ") ?? secret;
  return (
    <div className="space-y-6">
      <ol className="list-decimal space-y-2 pl-5 text-sm">
        <li>Open your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…).</li>
        <li>Scan this QR code with it.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div
        role="img"
        aria-label="QR code for your authenticator app"
        data-otpauth={uri}
        className="mx-auto w-48 rounded-md bg-white p-2"
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-teal-800 dark:text-teal-400">
          Can’t scan the QR code? Enter a setup key instead
        </summary>
        <div className="mt-3 space-y-2">
          <p>In your app, choose to enter a key manually, pick “time-based”, and type this key:</p>
          <div className="flex items-center gap-2">
            <code data-testid="setup-key" className="rounded bg-zinc-100 px-2 py-1 font-mono tracking-wider dark:bg-zinc-800">
              {grouped}
            </code>
            <CopyButton text={secret} />
          </div>
        </div>
      </details>
      <form action={action} className="space-y-4" noValidate>
        <FormMessage state={state} />
        <Field label="6-digit code" name="code" state={state}>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} className={inputClass} />
        </Field>
        <SubmitButton pendingText="Checking…">Turn on two-step sign-in</SubmitButton>
      </form>
    </div>
  );
}
