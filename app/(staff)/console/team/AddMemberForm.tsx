"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import { inviteMemberAction } from "./actions";

export function AddMemberForm() {
  const [state, action] = useActionState(inviteMemberAction, undefined);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <FormMessage state={state} />
        {state?.link && (
          <p className="mt-2 text-sm">
            Invitation link:{" "}
            <input
              readOnly
              value={state.link}
              aria-label="Invitation link"
              className={`${inputClass} font-mono text-xs`}
              onFocus={(e) => e.currentTarget.select()}
            />
          </p>
        )}
      </div>
      <Field label="Name" name="name" state={state}>
        <input {...fieldProps("name", state)} className={inputClass} />
      </Field>
      <Field label="Email" name="email" state={state}>
        <input {...fieldProps("email", state)} type="email" className={inputClass} />
      </Field>
      <Field label="Role" name="role" state={state}>
        <select {...fieldProps("role", state, "editor")} className={inputClass}>
          <option value="viewer">Viewer — read-only console</option>
          <option value="editor">Editor — incidents, maintenance, components</option>
          <option value="admin">Admin — everything, including the team</option>
        </select>
      </Field>
      <div>
        <SubmitButton pendingText="Inviting…">Invite member</SubmitButton>
      </div>
    </form>
  );
}
