// universal: the console's integration form and its action share these names.
import { MAX_RULES } from "./schemas";

// The mapping rules as the console's form posts them: rows named rules.<i>.label, .value,
// .componentId, .status. Blank rows are dropped and the rest renumbered, and the values
// sent back use the same numbers, so a field error (keyed rules.<i>.<field> by zod's path)
// lands on the row it is about.

export const RULE_FIELDS = ["label", "value", "componentId", "status"] as const;

export interface RuleRow {
  label: string;
  value: string;
  componentId: string;
  status: string;
}

export const ruleField = (i: number, field: (typeof RULE_FIELDS)[number]) => `rules.${i}.${field}`;

export function ruleRowsFromValues(values: Readonly<Record<string, string>>): RuleRow[] {
  const rows: RuleRow[] = [];
  // A few past the maximum, so a form posting too many still reaches the schema's limit message.
  for (let i = 0; i < MAX_RULES + 5; i++) {
    const row = { label: "", value: "", componentId: "", status: "" };
    for (const f of RULE_FIELDS) row[f] = (values[ruleField(i, f)] ?? "").trim();
    if (row.label || row.value || row.componentId || row.status) rows.push(row);
  }
  return rows;
}

/** The rows as the schema takes them (empty choices are null), and the form's values renumbered to match. */
export function rulesFromValues(values: Readonly<Record<string, string>>) {
  const rows = ruleRowsFromValues(values);
  const renumbered: Record<string, string> = Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith("rules.")));
  rows.forEach((row, i) => {
    for (const f of RULE_FIELDS) renumbered[ruleField(i, f)] = row[f];
  });
  const rules = rows.map((r) => ({ label: r.label, value: r.value, componentId: r.componentId || null, status: (r.status || null) as never }));
  return { rules, values: renumbered };
}
