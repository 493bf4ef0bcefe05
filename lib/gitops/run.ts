import { ZodError } from "zod";
import type { StaffContext } from "../auth/staff";
import type { Db, DbOrTx } from "../db";
import { ServiceError } from "../errors";
import type { VendorFetcher } from "../vendors/fetch";
import { type ApplyResult, applyPlan, cliStaff } from "./apply";
import { exportStatus, type ExportResult } from "./export";
import { formatPlan } from "./format";
import { type Plan, planChanges } from "./plan";
import { type Desired, resolveDocument } from "./resolve";
import { formatIssue, readConfigSource } from "./source";
import { loadStoredState } from "./state";

// The plan is made from a read before the transaction that applies it; a change made in the
// console in between is applied over (the verbs still check each record exists).
// The two commands end to end, for scripts/vigil.ts and the tests: read, resolve, plan,
// print, apply. Exit codes: 0 done (or nothing to do), 1 a verb refused a change (nothing
// was written), 2 the file is invalid (nothing was written).

export async function exportFromDb(db: DbOrTx): Promise<ExportResult> {
  return exportStatus(await loadStoredState(db));
}

export interface ApplyOptions {
  prune?: boolean;
  dryRun?: boolean;
  environment: Record<string, string | undefined>;
  fetcher: VendorFetcher;
  staff?: StaffContext;
  /** Called with the plan before anything is written. */
  onPlan?: (text: string) => void;
  now?: Date;
}

export type ApplyOutcome =
  | { exitCode: 2; errors: string[] }
  | { exitCode: 1; errors: string[]; plan: Plan }
  | { exitCode: 0; plan: Plan; applied: boolean; result?: ApplyResult };

type Planned = { ok: true; desired: Desired; plan: Plan } | { ok: false; errors: string[] };

async function planFile(db: DbOrTx, file: string, text: string, options: ApplyOptions): Promise<Planned> {
  const source = readConfigSource(file, text);
  if (source.syntaxErrors.length) return { ok: false, errors: source.syntaxErrors.map((e) => formatIssue(file, e)) };
  const state = await loadStoredState(db);
  const resolved = resolveDocument(source.value, state, options.environment);
  if (!resolved.ok) {
    const located = resolved.issues.map((i) => source.locate(i)).sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors: located.map((i) => formatIssue(file, i)) };
  }
  return { ok: true, desired: resolved.desired, plan: planChanges(resolved.desired, state, { prune: options.prune ?? false }) };
}

export async function applyFile(db: Db, file: string, text: string, options: ApplyOptions): Promise<ApplyOutcome> {
  const first = await planFile(db, file, text, options);
  if (!first.ok) return { exitCode: 2, errors: first.errors };
  options.onPlan?.(formatPlan(first.plan));
  if (options.dryRun || first.plan.steps.length === 0) return { exitCode: 0, plan: first.plan, applied: false };
  try {
    const result = await applyPlan(db, options.staff ?? cliStaff(), first.desired, first.plan, { fetcher: options.fetcher, now: options.now });
    return { exitCode: 0, plan: first.plan, applied: true, result };
  } catch (error) {
    if (error instanceof ServiceError) return { exitCode: 1, plan: first.plan, errors: [refusal(error)] };
    if (error instanceof ZodError) return { exitCode: 1, plan: first.plan, errors: [`refused, nothing was changed: ${error.issues[0]?.message}`] };
    throw error;
  }
}

function refusal(error: ServiceError): string {
  const fields = error.fields
    ? Object.entries(error.fields)
        .map(([f, m]) => ` (${f}: ${m})`)
        .join("")
    : "";
  return `refused, nothing was changed: ${error.message}${fields}`;
}
