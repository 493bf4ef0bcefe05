import { describe, expect, it } from "vitest";
import { formatAlertTime, formatAlertWindow, markdownPreview, oneLine, truncate } from "./format";

describe("format helpers", () => {
  it("truncates at a word break near the limit, or mid-word when none is near", () => {
    expect(truncate("hello world", 20)).toBe("hello world");
    expect(truncate("hello wonderful world", 18)).toBe("hello wonderful…");
    expect(truncate("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
    expect(truncate("abc", 1)).toBe("…");
  });

  it("names the zone with times, and writes a same-day window's date once", () => {
    expect(formatAlertTime("2026-07-01T00:00:00.000Z", "America/New_York")).toBe("Jun 30, 2026, 20:00 EDT (America/New_York)");
    expect(formatAlertTime("2026-07-01T00:00:00.000Z", "UTC")).toBe("Jul 1, 2026, 00:00 UTC");
    expect(formatAlertWindow("2026-11-28T13:00:00Z", "2026-11-28T15:00:00Z", "Pacific/Auckland")).toBe("Nov 29, 2026, 02:00 – 04:00 NZDT (Pacific/Auckland)");
    expect(formatAlertWindow("2026-11-28T13:00:00Z", "2026-11-29T15:00:00Z", "UTC")).toBe("Nov 28, 2026, 13:00 UTC – Nov 29, 2026, 15:00 UTC");
  });

  it("reduces Markdown to a preview line and collapses control characters", () => {
    expect(markdownPreview("## Cause\nWe are **investigating** _slow_ [imports](https://x.example).\n- `one`")).toBe(
      "Cause We are investigating slow imports. one",
    );
    expect(oneLine(" a\r\n\tb\u2028c ")).toBe("a b c");
  });
});
