import { describe, expect, it } from "vitest";
import { v2Base } from "./fetch";

describe("v2Base", () => {
  it.each([
    ["https://www.githubstatus.com", "https://www.githubstatus.com"],
    ["https://www.githubstatus.com/", "https://www.githubstatus.com"],
    ["https://www.githubstatus.com/api/v2/summary.json", "https://www.githubstatus.com"],
    ["https://www.githubstatus.com/api/v2", "https://www.githubstatus.com"],
    ["http://127.0.0.1:4000/status/", "http://127.0.0.1:4000/status"],
  ])("%s → %s", (url, expected) => {
    expect(v2Base(url)).toBe(expected);
  });
});
