import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttp, type Running } from "../../../tests/support/probe-servers";
import { CheckConfig } from "./config";
import { runCheck } from "./run";
import { targetGuard } from "./target-guard";

// Every refusal here happens before a socket is opened: no packet leaves for a metadata
// address. The allowed path is covered by the guard itself (it then adds nothing).

let server: Running & { url: string };
beforeAll(async () => {
  server = await startHttp((req, res) => {
    if (req.url === "/to-metadata") res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/iam/" }).end();
    else res.end("ok");
  });
});
afterAll(() => server.close());

const run = (input: Record<string, unknown>, allowMetadataTargets?: boolean) =>
  runCheck(CheckConfig.parse(input), { region: "test", ...(allowMetadataTargets === undefined ? {} : { allowMetadataTargets }) });

describe("probes and metadata addresses", () => {
  it.each([
    ["an HTTP check of 169.254.169.254", { kind: "http", url: "http://169.254.169.254/latest/meta-data/" }, "169.254.169.254"],
    ["an HTTPS check of [fd00:ec2::254]", { kind: "http", url: "https://[fd00:ec2::254]/" }, "fd00:ec2::254"],
    ["a TCP check of 100.100.100.200", { kind: "tcp", host: "100.100.100.200", port: 80 }, "100.100.100.200"],
    ["a TCP check of fe80::1", { kind: "tcp", host: "fe80::1", port: 22 }, "fe80::1"],
    ["a TLS check of 169.254.169.254", { kind: "tls", host: "169.254.169.254", port: 443 }, "169.254.169.254"],
  ])("refuses %s, saying how an admin allows it", async (_what, input, address) => {
    const result = await run(input);
    expect(result).toMatchObject({ outcome: "failed", errorClass: "blocked_target" });
    expect(result.message).toContain(`${address} is`);
    expect(result.message).toContain("an admin can allow these addresses in Settings");
  });

  it("refuses a redirect to a metadata address (it would skip the lookup)", async () => {
    const result = await run({ kind: "http", url: `${server.url}/to-metadata` });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "blocked_target" });
    expect(result.message).toContain("169.254.169.254");
  });

  it("leaves loopback and private targets alone", async () => {
    expect(await run({ kind: "http", url: `${server.url}/` })).toMatchObject({ outcome: "ok" });
    expect(targetGuard({}).refuse("10.0.0.5")).toBeNull();
    expect(targetGuard({}).refuse("[::1]")).toBeNull();
  });

  it("adds nothing once an admin allows metadata targets", () => {
    const open = targetGuard({ allowMetadataTargets: true });
    expect(open.refuse("169.254.169.254")).toBeNull();
    expect(open.lookup).toBeUndefined();
    expect(targetGuard({ allowMetadataTargets: false }).refuse("[fd00:ec2::254]")?.code).toBe("ERR_PROBE_METADATA_ADDRESS");
  });
});
