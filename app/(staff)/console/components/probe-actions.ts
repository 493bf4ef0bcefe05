"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { HeartbeatSecret, ProbeFormState, TestState } from "@/components/console/ProbeForm";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { checkFormToInput, probeFieldErrors, probeFormToInput, withoutSecretInputs } from "@/lib/probes/form";
import { heartbeatCurlLines, heartbeatUrl } from "@/lib/probes/heartbeat/urls";
import { createProbe, deleteProbe, rotateHeartbeatToken, setAutoIncident, setProbeEnabled, testProbe, updateProbe } from "@/lib/probes/staff-verbs";
import { publicPageUrl } from "@/lib/page/public-url";
import { resultJson } from "@/lib/probes/test-api";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

// The component page's probe forms: parse the form, call one staff verb, map errors to fields.

const staff = () => requireStaff("probes:write");

/** A token just issued, as the console shows it once: the URL on the page's public address and curl lines. */
async function heartbeatSecret(token: string | undefined): Promise<HeartbeatSecret | undefined> {
  if (!token) return undefined;
  const base = await publicPageUrl(db());
  return { token, url: heartbeatUrl(base, token), lines: heartbeatCurlLines(base, token) };
}

const SHOWN_ONCE = " Copy the heartbeat's URL now: it is shown only once.";

async function probeAction(
  componentId: string,
  run: () => Promise<{ heartbeatToken?: string } | unknown>,
  ok: string,
  values?: Record<string, string>,
): Promise<ProbeFormState> {
  try {
    const done = await run();
    // Removing or disabling a probe can change the component's status.
    invalidatePublicSnapshot();
    revalidatePath(`/console/components/${componentId}`);
    const token = typeof done === "object" && done !== null && "heartbeatToken" in done ? String(done.heartbeatToken) : undefined;
    const heartbeat = await heartbeatSecret(token);
    return heartbeat ? { ok: true, message: ok + SHOWN_ONCE, heartbeat } : { ok: true, message: ok };
  } catch (error) {
    unstable_rethrow(error);
    const state = errorToFormState(error, values && withoutSecretInputs(values));
    return { ...state, fields: probeFieldErrors(state.fields) };
  }
}

export const createProbeAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (componentId: string, _prev: ProbeFormState | undefined, formData: FormData): Promise<ProbeFormState> => {
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
  async (componentId: string, probeId: string, _prev: ProbeFormState | undefined, formData: FormData): Promise<ProbeFormState> => {
    const values = formValues(formData);
    const state = await probeAction(
      componentId,
      async () => updateProbe(db(), await staff(), { probeId, ...probeFormToInput(values) }),
      "Probe saved.",
      values,
    );
    // Keep what was saved in the form (React resets uncontrolled fields after an action).
    return state.ok ? { ...state, values: withoutSecretInputs(values) } : state;
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

/** "New token": a heartbeat's URL changes; the new one is shown once. */
export const rotateHeartbeatTokenAction = formAction(
  [actionArg.id, actionArg.id, actionArg.state],
  async (componentId: string, probeId: string, _prev: ProbeFormState | undefined): Promise<ProbeFormState> => {
    return probeAction(
      componentId,
      async () => ({ heartbeatToken: await rotateHeartbeatToken(db(), await staff(), probeId) }),
      "New token issued; the old URL no longer works.",
    );
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
export const testProbeAction = formAction(
  [actionArg.state, actionArg.form],
  async (prev: TestState | undefined, formData: FormData): Promise<TestState> => testForm(undefined, prev, formData),
);

/** "Test now" on a saved probe's edit form: secrets left empty are the saved ones. */
export const testSavedProbeAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (probeId: string, prev: TestState | undefined, formData: FormData): Promise<TestState> => testForm(probeId, prev, formData),
);

async function testForm(savedProbeId: string | undefined, _prev: TestState | undefined, formData: FormData): Promise<TestState> {
  const values = formValues(formData);
  try {
    const result = await testProbe(db(), await staff(), checkFormToInput(values), savedProbeId ? { savedProbeId } : {});
    const { startedAt: _s, ...shown } = resultJson(result);
    return { ok: true, values: withoutSecretInputs(values), result: { ...shown, timings: { ...result.timings } } };
  } catch (error) {
    unstable_rethrow(error);
    const state = errorToFormState(error, withoutSecretInputs(values));
    // The check is parsed on its own here, so its paths lack the form's "check." prefix.
    const fields = state.fields && Object.fromEntries(Object.entries(state.fields).map(([k, m]) => [k === "form" ? "check" : `check.${k}`, m]));
    return { ...state, message: fields ? "Fix the highlighted fields to test this check." : state.message, fields: probeFieldErrors(fields) };
  }
}
