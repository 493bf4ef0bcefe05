"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import { ComponentPicker, type ComponentChoice } from "./ComponentPicker";
import type { TokenFormText } from "./text";

type Action<S> = (prev: S | undefined, formData: FormData) => Promise<S>;

export function ConfirmForm({ action, text }: { action: Action<FormState & { manageUrl?: string }>; text: TokenFormText }) {
  const [state, formAction] = useActionState(action, undefined);
  if (state?.ok) {
    const [before, link, after] = text.manageLater;
    return (
      <div className="space-y-3">
        <FormMessage state={state} />
        {state.manageUrl && (
          <p className="text-sm">
            {before}
            <a href={state.manageUrl} className="underline">
              {link}
            </a>
            {after}
          </p>
        )}
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton pendingText={text.confirming}>{text.confirm}</SubmitButton>
    </form>
  );
}

export function ManageForm({
  action,
  choices,
  selected,
  text,
}: {
  action: Action<FormState>;
  choices: ComponentChoice[];
  selected: string[];
  text: TokenFormText;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <ComponentPicker choices={choices} selected={selected} text={text.picker} />
      <SubmitButton pendingText={text.saving}>{text.save}</SubmitButton>
    </form>
  );
}
