// When subscribers are reminded of a maintenance (Statuspage's "remind prior", status.io's
// 1 h / 24 h / 72 h notices). Pure: the job (remind.ts) and the verbs that set a window use it.

export interface ReminderSchedule {
  scheduledFor: Date;
  remindBeforeMinutes: number | null;
}

/** When the reminder is due, or null when this maintenance has none. */
export function reminderAt(m: ReminderSchedule): Date | null {
  return m.remindBeforeMinutes === null ? null : new Date(m.scheduledFor.getTime() - m.remindBeforeMinutes * 60_000);
}

/**
 * remindedAt to store when a window or reminder is set at `now`. A reminder time still ahead
 * is pending (null), so moving a maintenance later reminds again before the new start. One
 * already passed is never sent late: subscribers were just told (the scheduling notice), or
 * were reminded already, so it counts as sent.
 */
export function remindedAtFor(m: ReminderSchedule, now: Date, previous: Date | null): Date | null {
  const at = reminderAt(m);
  if (at === null || at > now) return null;
  return previous ?? now;
}

/** Whether the job should remind now: due, not sent, and the maintenance not yet started or called off. */
export function reminderDue(m: ReminderSchedule & { status: string; remindedAt: Date | null; cancelledAt: Date | null }, now: Date): boolean {
  const at = reminderAt(m);
  return at !== null && m.status === "scheduled" && m.remindedAt === null && m.cancelledAt === null && at <= now && now < m.scheduledFor;
}
