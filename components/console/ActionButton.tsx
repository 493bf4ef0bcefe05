"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms";

/** A one-button form for a server action, with its result shown beside it. */
export function ActionButton({
  action,
  label,
  confirm,
  danger,
}: {
  action: (prev: FormState | undefined, formData: FormData) => Promise<FormState>;
  label: string;
  confirm?: string;
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
      className="inline-flex items-center gap-2"
    >
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md border px-2 py-1 text-xs font-medium disabled:opacity-60 ${
          danger ? "border-red-300 text-red-800 dark:border-red-800 dark:text-red-300" : "border-zinc-300 dark:border-zinc-700"
        }`}
      >
        {label}
      </button>
      {state?.message && (
        <span role={state.ok ? "status" : "alert"} className={`text-xs ${state.ok ? "text-green-800 dark:text-green-300" : "text-red-700 dark:text-red-400"}`}>
          {state.message}
        </span>
      )}
    </form>
  );
}

export function RoleSelect({ action, current }: { action: (prev: FormState | undefined, formData: FormData) => Promise<FormState>; current: string }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <select
        name="role"
        defaultValue={current}
        aria-label="Role"
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="admin">admin</option>
        <option value="editor">editor</option>
        <option value="viewer">viewer</option>
      </select>
      <button type="submit" disabled={pending} className="rounded-md border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700">
        Save
      </button>
      {state?.message && (
        <span role={state.ok ? "status" : "alert"} className="text-xs">
          {state.message}
        </span>
      )}
    </form>
  );
}
