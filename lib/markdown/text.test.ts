import { describe, expect, it } from "vitest";
import { markdownToText } from "./text";

describe("markdownToText", () => {
  it.each([
    ["We are **investigating** _slow_ imports.", "We are investigating slow imports."],
    ["See [Hubdoc](https://hubdoc.example/status).", "See Hubdoc (https://hubdoc.example/status)."],
    // A bare link is not written twice.
    ["At https://x.example/y", "At https://x.example/y"],
    ["## Cause\nA `config` change.", "Cause\n\nA config change."],
    ["- one\n- two", "- one\n- two"],
    ["1. first\n2. second", " 1. first\n 2. second"],
    ["> quoted", "> quoted"],
    ["line one\nline two", "line one\nline two"],
    ["Fish &amp; chips & peas", "Fish & chips & peas"],
  ])("%j", (source, text) => {
    expect(markdownToText(source)).toBe(text);
  });

  it("leaves no Markdown marks or HTML tags, keeping the text inside them", () => {
    const text = markdownToText("**Bold**, <em>em</em>, <b>b</b><script>alert(1)</script>, [a](https://a.example) ![img](https://i.example/x.png)");
    expect(text).toBe("Bold, em, b, a (https://a.example)");
  });

  it("wraps long paragraphs for mail clients but never breaks a URL", () => {
    const url = `https://status.example.com/${"a".repeat(90)}`;
    const lines = markdownToText(`${"word ".repeat(40)}${url}`).split("\n");
    expect(lines.every((l) => l.length <= 76 || l === url)).toBe(true);
    expect(lines).toContain(url);
  });
});
