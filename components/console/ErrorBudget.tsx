import type { ComponentBudget } from "@/lib/uptime/budgets";
import { SLO_WINDOW_LABELS } from "@/lib/uptime/slo";

// A component's SLO at a glance: target, window, uptime so far and the error budget left
// (minutes and share), computed with the page's one uptime rule (lib/uptime/budgets.ts).

const minutes = (m: number) => `${m < 0 ? "−" : ""}${Math.abs(m) < 10 ? Math.abs(m).toFixed(1) : Math.round(Math.abs(m))} min`;
const percent = (p: number | null, digits = 3) => (p === null ? "no data" : `${p.toFixed(digits)} %`);

export function ErrorBudgetBadge({ budget }: { budget: ComponentBudget }) {
  const over = budget.remainingMinutes < 0;
  return (
    <span
      data-budget={over ? "exhausted" : "left"}
      className={`ml-2 rounded px-1.5 py-0.5 text-xs ${over ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" : "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"}`}
      title={`SLO ${budget.targetPercent} % over ${SLO_WINDOW_LABELS[budget.window]}`}
    >
      SLO {budget.targetPercent} %: {minutes(budget.remainingMinutes)} left ({percent(budget.remainingPercent, 0)} of budget)
    </span>
  );
}

export function ErrorBudgetPanel({ budget }: { budget: ComponentBudget }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-budget={budget.remainingMinutes < 0 ? "exhausted" : "left"}>
      <dt className="text-zinc-500">Target</dt>
      <dd>
        {budget.targetPercent} % over {SLO_WINDOW_LABELS[budget.window]}
      </dd>
      <dt className="text-zinc-500">Uptime so far</dt>
      <dd>{percent(budget.uptimePercent)}</dd>
      <dt className="text-zinc-500">Budget</dt>
      <dd>{minutes(budget.allowedMinutes)} of downtime allowed so far</dd>
      <dt className="text-zinc-500">Spent</dt>
      <dd>{minutes(budget.usedMinutes)} (major outage in full, partial outage at 30 %)</dd>
      <dt className="text-zinc-500">Left</dt>
      <dd className="font-semibold">
        {minutes(budget.remainingMinutes)} ({percent(budget.remainingPercent, 1)} of the budget)
      </dd>
    </dl>
  );
}
