import { escapeXml } from "../text/xml";

// shields.io-style SVG badges as plain strings: a grey label on the left, a coloured
// message on the right. Text widths come from Verdana 11px advance widths (what
// shields.io measures with), and every text carries textLength, so a viewer without
// Verdana squeezes or stretches its fallback font into the box instead of overflowing.

// Re-exported so existing importers (this module's tests) keep their path; the one implementation is lib/text/xml.ts.

export const BADGE_STYLES = ["flat", "flat-square"] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

export interface BadgeSpec {
  label: string;
  message: string;
  /** Background of the message half, #rgb or #rrggbb. */
  color: string;
  style: BadgeStyle;
}

export const LABEL_COLOR = "#555";
const HEIGHT = 20;
const PADDING = 5;
const FONT_FAMILY = "Verdana,Geneva,DejaVu Sans,sans-serif";

// Advance widths (px) of ASCII 0x20 (space) to 0x7e (~) in Verdana at 11px.
// prettier-ignore
const VERDANA_11PX: readonly number[] = [
  3.87,
  4.33,
  5.05,
  9.0,
  6.99,
  11.84,
  7.99,
  2.95,
  5.0,
  5.0,
  6.99,
  9.0,
  4.0,
  5.0,
  4.0,
  5.0, // space ! " # $ % & ' ( ) * + , - . /
  6.99,
  6.99,
  6.99,
  6.99,
  6.99,
  6.99,
  6.99,
  6.99,
  6.99,
  6.99, // 0-9
  5.0,
  5.0,
  9.0,
  9.0,
  9.0,
  6.0,
  11.0, // : ; < = > ? @
  7.52,
  7.54,
  7.68,
  8.48,
  6.96,
  6.32,
  8.53,
  8.27,
  4.63,
  5.0,
  7.62,
  6.12,
  9.27, // A-M
  8.23,
  8.66,
  6.63,
  8.66,
  7.65,
  7.52,
  6.78,
  8.05,
  7.52,
  10.88,
  7.54,
  6.77,
  7.54, // N-Z
  5.0,
  5.0,
  5.0,
  9.0,
  6.99,
  6.99, // [ \ ] ^ _ `
  6.61,
  6.85,
  5.73,
  6.85,
  6.55,
  3.87,
  6.85,
  6.96,
  3.02,
  3.79,
  6.51,
  3.02,
  10.7, // a-m
  6.96,
  6.68,
  6.85,
  6.85,
  4.69,
  5.73,
  4.33,
  6.96,
  6.51,
  9.0,
  6.51,
  6.51,
  5.78, // n-z
  6.98,
  5.0,
  6.98,
  9.0, // { | } ~
];
export const VERDANA_TABLE_SIZE = VERDANA_11PX.length;
/** Anything outside ASCII: as wide as "@" (an em), so wide scripts never overflow. */
const FALLBACK_WIDTH = 11;

/** The text's width in px at Verdana 11px, rounded up to an odd number as shields.io does (crisper centring). */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    // An accented Latin letter is as wide as its base letter ("é" as "e").
    const code = char.normalize("NFD").codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e) width += VERDANA_11PX[code - 0x20]!;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x300 && code <= 0x36f))
      continue; // controls, combining marks
    else width += FALLBACK_WIDTH;
  }
  const rounded = Math.ceil(width - 1e-9);
  return rounded % 2 === 0 ? rounded + 1 : rounded;
}

function rgb(color: string): [number, number, number] {
  const match = /^#(?:([0-9a-f]{3})|([0-9a-f]{6}))$/i.exec(color);
  if (!match) throw new Error(`badge colour must be #rgb or #rrggbb, got ${color}`);
  const hex = match[1] ? [...match[1]].map((c) => c + c).join("") : match[2]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance. */
function luminance(color: string): number {
  const [r, g, b] = rgb(color).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or dark text, whichever reads better on the background, with a shadow of the opposite tone. */
export function textColors(background: string): { text: string; shadow: string } {
  return contrastRatio(background, "#fff") >= contrastRatio(background, "#333") ? { text: "#fff", shadow: "#010101" } : { text: "#333", shadow: "#ccc" };
}

function renderText(text: string, center: number, width: number, background: string, shadow: boolean): string {
  // Drawn at 10x and scaled down, as shields.io does, for sub-pixel centring.
  const x = center * 10;
  const length = width * 10;
  const escaped = escapeXml(text);
  const colors = textColors(background);
  const main = `<text x="${x}" y="140" transform="scale(.1)" fill="${colors.text}" textLength="${length}">${escaped}</text>`;
  if (!shadow) return main;
  return `<text aria-hidden="true" x="${x}" y="150" fill="${colors.shadow}" fill-opacity=".3" transform="scale(.1)" textLength="${length}">${escaped}</text>${main}`;
}

export function renderBadge({ label, message, color, style }: BadgeSpec): string {
  rgb(color); // validates
  const labelWidth = textWidth(label);
  const messageWidth = textWidth(message);
  const left = labelWidth + 2 * PADDING;
  const right = messageWidth + 2 * PADDING;
  const width = left + right;
  const title = escapeXml(`${label}: ${message}`);
  const flat = style === "flat";
  const shapes = flat
    ? `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
      `<clipPath id="r"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>` +
      `<g clip-path="url(#r)"><rect width="${left}" height="${HEIGHT}" fill="${LABEL_COLOR}"/><rect x="${left}" width="${right}" height="${HEIGHT}" fill="${color}"/><rect width="${width}" height="${HEIGHT}" fill="url(#s)"/></g>`
    : `<g shape-rendering="crispEdges"><rect width="${left}" height="${HEIGHT}" fill="${LABEL_COLOR}"/><rect x="${left}" width="${right}" height="${HEIGHT}" fill="${color}"/></g>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" role="img" aria-label="${title}"><title>${title}</title>` +
    shapes +
    `<g text-anchor="middle" font-family="${FONT_FAMILY}" text-rendering="geometricPrecision" font-size="110">` +
    renderText(label, left / 2, labelWidth, LABEL_COLOR, flat) +
    renderText(message, left + right / 2, messageWidth, color, flat) +
    `</g></svg>`
  );
}
