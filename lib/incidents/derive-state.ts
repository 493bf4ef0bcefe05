import { isClosedStatus, type AnyIncidentStatus } from "../status/schemas";

export interface UpdateForState {
  status: AnyIncidentStatus;
  displayAt: Date;
  createdAt: Date;
}

export interface IncidentState {
  status: AnyIncidentStatus;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
}

/** The latest update by displayed time; ties go to the one written last. */
export function latestUpdate<T extends UpdateForState>(updates: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const u of updates) {
    if (
      !latest ||
      u.displayAt.getTime() > latest.displayAt.getTime() ||
      (u.displayAt.getTime() === latest.displayAt.getTime() && u.createdAt.getTime() >= latest.createdAt.getTime())
    ) {
      latest = u;
    }
  }
  return latest;
}

/**
 * An incident's status is its latest update's status, never set on its own.
 * monitoringAt is when it last entered Monitoring; resolvedAt is set only while closed.
 */
export function deriveIncidentState(updates: readonly UpdateForState[]): IncidentState {
  const latest = latestUpdate(updates);
  if (!latest) throw new Error("an incident has at least one update");
  const monitoring = updates.filter((u) => u.status === "monitoring").reduce<Date | null>((acc, u) => (!acc || u.displayAt > acc ? u.displayAt : acc), null);
  return {
    status: latest.status,
    monitoringAt: monitoring,
    resolvedAt: isClosedStatus(latest.status) ? latest.displayAt : null,
  };
}
