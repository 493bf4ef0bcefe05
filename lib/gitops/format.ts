import type { FieldChange, Plan, PlanStep } from "./plan";

// The plan as a person reads it, like terraform's: + create, ~ update with each field's
// before → after, -/+ replace, - delete, then what the file leaves alone.

const MAX = 60;

function show(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  const text = JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/** "before → after", or how long each is when both are long and start alike (a template's body). */
function change(c: FieldChange): string {
  if (c.secret) return "(secret changed)";
  const [before, after] = [show(c.before), show(c.after)];
  if (before !== after) return `${before} → ${after}`;
  return `(changed: ${JSON.stringify(c.before).length} → ${JSON.stringify(c.after).length} characters)`;
}

function stepLines(step: PlanStep): string[] {
  const head = step.kind === "settings" || step.kind === "installation" ? step.kind : `${step.kind} "${step.label}"`;
  switch (step.op) {
    case "create":
      return [`+ ${head}`];
    case "delete":
      return [`- ${head}`];
    case "replace":
      return [`-/+ ${head} (${step.reason}: recreated, its history is not kept)`];
    case "order":
      return [`~ page order: ${step.after.join(", ")}`];
    case "update":
      if (step.changes.length === 1) {
        const [c] = step.changes;
        return [`~ ${head} ${c!.field} ${change(c!)}`];
      }
      return [`~ ${head}`, ...step.changes.map((c) => `    ${c.field}: ${change(c)}`)];
  }
}

export function formatPlan(plan: Plan): string {
  const lines = plan.steps.flatMap(stepLines);
  const counts = (op: PlanStep["op"]) => plan.steps.filter((s) => s.op === op).length;
  if (plan.steps.length === 0) lines.push("No changes.");
  else {
    lines.push(
      "",
      `Plan: ${counts("create")} to create, ${counts("update") + counts("order")} to update, ${counts("replace")} to replace, ${counts("delete")} to delete; ${plan.unchanged} unchanged.`,
    );
  }
  if (plan.kept.length) {
    lines.push("", `Not in the file (kept; --prune deletes):`, ...plan.kept.map((k) => `  ${k.kind} "${k.label}"`));
  }
  return lines.join("\n");
}
