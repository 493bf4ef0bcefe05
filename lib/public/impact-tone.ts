import type { IncidentView } from "./types";

// The colour an open incident's card and an incident page's header take: its impact's (minor
// amber, major orange, critical red), blue for a maintenance. The card also says the impact in
// words (colour is never the only signal). Shades are fixed per light and dark mode and
// checked for AA contrast by impact-tone.test.ts: the page's text and the card's secondary text
// on the tinted background, the badge's text on the badge, the border against the page.

export type IncidentTone = "none" | "minor" | "major" | "critical" | "maintenance";

export function incidentTone(incident: Pick<IncidentView, "kind" | "impact">): IncidentTone {
  return incident.kind === "maintenance" ? "maintenance" : incident.impact;
}

export interface TonePalette {
  /** The card's background (the page's own text colour is on it). */
  background: string;
  /** The thick left edge; decoration, but ≥ 3:1 against the page all the same. */
  border: string;
  badgeBackground: string;
  badgeText: string;
  /** Secondary text on the card (times, the affected components). */
  muted: string;
}

/** The page's text colours (Tailwind zinc-900 on white, zinc-100 in dark mode: app/layout.tsx). */
export const PAGE_TEXT = { light: "#18181b", dark: "#f4f4f5" } as const;

const MUTED = { light: "#52525b", dark: "#a1a1aa" } as const;

export const TONE_PALETTES: Record<IncidentTone, { light: TonePalette; dark: TonePalette }> = {
  none: {
    light: { background: "#fafafa", border: "#71717a", badgeBackground: "#f4f4f5", badgeText: "#3f3f46", muted: MUTED.light },
    dark: { background: "#18181b", border: "#71717a", badgeBackground: "#27272a", badgeText: "#e4e4e7", muted: MUTED.dark },
  },
  minor: {
    light: { background: "#fffbeb", border: "#d97706", badgeBackground: "#fef3c7", badgeText: "#78350f", muted: MUTED.light },
    dark: { background: "#1c180d", border: "#fbbf24", badgeBackground: "#451a03", badgeText: "#fde68a", muted: MUTED.dark },
  },
  major: {
    light: { background: "#fff7ed", border: "#ea580c", badgeBackground: "#ffedd5", badgeText: "#7c2d12", muted: MUTED.light },
    dark: { background: "#1c140f", border: "#fb923c", badgeBackground: "#431407", badgeText: "#fed7aa", muted: MUTED.dark },
  },
  critical: {
    light: { background: "#fef2f2", border: "#dc2626", badgeBackground: "#fee2e2", badgeText: "#7f1d1d", muted: MUTED.light },
    dark: { background: "#1c1113", border: "#f87171", badgeBackground: "#450a0a", badgeText: "#fecaca", muted: MUTED.dark },
  },
  maintenance: {
    light: { background: "#eff6ff", border: "#2563eb", badgeBackground: "#dbeafe", badgeText: "#1e3a8a", muted: MUTED.light },
    dark: { background: "#10151e", border: "#60a5fa", badgeBackground: "#172554", badgeText: "#bfdbfe", muted: MUTED.dark },
  },
};

/** The tone as the CSS variables `.incident-tone` in app/globals.css reads (both modes; the stylesheet picks). */
export function toneVariables(tone: IncidentTone): Record<string, string> {
  const { light, dark } = TONE_PALETTES[tone];
  const vars: Record<string, string> = {};
  for (const [mode, palette] of [
    ["light", light],
    ["dark", dark],
  ] as const) {
    vars[`--tone-bg-${mode}`] = palette.background;
    vars[`--tone-border-${mode}`] = palette.border;
    vars[`--tone-badge-bg-${mode}`] = palette.badgeBackground;
    vars[`--tone-badge-text-${mode}`] = palette.badgeText;
    vars[`--tone-muted-${mode}`] = palette.muted;
  }
  return vars;
}
