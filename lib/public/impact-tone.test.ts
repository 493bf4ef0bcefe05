import { describe, expect, it } from "vitest";
import { AA_TEXT, contrastRatio, DARK_BACKGROUND, LIGHT_BACKGROUND, parseHexColor } from "../settings/contrast";
import { incidentTone, PAGE_TEXT, TONE_PALETTES, toneVariables, type IncidentTone } from "./impact-tone";

const ratio = (a: string, b: string) => contrastRatio(parseHexColor(a)!, parseHexColor(b)!);
const TONES = Object.keys(TONE_PALETTES) as IncidentTone[];
const MODES = [
  ["light", LIGHT_BACKGROUND],
  ["dark", DARK_BACKGROUND],
] as const;

describe("incidentTone", () => {
  it.each([
    ["incident", "minor", "minor"],
    ["incident", "major", "major"],
    ["incident", "critical", "critical"],
    ["incident", "none", "none"],
    // A maintenance is blue whatever impact it was given.
    ["maintenance", "none", "maintenance"],
    ["maintenance", "critical", "maintenance"],
  ] as const)("%s with impact %s → %s", (kind, impact, tone) => {
    expect(incidentTone({ kind, impact })).toBe(tone);
  });
});

describe("tone palettes reach AA in both modes", () => {
  for (const tone of TONES) {
    for (const [mode, page] of MODES) {
      const p = TONE_PALETTES[tone][mode];
      it(`${tone}, ${mode}`, () => {
        expect(ratio(PAGE_TEXT[mode], p.background)).toBeGreaterThanOrEqual(AA_TEXT);
        expect(ratio(p.muted, p.background)).toBeGreaterThanOrEqual(AA_TEXT);
        expect(ratio(p.badgeText, p.badgeBackground)).toBeGreaterThanOrEqual(AA_TEXT);
        expect(ratio(p.border, page)).toBeGreaterThanOrEqual(3); // WCAG 1.4.11, non-text contrast
      });
    }
  }

  it("the check can fail: amber text on the amber card does not pass", () => {
    expect(ratio("#d97706", TONE_PALETTES.minor.light.background)).toBeLessThan(AA_TEXT);
  });

  it("each tone has its own colours, so impact changes the card", () => {
    expect(new Set(TONES.map((t) => TONE_PALETTES[t].light.border)).size).toBe(TONES.length);
    expect(new Set(TONES.map((t) => TONE_PALETTES[t].dark.background)).size).toBe(TONES.length);
  });

  it("gives the stylesheet both modes' variables", () => {
    expect(toneVariables("critical")).toMatchObject({ "--tone-bg-light": "#fef2f2", "--tone-bg-dark": "#1c1113", "--tone-badge-text-dark": "#fecaca" });
  });
});
