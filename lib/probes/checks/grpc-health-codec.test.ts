import { describe, expect, it } from "vitest";
import { decodeHealthCheckRequest, decodeHealthCheckResponse, encodeHealthCheckRequest, encodeHealthCheckResponse } from "./grpc-health-codec";

describe("the gRPC health messages", () => {
  it.each([
    ["", "0000000000"],
    ["db", "00000000040a026462"],
  ])("request for %j", (service, hex) => {
    expect(encodeHealthCheckRequest(service).toString("hex")).toBe(hex);
    expect(decodeHealthCheckRequest(Buffer.from(hex, "hex"))).toBe(service);
  });

  it.each([
    ["0000000002" + "0801", "SERVING"],
    ["0000000002" + "0802", "NOT_SERVING"],
    ["0000000000", "UNKNOWN"],
    // An unknown string field before the status is skipped.
    ["0000000005" + "12016108" + "01", "SERVING"],
    ["0000000002" + "0809", 9],
    ["00000000", "the response has no gRPC message"],
    ["0100000002" + "0801", "the response is compressed, which a health check does not ask for"],
    ["0000000009" + "0801", "the response message is truncated"],
    ["0000000001" + "08", "the response message is malformed"],
  ])("response %s", (hex, expected) => {
    expect(decodeHealthCheckResponse(Buffer.from(hex, "hex"))).toBe(expected);
  });

  it("round-trips a response", () => {
    expect(decodeHealthCheckResponse(encodeHealthCheckResponse("NOT_SERVING"))).toBe("NOT_SERVING");
  });
});
