"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import { ComponentPicker, type ComponentChoice } from "./ComponentPicker";

type Action<S> = (prev: S | undefined, formData: FormData) => Promise<S>;

export function ConfirmForm({ action }: { action: Action<FormState & { manageUrl?: string }> }) {
  const [state, formAction] = useActionState(action, undefined);
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <FormMessage state={state} />
        {state.manageUrl && (
          <p className="text-sm">
            You can{" "}
            <a href={state.manageUrl} className="underline">
              choose components or unsubscribe
            </a>{" "}
            at any time; every email has these links too.
          </p>
        )}
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton pendingText="Confirming…">Confirm my subscription</SubmitButton>
    </form>
  );
}

export function ManageForm({ action, choices, selected }: { action: Action<FormState>; choices: ComponentChoice[]; selected: string[] }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <ComponentPicker choices={choices} selected={selected} />
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
