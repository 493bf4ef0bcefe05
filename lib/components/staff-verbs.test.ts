import { describe, expect, it } from "vitest";
import { slugify } from "./staff-verbs";

describe("slugify", () => {
  it.each([
    ["Tax AU", "tax-au"],
    ["Accounting Mobile App", "accounting-mobile-app"],
    ["  Crème brûlée ", "creme-brulee"],
    ["!!!", "component"],
  ])("%s -> %s", (name, slug) => expect(slugify(name)).toBe(slug));
});
