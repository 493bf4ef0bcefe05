import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./csp";
import { inlineScriptHashes } from "./script-hashes";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it.each([
    ["a staff page rendered per request", { nonce: "abc", frameable: false }, "script-src 'self' 'nonce-abc'", true],
    ["a cached public page", { scriptHashes: ["sha256-x"], frameable: true }, "script-src 'self' 'sha256-x'", false],
    ["next dev", { frameable: true, dev: true }, "script-src 'self' 'unsafe-eval'", false],
  ])("%s", (_, options, scripts, framesRefused) => {
    const policy = contentSecurityPolicy(options);
    expect(directive(policy, "script-src")).toBe(scripts);
    expect(policy.includes("frame-ancestors 'none'")).toBe(framesRefused);
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe-inline'; script"); // inline styles only
    expect(directive(policy, "script-src")).not.toContain("unsafe-inline");
  });
});

describe("inlineScriptHashes", () => {
  const sha = (s: string) => `sha256-${createHash("sha256").update(s).digest("base64")}`;
  it("hashes each distinct inline script, not external or empty ones", () => {
    const html = `<script src="/_next/a.js" async=""></script><script nonce="n">self.__next_f.push([1,"a"])</script><script>b()</script><script></script><script>b()</script>`;
    expect(inlineScriptHashes(html)).toEqual([sha('self.__next_f.push([1,"a"])'), sha("b()")]);
  });
  it("treats script tags in upper case the same", () => {
    expect(inlineScriptHashes("<SCRIPT>x()</SCRIPT>")).toEqual([sha("x()")]);
  });
});
