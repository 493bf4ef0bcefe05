import { describe, expect, it } from "vitest";
import { formatStatusRanges, parseStatusRanges, statusMatches } from "./status-ranges";

describe("parseStatusRanges", () => {
  it.each([
    [
      "200-299,301",
      [
        { from: 200, to: 299 },
        { from: 301, to: 301 },
      ],
    ],
    [
      " 200 - 204 , 418 ",
      [
        { from: 200, to: 204 },
        { from: 418, to: 418 },
      ],
    ],
    [204, [{ from: 204, to: 204 }]],
    [
      [200, "300-302", { from: 500, to: 503 }],
      [
        { from: 200, to: 200 },
        { from: 300, to: 302 },
        { from: 500, to: 503 },
      ],
    ],
  ] as const)("%j", (input, expected) => {
    expect(parseStatusRanges(input)).toEqual(expected);
  });

  it.each([
    ["abc", '"abc" is not a status code or range like 200-299'],
    ["200-", '"200-" is not a status code'],
    ["299-200", '"299-200" runs backwards'],
    ["99", '"99" is not a status code'],
    ["600", '"600" is outside 100-599'],
    [[700], '"700" is outside 100-599'],
    [[], "list at least one status code"],
    ["200,,300", '"" is not a status code'],
  ] as const)("rejects %j", (input, message) => {
    const result = parseStatusRanges(input);
    expect(typeof result).toBe("string");
    expect(result).toContain(message);
  });
});

describe("statusMatches", () => {
  const ranges = [
    { from: 200, to: 299 },
    { from: 301, to: 301 },
  ];
  it.each([
    [200, true],
    [299, true],
    [300, false],
    [301, true],
    [302, false],
    [199, false],
  ])("%d -> %s", (code, expected) => expect(statusMatches(ranges, code)).toBe(expected));
});

describe("formatStatusRanges", () => {
  it("writes what staff write", () => {
    expect(formatStatusRanges([{ from: 200, to: 399 }])).toBe("200-399");
    expect(
      formatStatusRanges([
        { from: 200, to: 299 },
        { from: 301, to: 301 },
      ]),
    ).toBe("200-299,301");
  });
});
