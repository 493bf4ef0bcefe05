"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { TestState } from "@/components/console/ProbeForm";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { checkFormToInput, probeFieldErrors, probeFormToInput } from "@/lib/probes/form";
import { createProbe, deleteProbe, setAutoIncident, setProbeEnabled, testProbe, updateProbe } from "@/lib/probes/staff-verbs";
import { resultJson } from "@/lib/probes/test-api";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

// The component page's probe forms: parse the form, call one staff verb, map errors to fields.

const staff = () => requireStaff("probes:write");

async function probeAction(componentId: string, run: () => Promise<unknown>, ok: string, values?: Record<string, string>): Promise<FormState> {
  try {
    await run();
    // Removing or disabling a probe can change the component's status.
    invalidatePublicSnapshot();
    revalidatePath(`/console/components/${componentId}`);
    return { ok: true, message: ok };
  } catch (error) {
    unstable_rethrow(error);
    const state = errorToFormState(error, values);
    return { ...state, fields: probeFieldErrors(state.fields) };
  }
}

export const createProbeAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (componentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    return probeAction(
      componentId,
      async () => createProbe(db(), await staff(), { componentId, ...probeFormToInput(values) }),
      "Probe added. The worker starts it within 30 seconds.",
      values,
    );
  },
);

export const updateProbeAction = formAction(
  [actionArg.id, actionArg.id, actionArg.state, actionArg.form],
  async (componentId: string, probeId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    const state = await probeAction(
      componentId,
      async () => updateProbe(db(), await staff(), { probeId, ...probeFormToInput(values) }),
      "Probe saved.",
      values,
    );
    // Keep what was saved in the form (React resets uncontrolled fields after an action).
    return state.ok ? { ...state, values } : state;
  },
);

export const setProbeEnabledAction = formAction(
  [actionArg.id, actionArg.id, actionArg.flag, actionArg.state],
  async (componentId: string, probeId: string, enabled: boolean, _prev: FormState | undefined): Promise<FormState> => {
    return probeAction(componentId, async () => setProbeEnabled(db(), await staff(), { probeId, enabled }), enabled ? "Enabled." : "Disabled.");
  },
);

export const deleteProbeAction = formAction(
  [actionArg.id, actionArg.id, actionArg.state],
  async (componentId: string, probeId: string, _prev: FormState | undefined): Promise<FormState> => {
    return probeAction(componentId, async () => deleteProbe(db(), await staff(), probeId), "Probe deleted.");
  },
);

export const setAutoIncidentAction = formAction(
  [actionArg.id, actionArg.flag, actionArg.state],
  async (componentId: string, enabled: boolean, _prev: FormState | undefined): Promise<FormState> => {
    return probeAction(
      componentId,
      async () => setAutoIncident(db(), await staff(), { componentId, enabled }),
      enabled ? "Automatic incidents on." : "Automatic incidents off.",
    );
  },
);

/** "Test now": runs the form's check once and shows the result; nothing is saved. */
export const testProbeAction = formAction([actionArg.state, actionArg.form], async (_prev: TestState | undefined, formData: FormData): Promise<TestState> => {
  const values = formValues(formData);
  try {
    const result = await testProbe(db(), await staff(), checkFormToInput(values));
    const { startedAt: _s, ...shown } = resultJson(result);
    return { ok: true, values, result: { ...shown, timings: { ...result.timings } } };
  } catch (error) {
    unstable_rethrow(error);
    const state = errorToFormState(error, values);
    // The check is parsed on its own here, so its paths lack the form's "check." prefix.
    const fields = state.fields && Object.fromEntries(Object.entries(state.fields).map(([k, m]) => [k === "form" ? "check" : `check.${k}`, m]));
    return { ...state, message: fields ? "Fix the highlighted fields to test this check." : state.message, fields: probeFieldErrors(fields) };
  }
});
