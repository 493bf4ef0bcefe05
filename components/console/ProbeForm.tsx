"use client";

import { useActionState, useState } from "react";
import { FormMessage, inputClass } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import {
  CHECK_KIND_LABELS,
  CHECK_KINDS,
  DNS_RECORD_TYPES,
  HTTP_METHODS,
  INTERVAL_SECONDS,
  MAX_REDIRECTS,
  RECHECK_SECONDS,
  TIMEOUT_MS,
  TLS_DEFAULTS,
} from "@/lib/probes/kinds";

// Add or edit a probe: the fields of the chosen kind, its schedule and the
// confirmation thresholds, with "Test now" running the check once before saving.
// Inputs are named by schema path ("check.url"), so each zod message lands next to
// its input; ids are prefixed because the page holds several of these forms.
// Kinds, methods, record types and limits come from lib/probes/kinds.ts, the lists the
// schemas themselves use (checks/config.ts imports node:net, so it cannot come here).

type Action = (prev: FormState | undefined, formData: FormData) => Promise<FormState>;

export interface TestState extends FormState {
  result?: {
    outcome: "ok" | "degraded" | "failed";
    errorClass: string | null;
    message: string;
    latencyMs: number;
    timings: Record<string, number>;
    statusCode: number | null;
    region: string;
  };
}

export function ProbeForm({
  idPrefix,
  action,
  test,
  initial,
  submitLabel,
  skippedSlots,
}: {
  idPrefix: string;
  action: Action;
  test: (prev: TestState | undefined, formData: FormData) => Promise<TestState>;
  initial: Record<string, string>;
  submitLabel: string;
  /** A saved probe's slots skipped so far (all regions), shown by the timeout that usually causes them. */
  skippedSlots?: number;
}) {
  const [last, setLast] = useState<"save" | "test">("save");
  // `last` switches in the same update as the result it belongs to: switching it on
  // click would re-render the fields with the other action's values before submitting.
  const [saved, saveAction, saving] = useActionState(async (prev: Awaited<ReturnType<Action>> | undefined, formData: FormData) => {
    const result = await action(prev, formData);
    setLast("save");
    return result;
  }, undefined);
  const [tested, testAction, testing] = useActionState(async (prev: TestState | undefined, formData: FormData) => {
    const result = await test(prev, formData);
    setLast("test");
    return result;
  }, undefined);
  const [kind, setKind] = useState(initial["check.kind"] ?? "http");
  const [mode, setMode] = useState(initial["schedule.mode"] ?? "interval");
  const state = last === "test" ? tested : saved;
  // After an action React resets the form to these defaults: the submitted values come back.
  const values = state?.values ?? saved?.values ?? initial;
  const fields = state?.fields ?? {};
  const id = (name: string) => `${idPrefix}-${name.replace(/\./g, "-")}`;

  const props = (name: string, hint?: string) => ({
    id: id(name),
    name,
    defaultValue: values[name] ?? initial[name] ?? "",
    "aria-invalid": fields[name] ? true : undefined,
    "aria-describedby": fields[name] ? `${id(name)}-error` : hint ? `${id(name)}-hint` : undefined,
  });
  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => (
    <div>
      <label htmlFor={id(name)} className="block text-sm font-medium">
        {label}
      </label>
      {input}
      {hint && !fields[name] && (
        <p id={`${id(name)}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {fields[name] && (
        <p id={`${id(name)}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {fields[name]}
        </p>
      )}
    </div>
  );
  const text = (name: string, label: string, hint?: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) =>
    field(name, label, <input {...props(name, hint)} {...extra} className={inputClass} />, hint);
  const number = (name: string, label: string, hint?: string) => text(name, label, hint, { inputMode: "numeric" });
  const area = (name: string, label: string, hint?: string) =>
    field(name, label, <textarea {...props(name, hint)} rows={3} className={`${inputClass} font-mono`} />, hint);
  const select = (name: string, label: string, options: readonly string[]) =>
    field(
      name,
      label,
      <select {...props(name)} className={inputClass}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>,
    );
  const checkbox = (name: string, label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={(values[name] ?? "") === "on"} className="h-4 w-4" />
      {label}
    </label>
  );

  return (
    <form action={saveAction} className="space-y-4" noValidate>
      <FormMessage state={state?.message ? state : undefined} />
      <div className="grid gap-4 sm:grid-cols-2">
        {text("name", "Name (optional)", "Shown in the status history; empty: named after its target.")}
        {field(
          "check.kind",
          "Kind of check",
          <select
            id={id("check.kind")}
            name="check.kind"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            aria-invalid={fields["check.kind"] ? true : undefined}
            aria-describedby={fields["check.kind"] ? `${id("check.kind")}-error` : undefined}
            className={inputClass}
          >
            {CHECK_KINDS.map((k) => (
              <option key={k} value={k}>
                {CHECK_KIND_LABELS[k]}
              </option>
            ))}
          </select>,
        )}
      </div>

      {kind === "http" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">{text("check.url", "URL", "e.g. https://api.example.com/health", { type: "url" })}</div>
          {select("check.method", "Method", HTTP_METHODS)}
          {text("check.expectedStatus", "Expected status codes", 'Codes and ranges, e.g. "200-299,301".')}
          {text("check.bodyContains", "Body must contain (optional)")}
          {text("check.bodyNotContains", "Body must not contain (optional)")}
          {area("check.jsonAssertions", "JSON assertions (optional)", 'One per line: $.status == "UP", $.items[0] exists, $.queue < 100.')}
          {area("check.headers", "Request headers (optional)", "One per line: Name: value. Values are hidden in the audit log.")}
          {area("check.body", "Request body (optional, not with GET or HEAD)")}
          <div className="space-y-2 self-center">
            {checkbox("check.followRedirects", `Follow redirects (up to ${MAX_REDIRECTS.default})`)}
            {checkbox("check.verifyTls", "Verify the TLS certificate")}
          </div>
        </div>
      )}
      {kind === "tcp" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("check.host", "Host", "A hostname or IP address.")}
          {number("check.port", "Port")}
        </div>
      )}
      {kind === "dns" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("check.name", "Name to resolve", "e.g. example.com")}
          {select("check.recordType", "Record type", DNS_RECORD_TYPES)}
          {text("check.expected", "Expected value (optional)", "The check fails unless one answer equals it.")}
          {text("check.resolver", "Resolver (optional)", "e.g. 10.0.0.53 or 10.0.0.53:5353; empty: the system's.")}
        </div>
      )}
      {kind === "tls" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("check.host", "Host")}
          {number("check.port", "Port", `Usually ${TLS_DEFAULTS.port}.`)}
          {text("check.servername", "Server name (optional)", "SNI, when it differs from the host.")}
          {number("check.warnDays", "Degraded when it expires within (days)")}
          {number("check.criticalDays", "Failing when it expires within (days)")}
          <div className="self-center">{checkbox("check.verifyTls", "Verify the certificate chain")}</div>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {number(
          "check.timeoutMs",
          "Timeout (ms)",
          `${TIMEOUT_MS.min} to ${TIMEOUT_MS.max}, below the interval. Empty: ${TIMEOUT_MS.default / 1000} s, or half a shorter interval.` +
            (skippedSlots === undefined
              ? ""
              : ` Skipped slots so far: ${skippedSlots}${skippedSlots > 0 ? " (a check still running when the next was due, or the worker behind)" : ""}.`),
        )}
        {kind !== "tls" && number("check.degradedAboveMs", "Degraded above (ms, optional)", "Slower answers count as degraded.")}
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Schedule</legend>
        {fields.schedule && <p className="text-sm text-red-700 dark:text-red-400">{fields.schedule}</p>}
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="schedule.mode" value="interval" checked={mode === "interval"} onChange={() => setMode("interval")} />
            Every N seconds
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="schedule.mode" value="cron" checked={mode === "cron"} onChange={() => setMode("cron")} />
            Cron expression
          </label>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {mode === "interval"
            ? number(
                "schedule.intervalSeconds",
                "Interval (seconds)",
                `${INTERVAL_SECONDS.min} to ${INTERVAL_SECONDS.max}. Runs are spread across the interval.`,
              )
            : text("schedule.cron", "Cron (UTC, seconds allowed)", 'e.g. "*/30 * * * * *" or "0 */5 * * * *".')}
          {number("schedule.jitterSeconds", "Random delay up to (seconds, optional)")}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">When a change counts</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {number("thresholds.failuresToDown", "Down after N failures in a row")}
          {number("thresholds.successesToUp", "Up after N successes in a row")}
          {number("thresholds.slowToDegraded", "Degraded after N slow checks")}
          {number(
            "thresholds.recheckSeconds",
            "Re-check after (seconds)",
            `While a change is being confirmed, the next check comes this soon instead of at the next run. 0 (off) to ${RECHECK_SECONDS.max}.`,
          )}
        </div>
      </fieldset>
      {checkbox("enabled", "Enabled (runs on its schedule and decides the component's status)")}

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={saving || testing}
          className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 disabled:opacity-60"
        >
          {saving ? "Saving…" : submitLabel}
        </button>
        <button
          type="submit"
          formAction={testAction}
          disabled={saving || testing}
          className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-medium disabled:opacity-60 dark:border-zinc-700"
        >
          {testing ? "Testing…" : "Test now"}
        </button>
      </div>
      <TestResult state={last === "test" ? tested : undefined} testing={testing} />
    </form>
  );
}

const OUTCOME_CLASS = {
  ok: "bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-200",
  degraded: "bg-yellow-50 text-yellow-900 dark:bg-yellow-950 dark:text-yellow-200",
  failed: "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200",
} as const;

function TestResult({ state, testing }: { state: TestState | undefined; testing: boolean }) {
  const r = state?.result;
  return (
    <div role="status" aria-live="polite">
      {testing && <p className="text-sm">Running the check once…</p>}
      {!testing && r && (
        <div className={`rounded-md px-3 py-2 text-sm ${OUTCOME_CLASS[r.outcome]}`}>
          <p className="font-semibold">
            Test result: {r.outcome === "ok" ? "OK" : r.outcome === "degraded" ? "Degraded" : "Failed"}
            {r.errorClass ? ` (${r.errorClass.replace(/_/g, " ")})` : ""} in {r.latencyMs} ms
          </p>
          <p>{r.message}</p>
          <p className="text-xs">
            {r.statusCode !== null ? `Status ${r.statusCode} · ` : ""}
            {Object.entries(r.timings)
              .filter(([k]) => k !== "totalMs")
              .map(([k, v]) => `${k.replace(/Ms$/, "")} ${v} ms`)
              .join(" · ")}
            {` · from region ${r.region} · not saved`}
          </p>
        </div>
      )}
    </div>
  );
}
