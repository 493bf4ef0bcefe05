import { describe, expect, it } from "vitest";
import { chartProbes } from "./latency";

describe("chartProbes", () => {
  it.each([
    [
      "HTTP wins over the others",
      [
        ["a", "http"],
        ["b", "grpc"],
        ["c", "tcp"],
      ],
      ["a"],
    ],
    [
      "gRPC before WebSocket and TCP",
      [
        ["b", "tcp"],
        ["a", "grpc"],
        ["c", "websocket"],
      ],
      ["a"],
    ],
    [
      "every probe of the chosen kind",
      [
        ["b", "icmp"],
        ["a", "icmp"],
        ["c", "mail"],
      ],
      ["a", "b"],
    ],
    ["never a heartbeat (its latency is the job's duration)", [["a", "heartbeat"]], null],
  ])("%s", (_name, probes, expected) => {
    const charted = chartProbes(probes.map(([id, kind]) => ({ id: id!, kind: kind!, componentId: "c1" })));
    expect(charted.get("c1") ?? null).toEqual(expected);
  });
});
