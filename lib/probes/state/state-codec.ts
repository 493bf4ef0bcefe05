import { z } from "zod";
import { INITIAL_PROBE_STATE, type ProbeHealth, type ProbeState } from "./decide";

// ProbeState.state is this JSON. The text is also the compare-and-swap token when a
// result is applied (record-result.ts): it embeds the startedAt of the last applied
// result, which only moves forward, so equal text means nobody applied one meanwhile.

const Health = z.enum(["up", "degraded", "down"]).nullable();
const Counter = z.number().int().min(0);

const StoredState = z.object({
  confirmed: Health,
  failures: Counter,
  answered: Counter,
  oks: Counter,
  notOk: Counter,
  lastStartedAt: z.iso.datetime().nullable(),
});

export function encodeProbeState(state: ProbeState): string {
  return JSON.stringify({
    confirmed: state.confirmed,
    failures: state.failures,
    answered: state.answered,
    oks: state.oks,
    notOk: state.notOk,
    lastStartedAt: state.lastStartedAt ? state.lastStartedAt.toISOString() : null,
  });
}

/** The stored state; anything unreadable starts over from the initial state (it only costs a few checks). */
export function decodeProbeState(text: string | null | undefined): ProbeState {
  if (!text) return INITIAL_PROBE_STATE;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return INITIAL_PROBE_STATE;
  }
  const parsed = StoredState.safeParse(json);
  if (!parsed.success) return INITIAL_PROBE_STATE;
  const s = parsed.data;
  return { ...s, lastStartedAt: s.lastStartedAt === null ? null : new Date(s.lastStartedAt) };
}

export const INITIAL_STATE_TEXT = encodeProbeState(INITIAL_PROBE_STATE);

// ProbeState.healthChanges: the region's last few changes of confirmed health, newest
// last, so the console shows a region that went down and came back without moving the
// component's status (and the quorum knows when a region last changed, settle.ts).

export const HEALTH_CHANGES_KEPT = 10;

const StoredChanges = z.array(z.object({ health: Health, at: z.iso.datetime() }));

export interface HealthChange {
  health: ProbeHealth | null;
  at: Date;
}

/** The stored changes, oldest first; anything unreadable is an empty list. */
export function decodeHealthChanges(text: string | null | undefined): HealthChange[] {
  if (!text) return [];
  try {
    const parsed = StoredChanges.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.map((c) => ({ health: c.health, at: new Date(c.at) })) : [];
  } catch {
    return [];
  }
}

export function encodeHealthChanges(changes: readonly HealthChange[]): string {
  return JSON.stringify(changes.slice(-HEALTH_CHANGES_KEPT).map((c) => ({ health: c.health, at: c.at.toISOString() })));
}

/** A ProbeState row decoded: the region's vote (confirmed health, last result), its state and its health changes. */
export function decodeStateRow(row: { region: string; state: string; healthChanges: string }) {
  const state = decodeProbeState(row.state);
  return { region: row.region, confirmed: state.confirmed, lastStartedAt: state.lastStartedAt, state, changes: decodeHealthChanges(row.healthChanges) };
}
