"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { StateAction } from "@/lib/forms";
import { MIRROR_INTERVAL_SECONDS } from "@/lib/vendors/schemas";

/** Where a third-party component reads its status: a vendor's Statuspage-compatible page. */
export function VendorMirrorForm({
  action,
  initial,
}: {
  action: StateAction;
  initial: { url: string; vendorComponent: string; intervalSeconds: number } | null;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field
        label="Vendor's status page"
        name="url"
        state={state}
        hint="Its address or its summary.json, e.g. https://www.githubstatus.com (any Statuspage-compatible page, Vigil's too)."
      >
        <input {...fieldProps("url", state, initial?.url ?? "")} type="url" inputMode="url" className={inputClass} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Vendor's component" name="vendorComponent" state={state} hint="Its name or id on their page; empty: their overall status.">
          <input {...fieldProps("vendorComponent", state, initial?.vendorComponent ?? "")} className={inputClass} />
        </Field>
        <Field label="Check every (seconds)" name="intervalSeconds" state={state}>
          <input
            {...fieldProps("intervalSeconds", state, String(initial?.intervalSeconds ?? MIRROR_INTERVAL_SECONDS.default))}
            type="number"
            min={MIRROR_INTERVAL_SECONDS.min}
            max={MIRROR_INTERVAL_SECONDS.max}
            className={inputClass}
          />
        </Field>
      </div>
      <SubmitButton pendingText="Reading their page…">{initial ? "Save" : "Mirror this vendor"}</SubmitButton>
    </form>
  );
}
