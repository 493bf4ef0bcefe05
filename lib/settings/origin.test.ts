import { describe, expect, it } from "vitest";
import { requestOriginGuess } from "./origin";

describe("requestOriginGuess", () => {
  it.each([
    ["localhost:3000", null, false, "http://localhost:3000"],
    ["Status.Acme.test", "https", true, "http://status.acme.test".replace("http:", "https:")],
    ["status.acme.test", "https", false, "http://status.acme.test"],
    ["status.acme.test", "https, http", true, "https://status.acme.test"],
    ["[::1]:3000", null, false, "http://[::1]:3000"],
    [null, null, false, "http://localhost"],
    ["evil.test/<script>", null, false, "http://localhost"],
  ])("host %j, proto %j, trusted %s → %s", (host, proto, trusted, origin) => expect(requestOriginGuess(host, proto, trusted)).toBe(origin));
});
