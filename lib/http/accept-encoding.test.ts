import { describe, expect, it } from "vitest";
import { negotiateEncoding, type ContentCoding } from "./accept-encoding";

const BOTH: readonly ContentCoding[] = ["br", "gzip"];

describe("negotiateEncoding", () => {
  it.each<[string | null, ContentCoding | null]>([
    // No header, or nothing usable: the plain bytes.
    [null, null],
    ["", null],
    ["   ", null],
    ["identity", null],
    ["deflate", null],
    ["zstd, deflate", null],
    // One coding.
    ["gzip", "gzip"],
    ["GZIP", "gzip"],
    ["x-gzip", "gzip"],
    ["br", "br"],
    [" br ;q=0.5", "br"],
    // q=0 refuses, however it is spelled.
    ["gzip;q=0", null],
    ["gzip; q=0.000", null],
    ["br;q=0, gzip", "gzip"],
    ["br, gzip;q=0", "br"],
    ["br;q=0, gzip;q=0", null],
    // The higher q wins.
    ["gzip;q=0.5, br;q=0.8", "br"],
    ["gzip;q=1.0, br;q=0.999", "gzip"],
    ["br;q=0.2, gzip", "gzip"],
    // Equal q: the client's first listed coding wins (browsers list gzip first).
    ["gzip, br", "gzip"],
    ["gzip, deflate, br, zstd", "gzip"],
    ["br, gzip", "br"],
    ["deflate, br, gzip", "br"],
    ["gzip;q=0.8, br;q=0.8", "gzip"],
    // The wildcard covers what the header does not name; a named coding overrides it.
    ["*", "br"],
    ["*;q=0", null],
    ["gzip, *;q=0", "gzip"],
    ["br;q=0, *", "gzip"],
    ["*;q=0.5, gzip", "gzip"],
    ["identity;q=0, *;q=0", null],
    // A malformed q counts as "no".
    ["gzip;q=high", null],
    ["gzip;q=2", null],
    ["gzip;q=-1, br", "br"],
    // The first mention of a coding counts.
    ["gzip;q=0, gzip", null],
    // Empty list members are skipped.
    [", , gzip", "gzip"],
  ])("%j → %j", (header, expected) => {
    expect(negotiateEncoding(header, BOTH)).toBe(expected);
  });

  it.each<[string, ContentCoding | null]>([
    ["br", null],
    ["br, gzip", "gzip"],
    ["*", "gzip"],
  ])("offers only what it holds: %j with gzip alone → %j", (header, expected) => {
    expect(negotiateEncoding(header, ["gzip"])).toBe(expected);
  });
});
