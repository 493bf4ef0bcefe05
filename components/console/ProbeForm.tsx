"use client";

import { useActionState, useState } from "react";
import { CopyButton } from "@/components/console/CopyButton";
import { FormMessage, inputClass } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import {
  type CheckKind,
  CHECK_KIND_LABELS,
  CHECK_KINDS,
  DNS_RECORD_TYPES,
  HEARTBEAT_GRACE_SECONDS,
  HTTP_AUTH_TYPES,
  HTTP_METHODS,
  INTERVAL_SECONDS,
  MAIL_PROTOCOLS,
  MAIL_TLS_MODES,
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

/** A save that issued a heartbeat token carries it, with its URL's curl lines, to show once. */
export interface ProbeFormState extends FormState {
  heartbeat?: HeartbeatSecret;
}

export interface HeartbeatSecret {
  token: string;
  url: string;
  lines: { label: string; command: string }[];
}

type Action = (prev: ProbeFormState | undefined, formData: FormData) => Promise<ProbeFormState>;

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
  unavailable,
}: {
  idPrefix: string;
  action: Action;
  test: (prev: TestState | undefined, formData: FormData) => Promise<TestState>;
  initial: Record<string, string>;
  submitLabel: string;
  /** A saved probe's slots skipped so far (all regions), shown by the timeout that usually causes them. */
  skippedSlots?: number;
  /** Kinds this server cannot run, with the reason (ICMP without permission to ping). */
  unavailable?: Partial<Record<CheckKind, string>>;
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
      {last === "save" && saved?.heartbeat && <HeartbeatSecretBox secret={saved.heartbeat} />}
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
              <option key={k} value={k} disabled={unavailable?.[k] !== undefined && k !== kind}>
                {CHECK_KIND_LABELS[k]}
                {unavailable?.[k] ? ` (unavailable: ${unavailable[k]})` : ""}
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
          {select("check.authType", "Authentication", HTTP_AUTH_TYPES)}
          {text("check.authUsername", "Basic auth user name", "With authentication basic.")}
          {text(
            "check.authPassword",
            "Basic auth password",
            initial["check.authType"] === "basic" ? "Saved and never shown; leave empty to keep it." : "Encrypted at rest, never shown again.",
            { type: "password", autoComplete: "new-password" },
          )}
          {text(
            "check.authToken",
            "Bearer token",
            initial["check.authType"] === "bearer" ? "Saved and never shown; leave empty to keep it." : "Sent as Authorization: Bearer …; encrypted at rest.",
            { type: "password", autoComplete: "off" },
          )}
          {area("check.clientCert", "Client certificate (optional, PEM)", "For mutual TLS with an https:// URL.")}
          {area(
            "check.clientKey",
            "Client certificate's private key (PEM)",
            initial["check.clientCert"] ? "Saved and never shown; leave empty to keep it." : "Unencrypted PEM; encrypted at rest, never shown again.",
          )}
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
          {text("check.send", "Send once connected (optional)", "e.g. PING\\r\\n: \\r\\n, \\n and \\t are sent as line breaks and tabs.")}
          {text("check.bannerContains", "The answer must contain (optional)", "Read until it appears or the timeout, e.g. SSH-2.0 or +PONG.")}
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
      {kind === "websocket" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">{text("check.url", "URL", "ws:// or wss://, e.g. wss://api.example.com/socket")}</div>
          {text("check.send", "Message to send (optional)", 'Sent as text once connected, e.g. {"type":"ping"}.')}
          {text("check.expectContains", "A reply must contain (optional)", "Waits for a message with this text until the timeout.")}
          <div className="self-center">{checkbox("check.verifyTls", "Verify the TLS certificate (wss://)")}</div>
        </div>
      )}
      {kind === "grpc" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("check.host", "Host")}
          {number("check.port", "Port")}
          {text("check.service", "Service (optional)", "e.g. my.package.Orders; empty: the server as a whole. SERVING is up.")}
          <div className="space-y-2 self-center">
            {checkbox("check.grpcTls", "TLS (off: plaintext HTTP/2)")}
            {checkbox("check.verifyTls", "Verify the TLS certificate")}
          </div>
        </div>
      )}
      {kind === "mail" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {select("check.protocol", "Protocol", MAIL_PROTOCOLS)}
          {select("check.tls", "TLS", MAIL_TLS_MODES)}
          {text("check.host", "Host", "e.g. mx.example.com")}
          {number("check.port", "Port (optional)", "Empty: 25/465 for SMTP, 143/993 for IMAP, 110/995 for POP3 (STARTTLS or none / implicit TLS).")}
          {text("check.bannerContains", "The greeting must contain (optional)", "e.g. the server's name.")}
          {number("check.warnDays", "Degraded when the certificate expires within (days)")}
          {number("check.criticalDays", "Failing when it expires within (days)")}
          <div className="self-center">{checkbox("check.verifyTls", "Verify the certificate chain")}</div>
        </div>
      )}
      {kind === "icmp" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("check.host", "Host", "A hostname or IP address to ping once per run.")}
          {unavailable?.icmp && <p className="self-center text-sm text-red-700 dark:text-red-400">Unavailable here: {unavailable.icmp}</p>}
        </div>
      )}
      {kind === "heartbeat" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {number(
            "check.graceSeconds",
            "Grace period (seconds)",
            `How late a ping may come before it counts as missed: ${HEARTBEAT_GRACE_SECONDS.min} to ${HEARTBEAT_GRACE_SECONDS.max}. The schedule below is when pings are expected; the URL is shown once after saving.`,
          )}
        </div>
      )}
      <div className={kind === "heartbeat" ? "hidden" : "grid gap-4 sm:grid-cols-2"}>
        {number(
          "check.timeoutMs",
          "Timeout (ms)",
          `${TIMEOUT_MS.min} to ${TIMEOUT_MS.max}, below the interval. Empty: ${TIMEOUT_MS.default / 1000} s, or half a shorter interval.` +
            (skippedSlots === undefined
              ? ""
              : ` Skipped slots so far: ${skippedSlots}${skippedSlots > 0 ? " (a check still running when the next was due, or the worker behind)" : ""}.`),
        )}
        {kind !== "tls" && kind !== "heartbeat" && number("check.degradedAboveMs", "Degraded above (ms, optional)", "Slower answers count as degraded.")}
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{kind === "heartbeat" ? "Pings expected" : "Schedule"}</legend>
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
                kind === "heartbeat"
                  ? `A ping is expected this long after the previous one: ${INTERVAL_SECONDS.min} to ${INTERVAL_SECONDS.max}.`
                  : `${INTERVAL_SECONDS.min} to ${INTERVAL_SECONDS.max}. Runs are spread across the interval.`,
              )
            : text(
                "schedule.cron",
                "Cron (UTC, seconds allowed)",
                kind === "heartbeat" ? 'When the job runs, e.g. "0 0 3 * * *" for 03:00 UTC daily.' : 'e.g. "*/30 * * * * *" or "0 */5 * * * *".',
              )}
          {/* A heartbeat's pings come when its job runs: no delay, slow checks or re-checks of Vigil's own. */}
          <div className={kind === "heartbeat" ? "hidden" : undefined}>{number("schedule.jitterSeconds", "Random delay up to (seconds, optional)")}</div>
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">When a change counts</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {number("thresholds.failuresToDown", "Down after N failures in a row")}
          {number("thresholds.successesToUp", "Up after N successes in a row")}
          <div className={kind === "heartbeat" ? "hidden" : undefined}>{number("thresholds.slowToDegraded", "Degraded after N slow checks")}</div>
          <div className={kind === "heartbeat" ? "hidden" : undefined}>
            {number(
              "thresholds.recheckSeconds",
              "Re-check after (seconds)",
              `While a change is being confirmed, the next check comes this soon instead of at the next run. 0 (off) to ${RECHECK_SECONDS.max}.`,
            )}
          </div>
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
          hidden={kind === "heartbeat"}
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

/** A token just issued: shown once, with the lines a job pastes. */
export function HeartbeatSecretBox({ secret }: { secret: HeartbeatSecret }) {
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950" data-heartbeat-secret>
      <p className="font-medium">The heartbeat's URL (shown only once; “New token” makes another):</p>
      <code data-testid="heartbeat-url" className="block break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-900">
        {secret.url}
      </code>
      <CopyButton text={secret.url} label="Copy URL" />
      <ul className="space-y-1">
        {secret.lines.map((l) => (
          <li key={l.label}>
            <span className="text-xs font-medium">{l.label}:</span>
            <code className="block break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-900">{l.command}</code>
          </li>
        ))}
      </ul>
    </div>
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
