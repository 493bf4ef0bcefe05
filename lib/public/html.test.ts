import { describe, expect, it } from "vitest";
import { publicPageKey } from "./html";

describe("publicPageKey", () => {
  it.each([
    ["/", "", "/"],
    ["/", "?utm=x&bust=123", "/"], // query strings cannot bust the cache
    ["/history", "", "/history?page=1"],
    ["/history", "?page=3", "/history?page=3"],
    ["/history", "?page=0", null],
    ["/history", "?page=abc", null],
    ["/incidents/clx1abc", "", "/incidents/clx1abc"],
    ["/incidents/../console", "", null],
    ["/groups/clx1grp", "", "/groups/clx1grp"],
    ["/groups/a/b", "", null],
    ["/components/tax-nz", "", "/components/tax-nz"],
    ["/components/Tax_NZ", "", null],
    ["/uptime", "", "/uptime?page=1"],
    ["/uptime", "?component=hubdoc&page=2", "/uptime?component=hubdoc&page=2"],
    ["/uptime", "?component=a%20b", null],
    ["/uptime", "?page=101", null],
    ["/console", "", null],
    ["/api/public/snapshot", "", null],
  ])("%s%s -> %s", (path, search, key) => {
    expect(publicPageKey(path, new URLSearchParams(search))).toBe(key);
  });
});
