import { describe, expect, it } from "vitest";
import { escapeXml, stripInvalidXmlChars } from "./xml";

describe("escapeXml", () => {
  it.each([
    ["<tag>", "&lt;tag&gt;"],
    ["a & b", "a &amp; b"],
    [`"double" 'single'`, "&quot;double&quot; &apos;single&apos;"],
    ["&amp; stays literal", "&amp;amp; stays literal"],
    ["tab\tnewline\ncr\r", "tab\tnewline\ncr\r"],
    ["nul\u0000 bell\u0007 vt\u000b ff\u000c esc\u001b", "nul bell vt ff esc"],
    ["lone \ud800 surrogate \udfff", "lone  surrogate "],
    ["pair \ud83d\ude80 kept", "pair \ud83d\ude80 kept"],
    ["not chars \ufffe\uffff", "not chars "],
    ["emoji 😀 and é", "emoji 😀 and é"],
  ])("escapeXml(%j) is %j", (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });

  it("strips only what XML 1.0 forbids", () => {
    expect(stripInvalidXmlChars("\u0001a\u0085b\ud83d\ude00")).toBe("a\u0085b😀");
  });
});
