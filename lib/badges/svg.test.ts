import { describe, expect, it } from "vitest";
import { STATUS_COLORS, NO_DATA_COLOR } from "./badge";
import { contrastRatio, LABEL_COLOR, renderBadge, textColors, textWidth, VERDANA_TABLE_SIZE, type BadgeSpec } from "./svg";
import { escapeXml } from "../text/xml";

const spec = (over: Partial<BadgeSpec> = {}): BadgeSpec => ({ label: "status", message: "operational", color: "#15803d", style: "flat", ...over });
const attr = (svg: string, pattern: RegExp) => Number(pattern.exec(svg)?.[1]);

describe("textWidth", () => {
  it("covers every printable ASCII character", () => expect(VERDANA_TABLE_SIZE).toBe(0x7e - 0x20 + 1));

  it.each([
    ["", 1], // rounded up to odd, as shields.io does
    ["status", 35], // s 5.73 + t 4.33 + a 6.61 + t 4.33 + u 6.96 + s 5.73 = 33.69 -> 34 -> 35
    ["operational", 63],
    ["99.95%", 45], // 4 × 6.99 + 4.00 + 11.84 = 43.8 -> 44 -> 45
    ["iiii", 13], // narrow letters stay narrow: 12.08 -> 13
    ["MMMM", 39], // 37.08 -> 38 -> 39
  ])("%j is %i px", (text, width) => expect(textWidth(text)).toBe(width));

  it("measures accented letters as their base letter, and wide scripts as an em each", () => {
    expect(textWidth("é")).toBe(textWidth("e"));
    expect(textWidth("Zürich")).toBe(textWidth("Zurich"));
    expect(textWidth("日本")).toBe(23); // 2 × 11 -> 23
  });
});

describe("escapeXml", () => {
  it("escapes the five XML specials", () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
  });

  it("drops code points XML cannot carry at all", () => {
    expect(escapeXml("a\u0000b\u0008c\u001fd\uffff")).toBe("abcd");
    expect(escapeXml("tab\tnewline\n")).toBe("tab\tnewline\n");
    expect(escapeXml("lone \ud800 surrogate, pair \ud83d\ude80")).toBe("lone  surrogate, pair \ud83d\ude80");
  });
});

describe("colours", () => {
  it.each(Object.entries(STATUS_COLORS))("%s (%s) carries white text at WCAG AA contrast", (_, color) => {
    expect(textColors(color).text).toBe("#fff");
    expect(contrastRatio(color, "#fff")).toBeGreaterThanOrEqual(4.5);
  });

  it("the grey label carries white text; light backgrounds get dark text", () => {
    expect(contrastRatio(LABEL_COLOR, "#fff")).toBeGreaterThanOrEqual(4.5);
    expect(textColors(NO_DATA_COLOR)).toEqual({ text: "#333", shadow: "#ccc" });
    expect(contrastRatio(NO_DATA_COLOR, "#333")).toBeGreaterThanOrEqual(4.5);
    expect(textColors("#ff0")).toEqual({ text: "#333", shadow: "#ccc" });
  });

  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000", "#fff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#fff", "#fff")).toBe(1);
  });
});

describe("renderBadge", () => {
  it("lays out a grey label and a coloured message, each sized to its text", () => {
    const svg = renderBadge(spec());
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="118" height="20" role="img" aria-label="status: operational">/);
    expect(svg).toContain("<title>status: operational</title>");
    expect(svg).toContain(`<rect width="45" height="20" fill="${LABEL_COLOR}"/>`); // 35 + 2 × 5
    expect(svg).toContain(`<rect x="45" width="73" height="20" fill="#15803d"/>`); // 63 + 2 × 5
    // Texts centred in their halves and pinned to the measured width (10x coordinates).
    expect(svg).toContain(`<text x="225" y="140" transform="scale(.1)" fill="#fff" textLength="350">status</text>`);
    expect(svg).toContain(`<text x="815" y="140" transform="scale(.1)" fill="#fff" textLength="630">operational</text>`);
  });

  it("sizes the whole badge from both texts, so a long label never overflows", () => {
    const long = "Accounting Mobile App uptime";
    const svg = renderBadge(spec({ label: long, message: "99.95%" }));
    const width = attr(svg, /<svg[^>]* width="(\d+)"/);
    expect(width).toBe(textWidth(long) + 10 + textWidth("99.95%") + 10);
    expect(attr(svg, /<rect width="(\d+)" height="20" fill="#555"\/>/)).toBe(textWidth(long) + 10);
  });

  it("flat has rounded corners, a gloss and text shadows; flat-square has none of them", () => {
    const flat = renderBadge(spec({ style: "flat" }));
    expect(flat).toContain('rx="3"');
    expect(flat).toContain('fill="url(#s)"');
    expect(flat).toContain('fill-opacity=".3"');
    const square = renderBadge(spec({ style: "flat-square" }));
    expect(square).not.toContain("rx=");
    expect(square).not.toContain("linearGradient");
    expect(square).not.toContain("fill-opacity");
    expect(square).toContain('shape-rendering="crispEdges"');
  });

  it("escapes the label and message everywhere they appear", () => {
    const svg = renderBadge(spec({ label: `<script>alert("x")</script>`, message: "a & b" }));
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;: a &amp; b");
    expect(svg.match(/a &amp; b/g)).toHaveLength(4); // aria-label, title, shadow, text
  });

  it("uses dark text on a light message background", () => {
    const svg = renderBadge(spec({ message: "not found", color: NO_DATA_COLOR }));
    expect(svg).toMatch(/fill="#333" textLength="\d+">not found<\/text>/);
  });

  it("refuses a colour that is not hex (colours never come from the request)", () => {
    expect(() => renderBadge(spec({ color: "red" }))).toThrow(/#rgb or #rrggbb/);
    expect(() => renderBadge(spec({ color: '#fff" onload="x' }))).toThrow();
  });
});
