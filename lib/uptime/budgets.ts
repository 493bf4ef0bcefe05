import type { SloWindow } from "../components/schemas";
import type { DbOrTx } from "../db";
import { minutesPerWindow, statusIntervals, uptimePercent } from "../status/uptime";
import { loadStatusHistory } from "./queries";
import { type ErrorBudget, errorBudget, sloWindowStart } from "./slo";

export interface SloComponent {
  id: string;
  startDate: Date;
  sloTarget: number | null;
  sloWindow: string | null;
}

export interface ComponentBudget extends ErrorBudget {
  window: SloWindow;
  /** The window's start (the component's start when it is younger than the window). */
  since: Date;
  /** The uptime so far in the window, by the same rule. */
  uptimePercent: number | null;
}

const asWindow = (w: string | null): SloWindow => (w === "90d" || w === "month" ? w : "30d");

/**
 * The error budget left of each component with a target, over its window ending `now`: one
 * history read for all of them (from the earliest window start), however many there are.
 */
export async function loadErrorBudgets(db: DbOrTx, components: readonly SloComponent[], timeZone: string, now: Date): Promise<Map<string, ComponentBudget>> {
  const withTarget = components.filter((c) => c.sloTarget !== null);
  const out = new Map<string, ComponentBudget>();
  if (withTarget.length === 0) return out;
  const starts = new Map(withTarget.map((c) => [c.id, sloWindowStart(asWindow(c.sloWindow), now, timeZone, c.startDate)]));
  const earliest = new Date(Math.min(...[...starts.values()].map((d) => d.getTime())));
  const history = await loadStatusHistory(
    db,
    withTarget.map((c) => c.id),
    earliest,
    now,
  );
  for (const c of withTarget) {
    const since = starts.get(c.id)!;
    const [minutes] = minutesPerWindow(
      statusIntervals(history.get(c.id) ?? [], c.startDate, now),
      [{ start: since.getTime(), end: now.getTime() }],
      c.startDate,
      now,
    );
    out.set(c.id, { ...errorBudget(c.sloTarget!, minutes ?? {}), window: asWindow(c.sloWindow), since, uptimePercent: uptimePercent(minutes ?? {}) });
  }
  return out;
}
