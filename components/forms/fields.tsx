"use client";

import { useFormStatus } from "react-dom";
import type { FormState } from "@/lib/forms";

export const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600/30 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

export function Field({
  label,
  name,
  state,
  hint,
  id = name,
  children,
}: {
  label: string;
  name: string;
  state: FormState | undefined;
  hint?: React.ReactNode;
  /** When one page has two forms with the same field names. */
  id?: string;
  children: React.ReactNode;
}) {
  const error = state?.fields?.[name];
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && !error && <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** Field attributes: the submitted value back after an error, and the error wired for screen readers. */
export function fieldProps(name: string, state: FormState | undefined, fallback = "", id = name) {
  const error = state?.fields?.[name];
  return {
    id,
    name,
    defaultValue: state?.values?.[name] ?? fallback,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  };
}

/** Disabled while the form is submitting, so a double click cannot post twice. */
export function SubmitButton({ children, pendingText }: { children: React.ReactNode; pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 disabled:opacity-60"
    >
      {pending ? (pendingText ?? "Saving…") : children}
    </button>
  );
}

export function FormMessage({ state }: { state: FormState | undefined }) {
  if (!state?.message) return null;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      className={`rounded-md px-3 py-2 text-sm ${
        state.ok ? "bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-200" : "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200"
      }`}
    >
      {state.message}
    </p>
  );
}
