"use client";

import { useActionState } from "react";
import { HeartbeatSecretBox, type ProbeFormState } from "@/components/console/ProbeForm";

/** "New token" for a heartbeat: the new URL and its curl lines are shown once, here. */
export function HeartbeatTokenButton({
  action,
  label,
}: {
  action: (prev: ProbeFormState | undefined, formData: FormData) => Promise<ProbeFormState>;
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm("Issue a new URL? The current one stops working at once.")) e.preventDefault();
      }}
      className="space-y-2"
    >
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium disabled:opacity-60 dark:border-zinc-700"
      >
        {label}
      </button>
      {state?.message && (
        <p role={state.ok ? "status" : "alert"} className={`text-xs ${state.ok ? "text-green-800 dark:text-green-300" : "text-red-700 dark:text-red-400"}`}>
          {state.message}
        </p>
      )}
      {state?.heartbeat && <HeartbeatSecretBox secret={state.heartbeat} />}
    </form>
  );
}
