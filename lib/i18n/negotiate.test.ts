import { describe, expect, it } from "vitest";
import { LANGUAGE_COOKIE, languageSwitch, matchLocale, negotiateLocale, readCookie, resolveLocale } from "./negotiate";

describe("negotiateLocale (Accept-Language)", () => {
  it.each([
    [null, null],
    ["", null],
    ["de-DE", "de-DE"],
    ["de", "de-DE"],
    ["de-AT,de;q=0.9", "de-DE"],
    ["en-US,en;q=0.9", "en-US"],
    ["en-GB,en;q=0.8", "en-GB"],
    ["en-AU", "en-GB"],
    ["en", "en-US"],
    ["EN-gb", "en-GB"],
    ["pt-PT", "pt-BR"],
    ["fr-CA,fr;q=0.9,en;q=0.8", "fr-FR"],
    ["ja,en-US;q=0.7", "ja-JP"],
    // the highest q wins, wherever it stands
    ["en;q=0.5, de;q=0.9", "de-DE"],
    ["fr;q=0.4, es;q=0.8, ja;q=0.6", "es-ES"],
    // ties go to the first listed
    ["es;q=0.8, fr;q=0.8", "es-ES"],
    // unsupported languages are skipped, not matched to the page's
    ["nl-NL, nl;q=0.9, de;q=0.5", "de-DE"],
    ["nl-NL, sv", null],
    ["*", null],
    // q=0 refuses; a malformed q counts as 0
    ["de;q=0, fr", "fr-FR"],
    ["de-DE;q=0, de", null],
    ["de;q=abc, es;q=0.1", "es-ES"],
    ["de;q=1.5", null],
    [" , ;q=1, ja ", "ja-JP"],
  ])("%j → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it("matches ranges with underscores and odd case", () => {
    expect(matchLocale("pt_br")).toBe("pt-BR");
    expect(matchLocale("zh-Hans")).toBeNull();
  });
});

describe("resolveLocale", () => {
  const page = "fr-FR" as const;
  it.each([
    [{ cookie: null, acceptLanguage: null }, "fr-FR"],
    [{ cookie: null, acceptLanguage: "de-DE,de;q=0.9" }, "de-DE"],
    [{ cookie: null, acceptLanguage: "nl" }, "fr-FR"],
    [{ cookie: `theme=dark; ${LANGUAGE_COOKIE}=ja-JP`, acceptLanguage: "de" }, "ja-JP"],
    // a cookie that is not one of ours is ignored
    [{ cookie: `${LANGUAGE_COOKIE}=xx-YY`, acceptLanguage: "es" }, "es-ES"],
  ])("%j → %s", (request, locale) => {
    expect(resolveLocale(request, page)).toBe(locale);
  });

  it("reads one cookie out of a header", () => {
    expect(readCookie("a=1; vigil_lang=de-DE; b=2", "vigil_lang")).toBe("de-DE");
    expect(readCookie("xvigil_lang=de-DE", "vigil_lang")).toBeNull();
    expect(readCookie(null, "vigil_lang")).toBeNull();
  });
});

describe("languageSwitch", () => {
  it("keeps the choice in a cookie and sends the visitor to the same page without the parameter", () => {
    const s = languageSwitch(new URL("http://x/history?page=2&lang=de-DE"));
    expect(s?.location).toBe("/history?page=2");
    expect(s?.setCookie).toMatch(/^vigil_lang=de-DE; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  });

  it("clears the choice for an unknown value, and ignores requests without the parameter", () => {
    expect(languageSwitch(new URL("http://x/?lang=auto"))?.setCookie).toContain("Max-Age=0");
    expect(languageSwitch(new URL("http://x/?page=2"))).toBeNull();
  });

  it("never redirects off the site", () => {
    expect(languageSwitch(new URL("http://x//evil.example/?lang=de-DE"))?.location).toBe("/evil.example/");
  });
});
