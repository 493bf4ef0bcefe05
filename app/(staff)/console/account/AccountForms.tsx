"use client";

import { useActionState } from "react";
import { Field, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import { RecoveryCodes } from "@/components/console/RecoveryCodes";
import { backupEmailAction, changeDeviceAction, changePasswordAction, regenerateCodesAction } from "./actions";
import type { StateAction } from "@/lib/forms";

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, undefined);
  return (
    <form key={state?.ok ? "done" : "draft"} action={action} className="grid gap-4 sm:grid-cols-3" noValidate>
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
      <Field label="Current password" name="current" state={state}>
        <input id="current" name="current" type="password" autoComplete="current-password" className={inputClass} />
      </Field>
      <Field label="New password" name="next" state={state}>
        <input id="next" name="next" type="password" autoComplete="new-password" className={inputClass} />
      </Field>
      <Field label="New password again" name="confirm" state={state}>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" className={inputClass} />
      </Field>
      <div>
        <SubmitButton>Change password</SubmitButton>
      </div>
    </form>
  );
}

export function ChangeDeviceForm() {
  const [state, action] = useActionState(changeDeviceAction, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field label="A current code from your app, or a recovery code" name="code" state={state}>
        <input id="code" name="code" autoComplete="one-time-code" className={`${inputClass} max-w-xs`} />
      </Field>
      <SubmitButton pendingText="Checking…">Continue to set up the new device</SubmitButton>
    </form>
  );
}

export function RegenerateCodes() {
  const [state, action] = useActionState(regenerateCodesAction, undefined);
  if (state?.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} />;
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton pendingText="Generating…">Generate new recovery codes</SubmitButton>
      <p className="text-xs text-zinc-500">Your old codes stop working at once.</p>
    </form>
  );
}

export function BackupEmailForm() {
  const [state, action] = useActionState(backupEmailAction, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field label="Backup email address" name="email" state={state} hint="Not the address you sign in with: one you can still read if that account is lost.">
        <input id="email" name="email" type="email" defaultValue={state?.ok ? "" : (state?.values?.email ?? "")} className={`${inputClass} max-w-md`} />
      </Field>
      <SubmitButton pendingText="Sending…">Send confirmation link</SubmitButton>
    </form>
  );
}

export function RenamePasskeyForm({ rename, name }: { rename: StateAction; name: string }) {
  const [state, action, pending] = useActionState(rename, undefined);
  return (
    <form action={action} className="inline-flex flex-wrap items-center gap-2">
      <input
        name="name"
        defaultValue={name}
        maxLength={60}
        aria-label={`New name for ${name}`}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button type="submit" disabled={pending} className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium dark:border-zinc-700">
        Rename
      </button>
      {state?.message && (
        <span role={state.ok ? "status" : "alert"} className="text-xs">
          {state.fields?.name ?? state.message}
        </span>
      )}
    </form>
  );
}
