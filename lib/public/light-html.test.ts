import { describe, expect, it } from "vitest";
import { lightenPageHtml } from "./light-html";

const PAGE =
  '<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="abc"/>' +
  '<link rel="preload" as="script" fetchPriority="low" nonce="abc" href="/_next/static/chunks/x.js"/>' +
  '<link rel="modulepreload" href="/_next/static/chunks/y.js"/>' +
  '<script src="/_next/static/chunks/x.js" async="" nonce="abc"></script></head>' +
  '<body><main>Hi</main><script type="application/json" id="data">{"a":1}</script>' +
  '<script nonce="abc">self.__next_f.push([1,"payload"])</script><script>(self.__next_f=self.__next_f||[]).push([0])</script></body></html>';

describe("lightenPageHtml", () => {
  const light = lightenPageHtml(PAGE, "/_vigil/page-abc.js");
  it.each([
    ["Next's runtime", "/_next/static/chunks/x.js"],
    ["the RSC payload", "__next_f"],
    ["module preloads", "modulepreload"],
    ["nonces", "nonce="],
  ])("drops %s", (_, text) => {
    expect(light).not.toContain(text);
  });
  it("keeps the stylesheet, the content and inert JSON data", () => {
    expect(light).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css"/>');
    expect(light).toContain("<main>Hi</main>");
    expect(light).toContain('<script type="application/json" id="data">{"a":1}</script>');
  });
  it("adds the page script to the head, deferred", () => {
    expect(light).toContain('<script src="/_vigil/page-abc.js" defer></script></head>');
  });
  it("leaves Next's own error pages alone (they are drawn from the payload)", () => {
    const error = PAGE.replace("<html>", '<html id="__next_error__">');
    expect(lightenPageHtml(error, "/_vigil/page-abc.js")).toBe(error);
  });
  it("adds nothing without a script", () => {
    expect(lightenPageHtml(PAGE, null)).not.toContain("<script src");
  });
});
