import { describe, expect, it } from "vitest";
import { generateIntegrationToken } from "../lib/integrations/tokens";
import { loggedPath, requestId } from "./request-log";

describe("requestId", () => {
  it.each([
    ["a proxy's id, trusted", "abc-123", true, "abc-123"],
    ["a proxy's id, untrusted", "abc-123", false, null],
    ["a malformed id", "a b\nc", true, null],
    ["an overlong id", "x".repeat(129), true, null],
    ["no id", null, true, null],
  ])("%s", (_, incoming, trusted, kept) => {
    const id = requestId(incoming, trusted);
    if (kept) expect(id).toBe(kept);
    else expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("loggedPath", () => {
  it.each([
    ["/incidents/cmx5gpm36001m9n7d4u5ougnp", "/incidents/cmx5gpm36001m9n7d4u5ougnp"],
    ["/invite/Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4", "/invite/…"],
    ["/subscribe/manage?token=secret", "/subscribe/manage"],
    // An inbound alert URL carries its token in the path.
    [`/api/integrations/grafana/${generateIntegrationToken()}`, "/api/integrations/grafana/…"],
  ])("%s → %s", (url, logged) => expect(loggedPath(url)).toBe(logged));
});
