import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";

// A sample of the classic XSS payloads (OWASP cheat sheet style), in and around Markdown.
const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<iframe src=javascript:alert(1)></iframe>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  '![x](x "onerror=alert(1)")',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<details open ontoggle=alert(1)>",
  "<body onload=alert(1)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<object data="javascript:alert(1)">',
  "<form action=javascript:alert(1)><button>x</button></form>",
  "`<script>` in code is fine",
  "<<script>script>alert(1)<</script>/script>",
];

describe("renderMarkdown", () => {
  it("renders the Markdown staff use in updates", () => {
    const html = renderMarkdown("We are **investigating** issues with [Hubdoc](https://example.com/hubdoc).\n\n- one\n- two");
    expect(html).toContain("<strong>investigating</strong>");
    expect(html).toContain('<a href="https://example.com/hubdoc" rel="nofollow noopener noreferrer" target="_blank">Hubdoc</a>');
    expect(html).toContain("<li>one</li>");
  });

  it.each(PAYLOADS)("neutralises %s", (payload) => {
    const html = renderMarkdown(payload);
    expect(html).not.toMatch(/<(script|img|svg|iframe|object|form|body|details|style|math|div)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
  });

  it("keeps escaped text visible instead of dropping it", () => {
    expect(renderMarkdown("a <b> tag")).toContain("a &lt;b&gt; tag");
  });
});
