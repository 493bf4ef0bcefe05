"use client";

import { useActionState } from "react";
import { ShownOnce } from "@/components/console/ShownOnce";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState, StateAction } from "@/lib/forms";
import { ruleField, ruleRowsFromValues, type RuleRow } from "@/lib/integrations/form";
import { ALERT_STATUSES, INTEGRATION_SOURCES, MAX_RULES, SOURCE_LABELS } from "@/lib/integrations/schemas";

type CreateState = FormState & { url?: string };

const STATUS_LABELS: Record<(typeof ALERT_STATUSES)[number], string> = {
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};

export function CreateIntegrationForm({ action }: { action: StateAction<CreateState> }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      {state?.url && (
        <ShownOnce
          intro="The integration’s URL (shown only once): paste it into the tool as its webhook URL."
          value={state.url}
          copyLabel="Copy URL"
          testId="new-integration-url"
        />
      )}
      <Field label="Name" name="name" state={state} hint="What sends to it, e.g. “Prometheus production”.">
        <input {...fieldProps("name", state)} className={inputClass} />
      </Field>
      <Field label="Source" name="source" state={state}>
        <select {...fieldProps("source", state, "alertmanager")} className={inputClass}>
          {INTEGRATION_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <SubmitButton pendingText="Creating…">Create integration</SubmitButton>
      </div>
    </form>
  );
}

export interface IntegrationSettings {
  id: string;
  name: string;
  rules: RuleRow[];
  defaultComponentId: string | null;
  defaultStatus: string;
  templateId: string | null;
}

const BLANK_ROWS = 2;
const small =
  "mt-0 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

export function IntegrationSettingsForm({
  action,
  settings,
  components,
  templates,
}: {
  action: StateAction;
  settings: IntegrationSettings;
  components: { id: string; name: string }[];
  templates: { id: string; name: string }[];
}) {
  const [state, formAction] = useActionState(action, undefined);
  const rows = state?.values ? ruleRowsFromValues(state.values) : settings.rules;
  const shown = [...rows, ...Array.from({ length: BLANK_ROWS }, () => ({ label: "", value: "", componentId: "", status: "" }))].slice(0, MAX_RULES);
  const id = (name: string) => `${settings.id}-${name}`;
  const err = (name: string) => state?.fields?.[name];
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <Field label="Name" name="name" id={id("name")} state={state}>
        <input {...fieldProps("name", state, settings.name, id("name"))} className={inputClass} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Mapping rules</legend>
        <p className="mb-2 text-xs text-zinc-500 dark:text-zinc-400">
          An alert whose label equals the value (any case; <code>*</code> for any value) goes to the component and/or gets the status. The first matching row
          decides each. Leave a row empty to drop it.
        </p>
        {/* The key includes the state so the rows redraw with what was submitted after a save or an error. */}
        <div key={JSON.stringify(rows)} className="grid gap-2">
          {shown.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position: the inputs are named rules.<i>.*
            <div key={`${settings.id}-rule-${i}`} data-rule-row={i} className="grid grid-cols-2 gap-2 md:grid-cols-4">
              {(["label", "value"] as const).map((f) => (
                <label key={f} className="text-xs">
                  <span className="sr-only">
                    Rule {i + 1} {f}
                  </span>
                  <input
                    name={ruleField(i, f)}
                    defaultValue={row[f]}
                    placeholder={f === "label" ? "label, e.g. service" : "value, e.g. hubdoc"}
                    aria-invalid={err(ruleField(i, f)) ? true : undefined}
                    className={small}
                  />
                  {err(ruleField(i, f)) && <span className="text-red-700 dark:text-red-400">{err(ruleField(i, f))}</span>}
                </label>
              ))}
              <label className="text-xs">
                <span className="sr-only">Rule {i + 1} component</span>
                <select
                  name={ruleField(i, "componentId")}
                  defaultValue={row.componentId}
                  aria-invalid={err(ruleField(i, "componentId")) ? true : undefined}
                  className={small}
                >
                  <option value="">(component: no change)</option>
                  {components.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
                {err(ruleField(i, "componentId")) && <span className="text-red-700 dark:text-red-400">{err(ruleField(i, "componentId"))}</span>}
              </label>
              <label className="text-xs">
                <span className="sr-only">Rule {i + 1} status</span>
                <select name={ruleField(i, "status")} defaultValue={row.status} className={small}>
                  <option value="">(status: no change)</option>
                  {ALERT_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ))}
        </div>
        {err("rules") && <p className="mt-1 text-sm text-red-700 dark:text-red-400">{err("rules")}</p>}
      </fieldset>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Default component" name="defaultComponentId" id={id("defaultComponentId")} state={state} hint="For alerts no rule maps.">
          <select {...fieldProps("defaultComponentId", state, settings.defaultComponentId ?? "", id("defaultComponentId"))} className={inputClass}>
            <option value="">(none: such alerts are only logged)</option>
            {components.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Default status" name="defaultStatus" id={id("defaultStatus")} state={state}>
          <select {...fieldProps("defaultStatus", state, settings.defaultStatus, id("defaultStatus"))} className={inputClass}>
            {ALERT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Incident template" name="templateId" id={id("templateId")} state={state} hint="Its title and text instead of the alert’s.">
          <select {...fieldProps("templateId", state, settings.templateId ?? "", id("templateId"))} className={inputClass}>
            <option value="">(none: the alert’s title)</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div>
        <SubmitButton>Save</SubmitButton>
      </div>
    </form>
  );
}
