"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import { INCIDENT_STATUS_LABELS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "@/lib/status/schemas";
import { createTemplateAction } from "./actions";

export function TemplateForm() {
  const [state, action] = useActionState(createTemplateAction, undefined);
  return (
    <form key={state?.ok ? state.message : "draft"} action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Template name" name="name" state={state}>
          <input {...fieldProps("name", state)} placeholder="Email delivery delays" className={inputClass} />
        </Field>
        <Field label="Incident name" name="title" state={state}>
          <input {...fieldProps("title", state)} className={inputClass} />
        </Field>
        <Field label="Status" name="status" state={state}>
          <select {...fieldProps("status", state, "investigating")} className={inputClass}>
            <optgroup label="Incident">
              {INCIDENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {INCIDENT_STATUS_LABELS[s]}
                </option>
              ))}
            </optgroup>
            <optgroup label="Maintenance">
              {MAINTENANCE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {INCIDENT_STATUS_LABELS[s]}
                </option>
              ))}
            </optgroup>
          </select>
        </Field>
      </div>
      <Field label="Message (Markdown)" name="body" state={state}>
        <textarea {...fieldProps("body", state)} rows={4} className={`${inputClass} font-mono`} />
      </Field>
      <SubmitButton>Save template</SubmitButton>
    </form>
  );
}
