import { describe, expect, it } from "vitest";
import { AA_TEXT, brandPalette, contrastRatio, describeContrast, parseHexColor, relativeLuminance } from "./contrast";

const rgb = (hex: string) => parseHexColor(hex)!;

describe("contrastRatio (WCAG 2 definition)", () => {
  it.each([
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#ffffff", 1],
    ["#767676", "#ffffff", 4.54], // the lightest grey that passes AA on white
    ["#777777", "#ffffff", 4.48],
    ["#0b7285", "#ffffff", 5.59],
  ])("%s on %s is %s:1", (a, b, ratio) => {
    expect(contrastRatio(rgb(a), rgb(b))).toBeCloseTo(ratio, 2);
  });

  it("is symmetric", () => {
    expect(contrastRatio(rgb("#123456"), rgb("#fedcba"))).toBe(contrastRatio(rgb("#fedcba"), rgb("#123456")));
  });

  it("luminance of white is 1 and of black 0", () => {
    expect(relativeLuminance(rgb("#ffffff"))).toBe(1);
    expect(relativeLuminance(rgb("#000000"))).toBe(0);
  });
});

describe("parseHexColor", () => {
  it.each(["#0b7285", "#ABCDEF", " #000000 "])("reads %j", (hex) => expect(parseHexColor(hex)).not.toBeNull());
  it.each(["0b7285", "#abc", "#gggggg", "red", "#0b72851"])("refuses %j", (hex) => expect(parseHexColor(hex)).toBeNull());
});

describe("brandPalette", () => {
  it("keeps a colour that passes on white, and lightens it for dark mode", () => {
    const p = brandPalette("#0b7285")!;
    expect(p.light).toMatchObject({ passes: true, shade: "#0b7285" });
    expect(p.dark.passes).toBe(false);
    expect(contrastRatio(rgb(p.dark.shade), rgb("#09090b"))).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it.each(["#ffd400", "#00ff00", "#ffffff", "#f4f4f5"])("darkens %s until it passes on white", (hex) => {
    const p = brandPalette(hex)!;
    expect(p.light.passes).toBe(false);
    const shade = rgb(p.light.shade);
    const ratio = contrastRatio(shade, rgb("#ffffff"));
    expect(ratio).toBeGreaterThanOrEqual(AA_TEXT);
    // The nearest shade, not black: it stays just over the line.
    expect(ratio).toBeLessThan(AA_TEXT + 0.3);
  });

  it.each(["#000000", "#0b3d91", "#4b0082"])("lightens %s until it passes in dark mode", (hex) => {
    const p = brandPalette(hex)!;
    expect(contrastRatio(rgb(p.dark.shade), rgb("#09090b"))).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it("describes each mode in a sentence the form shows", () => {
    expect(describeContrast(brandPalette("#ffd400")!)).toEqual([
      expect.stringMatching(/^On white: 1\.\d\d:1, below WCAG AA \(4\.5:1\) for text; the page uses #[0-9a-f]{6} instead\.$/),
      expect.stringMatching(/^In dark mode: \d+\.\d\d:1, passes WCAG AA\.$/),
    ]);
  });

  it("is null for a value that is not a colour", () => expect(brandPalette("teal")).toBeNull());
});
