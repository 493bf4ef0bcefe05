// The gRPC health checking protocol's two messages and gRPC's length-prefixed framing,
// by hand (see run-grpc.ts for why). grpc.health.v1:
//   message HealthCheckRequest  { string service = 1; }
//   message HealthCheckResponse { ServingStatus status = 1; }   // enum: UNKNOWN 0, SERVING 1, NOT_SERVING 2, SERVICE_UNKNOWN 3
// A gRPC message on the wire: 1 byte compressed flag (0), 4 bytes big-endian length, the bytes.

export const HEALTH_CHECK_PATH = "/grpc.health.v1.Health/Check";

export const SERVING_STATUSES = ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"] as const;
export type ServingStatus = (typeof SERVING_STATUSES)[number];

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

/** A framed HealthCheckRequest (an empty service name is the server as a whole). */
export function encodeHealthCheckRequest(service: string): Buffer {
  const name = Buffer.from(service, "utf8");
  const message = name.length === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x0a]), varint(name.length), name]);
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

/** Reads a varint at `offset`: [value, next offset], or null when truncated. */
function readVarint(bytes: Buffer, offset: number): [number, number] | null {
  let value = 0;
  let shift = 0;
  for (let i = offset; i < bytes.length && shift < 35; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, i + 1];
    shift += 7;
  }
  return null;
}

/** The first message of a response body and its serving status, or an error sentence. */
export function decodeHealthCheckResponse(body: Buffer): ServingStatus | number | string {
  if (body.length < 5) return "the response has no gRPC message";
  if (body[0] !== 0) return "the response is compressed, which a health check does not ask for";
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) return "the response message is truncated";
  const message = body.subarray(5, 5 + length);
  // Proto3 leaves a zero (UNKNOWN) out; unknown fields are skipped.
  let status = 0;
  let offset = 0;
  while (offset < message.length) {
    const key = readVarint(message, offset);
    if (!key) return "the response message is malformed";
    const [tag, afterKey] = key;
    const wireType = tag & 7;
    if (wireType === 0) {
      const value = readVarint(message, afterKey);
      if (!value) return "the response message is malformed";
      if (tag >>> 3 === 1) status = value[0];
      offset = value[1];
    } else if (wireType === 2) {
      const len = readVarint(message, afterKey);
      if (!len) return "the response message is malformed";
      offset = len[1] + len[0];
    } else {
      return "the response message is malformed";
    }
  }
  return SERVING_STATUSES[status] ?? status;
}

/** The service name a framed request asks about (for the test server). */
export function decodeHealthCheckRequest(body: Buffer): string | null {
  if (body.length < 5) return null;
  const message = body.subarray(5, 5 + body.readUInt32BE(1));
  if (message.length === 0) return "";
  if (message[0] !== 0x0a) return null;
  const len = readVarint(message, 1);
  return len ? message.subarray(len[1], len[1] + len[0]).toString("utf8") : null;
}

/** A framed HealthCheckResponse (for the test server). */
export function encodeHealthCheckResponse(status: ServingStatus): Buffer {
  const value = SERVING_STATUSES.indexOf(status);
  const message = value === 0 ? Buffer.alloc(0) : Buffer.from([0x08, value]);
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}
