import { z } from "zod";
import { INITIAL_PROBE_STATE, type ProbeState } from "./decide";

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
