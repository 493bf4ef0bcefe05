import { describe, expect, it } from "vitest";
import { clampPage, LIST_QUERY_MAX, listHref, matchesSearch, pageCount, parseListQuery } from "./paging";

describe("parseListQuery", () => {
  it.each([
    [{}, { q: "", page: 1 }],
    [
      { q: "  api  ", page: "3" },
      { q: "api", page: 3 },
    ],
    [
      { q: ["first", "second"], page: ["2", "9"] },
      { q: "first", page: 2 },
    ],
    [{ page: "0" }, { q: "", page: 1 }],
    [{ page: "-4" }, { q: "", page: 1 }],
    [{ page: "2.5" }, { q: "", page: 1 }],
    [{ page: "abc" }, { q: "", page: 1 }],
    [{ q: "x".repeat(300) }, { q: "x".repeat(LIST_QUERY_MAX), page: 1 }],
  ])("%j → %j", (params, expected) => {
    expect(parseListQuery(params)).toEqual(expected);
  });
});

describe("matchesSearch", () => {
  it.each([
    ["", ["anything"], true],
    ["api", ["Public API"], true],
    ["API", ["public api"], true],
    ["zurich", ["Zürich edge"], true],
    ["db", ["Web", null, "primary-db"], true],
    ["db", ["Web", undefined], false],
    ["mail", ["Email relay"], true],
    ["smtp", ["Email relay"], false],
  ] as const)("%j in %j → %s", (q, texts, expected) => {
    expect(matchesSearch(q, ...texts)).toBe(expected);
  });
});

describe("pageCount and clampPage", () => {
  it.each([
    [0, 50, 1],
    [1, 50, 1],
    [50, 50, 1],
    [51, 50, 2],
    [1000, 50, 20],
  ])("%i rows of %i → %i pages", (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });
  it.each([
    [1, 120, 50, 1],
    [3, 120, 50, 3],
    [9, 120, 50, 3],
    [0, 120, 50, 1],
    [4, 0, 50, 1],
  ])("page %i of %i rows (%i a page) → %i", (page, total, size, shown) => {
    expect(clampPage(page, total, size)).toBe(shown);
  });
});

describe("listHref", () => {
  it.each([
    [{ q: "", page: 1 }, "/console/components"],
    [{ q: "", page: 2 }, "/console/components?page=2"],
    [{ q: "api gw", page: 1 }, "/console/components?q=api+gw"],
    [{ q: "a&b", page: 3 }, "/console/components?q=a%26b&page=3"],
  ])("%j → %s", (query, href) => {
    expect(listHref("/console/components", query)).toBe(href);
  });
});
