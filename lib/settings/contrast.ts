// WCAG 2.x contrast for the brand colour. The page uses the colour for links, buttons and
// accents on a white page and on a near-black one (dark mode); no colour reaches AA's 4.5:1
// against both, so each mode gets the nearest shade of the brand colour that does: the
// colour itself where it passes, else mixed toward black (light mode) or white (dark mode).
// Hand-written: the formula is a few lines of the spec, not worth a dependency.

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** The backgrounds the public page draws on (white, and Tailwind's zinc-950 in dark mode). */
export const LIGHT_BACKGROUND = "#ffffff";
export const DARK_BACKGROUND = "#09090b";
/** WCAG AA for normal text. */
export const AA_TEXT = 4.5;

export function parseHexColor(hex: string): Rgb | null {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance({ r, g, b }: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return { r: from.r + (to.r - from.r) * amount, g: from.g + (to.g - from.g) * amount, b: from.b + (to.b - from.b) * amount };
}

/** The least change of `color` toward black or white (whichever is away from `background`) that reaches `target`. */
export function accessibleShade(color: Rgb, background: Rgb, target = AA_TEXT): Rgb {
  if (contrastRatio(color, background) >= target) return color;
  const toward = relativeLuminance(background) > 0.5 ? { r: 0, g: 0, b: 0 } : { r: 255, g: 255, b: 255 };
  let [lo, hi] = [0, 1];
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(mix(color, toward, mid), background) >= target) hi = mid;
    else lo = mid;
  }
  // Rounded to whole channels, then nudged if rounding lost the last hundredth.
  let shade = parseHexColor(toHex(mix(color, toward, hi)))!;
  for (let step = hi; contrastRatio(shade, background) < target && step < 1; step = Math.min(1, step + 0.01)) {
    shade = parseHexColor(toHex(mix(color, toward, step)))!;
  }
  return shade;
}

export interface ModeContrast {
  /** The colour's own contrast against this mode's background. */
  ratio: number;
  passes: boolean;
  /** What the page uses in this mode: the colour itself when it passes. */
  shade: string;
}

export interface BrandPalette {
  brand: string;
  light: ModeContrast;
  dark: ModeContrast;
}

export function brandPalette(hex: string): BrandPalette | null {
  const color = parseHexColor(hex);
  if (!color) return null;
  const mode = (background: string): ModeContrast => {
    const bg = parseHexColor(background)!;
    const ratio = contrastRatio(color, bg);
    return { ratio: Math.round(ratio * 100) / 100, passes: ratio >= AA_TEXT, shade: toHex(accessibleShade(color, bg)) };
  };
  return { brand: toHex(color), light: mode(LIGHT_BACKGROUND), dark: mode(DARK_BACKGROUND) };
}

/** One sentence per mode for the settings form: what passes, and what the page uses instead. */
export function describeContrast(palette: BrandPalette): string[] {
  const line = (label: string, m: ModeContrast) =>
    m.passes
      ? `${label}: ${m.ratio.toFixed(2)}:1, passes WCAG AA.`
      : `${label}: ${m.ratio.toFixed(2)}:1, below WCAG AA (4.5:1) for text; the page uses ${m.shade} instead.`;
  return [line("On white", palette.light), line("In dark mode", palette.dark)];
}
