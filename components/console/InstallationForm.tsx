"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";

export function InstallationForm({
  action,
  initial,
}: {
  action: (prev: FormState | undefined, formData: FormData) => Promise<FormState>;
  initial: { allowMetadataProbeTargets: boolean; monthlyReportEnabled: boolean };
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="grid gap-3">
      <FormMessage state={state} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="allowMetadataProbeTargets" defaultChecked={initial.allowMetadataProbeTargets} className="mt-0.5 h-4 w-4" />
        <span>
          <span className="font-medium">Let probes reach link-local and cloud metadata addresses</span>
          <span className="block text-xs text-zinc-600 dark:text-zinc-400">
            169.254.0.0/16, fe80::/10, fd00:ec2::254, 100.100.100.200 and the like. Off, no editor's probe can read this server's cloud credentials. Private
            networks (10.x, 192.168.x, localhost) are always allowed: that is what internal services use.
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="monthlyReportEnabled" defaultChecked={initial.monthlyReportEnabled} className="mt-0.5 h-4 w-4" />
        <span>
          <span className="font-medium">Email admins a monthly uptime report</span>
          <span className="block text-xs text-zinc-600 dark:text-zinc-400">
            On the 1st of each month: last month's uptime of every component against its target, and its incidents.
          </span>
        </span>
      </label>
      <div>
        <SubmitButton>Save</SubmitButton>
      </div>
    </form>
  );
}
