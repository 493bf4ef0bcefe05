import { isStructurallySame, parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { catalogue, OWN_CATALOGUES, PARENT_LOCALE, SOURCE_CATALOGUE, type MessageKey } from "./catalogues";
import { LOCALES } from "./locales";

const KEYS = Object.keys(SOURCE_CATALOGUE) as MessageKey[];
const OWN = LOCALES.filter((l) => PARENT_LOCALE[l] === undefined);

/** Every plural and select, however deep, has its "other" branch (ICU requires it; a translator can drop it). */
function missingOther(elements: MessageFormatElement[]): boolean {
  return elements.some((e) => {
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      return !("other" in e.options) || Object.values(e.options).some((o) => missingOther(o.value));
    }
    return e.type === TYPE.tag ? missingOther(e.children) : false;
  });
}

describe("message catalogues", () => {
  it.each(OWN)("%s has every key en-US has, and no other", (locale) => {
    const own = OWN_CATALOGUES[locale];
    expect(KEYS.filter((k) => own[k] === undefined)).toEqual([]);
    expect(Object.keys(own).filter((k) => !(k in SOURCE_CATALOGUE))).toEqual([]);
  });

  it("regional variants override only keys English has (the rest comes from the parent)", () => {
    for (const [locale, parent] of Object.entries(PARENT_LOCALE)) {
      const own = OWN_CATALOGUES[locale as keyof typeof OWN_CATALOGUES];
      expect(Object.keys(own).filter((k) => !(k in SOURCE_CATALOGUE))).toEqual([]);
      expect(Object.keys(catalogue(locale as keyof typeof OWN_CATALOGUES)).length).toBe(Object.keys(catalogue(parent)).length);
    }
  });

  it.each(LOCALES)("%s: each message is valid ICU with English's placeholders, tags and types", (locale) => {
    const messages = catalogue(locale);
    const problems: string[] = [];
    for (const key of KEYS) {
      const text = messages[key];
      if (text === undefined) continue;
      let ast: MessageFormatElement[];
      try {
        ast = parse(text);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
        continue;
      }
      try {
        const same = isStructurallySame(parse(SOURCE_CATALOGUE[key]), ast);
        if (!same.success) problems.push(`${key}: ${same.error?.message}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
      if (missingOther(ast)) problems.push(`${key}: a plural or select has no "other"`);
    }
    expect(problems).toEqual([]);
  });

  it("notices a missing key and a changed placeholder (the checks above can fail)", () => {
    const broken = { ...OWN_CATALOGUES["de-DE"] } as Record<string, string>;
    delete broken["home.noIncidents"];
    expect(KEYS.filter((k) => broken[k] === undefined)).toEqual(["home.noIncidents"]);
    expect(isStructurallySame(parse(SOURCE_CATALOGUE["shell.stale"]), parse("Stand von {zeit}.")).success).toBe(false);
  });
});
