"use client";

// The browser's half of passkeys: ask the server for options, let the browser talk to the
// authenticator (@simplewebauthn/browser), send its answer back. The server actions come in
// as props; the challenge stays on the server, behind an HttpOnly cookie.
import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from "@simplewebauthn/browser";
import { useActionState } from "react";
import type { FormState } from "@/lib/forms";
import { Field, fieldProps, FormMessage, inputClass } from "./fields";

/** What an options action returns: the browser's options, or why there are none. (Like every form action it takes the previous state, unread.) */
export interface PasskeyOptionsState<T> extends FormState {
  options?: T;
}

type Finish = (prev: FormState | undefined, formData: FormData) => Promise<FormState>;

const UNSUPPORTED: FormState = { ok: false, message: "This browser cannot use passkeys. Sign in with your password instead." };

/** What the browser's refusal means to the person (its own messages are for developers). */
function browserProblem(error: unknown): FormState {
  const code = error instanceof WebAuthnError ? error.code : error instanceof Error ? error.name : "";
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return { ok: false, message: "This device already holds a passkey for your account." };
  if (code === "NotAllowedError" || code === "ERROR_CEREMONY_ABORTED") return { ok: false, message: "The passkey request was cancelled or timed out." };
  return { ok: false, message: "Your browser could not use a passkey here." };
}

const buttonClass = "rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold disabled:opacity-60 dark:border-zinc-700";

/** "Sign in with a passkey" on the sign-in page, or "Use a passkey" as the second factor. */
export function PasskeyAssertion({
  begin,
  finish,
  label,
  next,
}: {
  begin: (prev: FormState | undefined) => Promise<PasskeyOptionsState<PublicKeyCredentialRequestOptionsJSON>>;
  finish: Finish;
  label: string;
  /** The console page to land on afterwards. */
  next?: string;
}) {
  const [state, action, pending] = useActionState(async (prev: FormState | undefined): Promise<FormState> => {
    if (!browserSupportsWebAuthn()) return UNSUPPORTED;
    const started = await begin(prev);
    if (!started.options) return started;
    const answer = new FormData();
    if (next) answer.set("next", next);
    try {
      answer.set("response", JSON.stringify(await startAuthentication({ optionsJSON: started.options })));
    } catch (error) {
      return browserProblem(error);
    }
    return finish(prev, answer);
  }, undefined);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Waiting for your passkey…" : label}
      </button>
    </form>
  );
}

/** Names and adds a passkey from the account page. */
export function PasskeyRegistration({
  begin,
  finish,
}: {
  begin: (prev: FormState | undefined) => Promise<PasskeyOptionsState<PublicKeyCredentialCreationOptionsJSON>>;
  finish: Finish;
}) {
  const [state, action, pending] = useActionState(async (prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = { name: String(formData.get("name") ?? "") };
    if (!browserSupportsWebAuthn()) return { ...UNSUPPORTED, values };
    const started = await begin(prev);
    if (!started.options) return { ...started, values };
    try {
      formData.set("response", JSON.stringify(await startRegistration({ optionsJSON: started.options })));
    } catch (error) {
      return { ...browserProblem(error), values };
    }
    return finish(prev, formData);
  }, undefined);
  return (
    <form key={state?.ok ? "done" : "draft"} action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field label="Passkey name" name="name" id="passkey-name" state={state} hint="So you can tell your passkeys apart: Work laptop, Phone…">
        <input {...fieldProps("name", state, "", "passkey-name")} maxLength={60} className={`${inputClass} max-w-xs`} />
      </Field>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 disabled:opacity-60"
      >
        {pending ? "Waiting for your passkey…" : "Add a passkey"}
      </button>
    </form>
  );
}
