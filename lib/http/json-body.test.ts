import { describe, expect, it } from "vitest";
import { RequestBodyError, type BodyProblem } from "../errors";
import { readJsonBody, type JsonBodySource } from "./json-body";

const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });

/** A body in chunks, counting how many the reader pulled and whether it hung up. */
function chunked(chunks: string[]) {
  const state = { pulled: 0, cancelled: false };
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[state.pulled++];
        if (next === undefined) controller.close();
        else controller.enqueue(encoder.encode(next));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 }, // pull only when read, so `pulled` counts reads
  );
  return { stream, state };
}

async function problem(request: JsonBodySource, maxBytes = 100): Promise<BodyProblem | "ok"> {
  try {
    await readJsonBody(request, { maxBytes });
    return "ok";
  } catch (error) {
    if (error instanceof RequestBodyError) return error.problem;
    throw error;
  }
}

describe("readJsonBody", () => {
  it.each<[string, JsonBodySource, BodyProblem | "ok"]>([
    ["JSON from a stream", { headers: headers(JSON_TYPE), body: chunked(['{"a":', "1}"]).stream }, "ok"],
    ["JSON from text()", { headers: headers(JSON_TYPE), text: async () => '{"a":1}' }, "ok"],
    ["no Content-Type", { headers: headers({}), text: async () => "{}" }, "unsupported_media_type"],
    ["text/plain", { headers: headers({ "content-type": "text/plain" }), text: async () => "{}" }, "unsupported_media_type"],
    ["application/jsonp is not JSON", { headers: headers({ "content-type": "application/jsonp" }), text: async () => "{}" }, "unsupported_media_type"],
    ["upper-case type", { headers: headers({ "content-type": "Application/JSON" }), text: async () => "{}" }, "ok"],
    ["broken JSON", { headers: headers(JSON_TYPE), text: async () => "{ name: " }, "malformed_json"],
    ["an empty body", { headers: headers(JSON_TYPE), body: null }, "malformed_json"],
    ["a NUL character in a string", { headers: headers(JSON_TYPE), text: async () => '{"name":"a\\u0000b"}' }, "malformed_json"],
    ["text past the cap", { headers: headers(JSON_TYPE), text: async () => `"${"é".repeat(50)}"` }, "too_large"],
    ["a declared length past the cap", { headers: headers({ ...JSON_TYPE, "content-length": "101" }), body: chunked(["{}"]).stream }, "too_large"],
    ["exactly the cap", { headers: headers(JSON_TYPE), text: async () => `"${"x".repeat(98)}"` }, "ok"],
  ])("%s → %s", async (_, request, expected) => {
    expect(await problem(request)).toBe(expected);
  });

  it.each([
    ["a lone continuation byte", [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d]],
    ["a truncated sequence", [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]],
    ["an encoded surrogate", [0x22, 0xed, 0xa0, 0x80, 0x22]],
    ["an overlong slash", [0x22, 0xc0, 0xaf, 0x22]],
    ["UTF-16 with a BOM", [0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]],
  ])("refuses bytes that are not UTF-8 (%s) instead of storing U+FFFD", async (_, bytes) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Uint8Array.from(bytes));
        controller.close();
      },
    });
    await expect(readJsonBody({ headers: headers(JSON_TYPE), body }, { maxBytes: 100 })).rejects.toMatchObject({
      problem: "malformed_json",
      message: "The body is not valid UTF-8 text.",
    });
  });

  it("returns the parsed value, BOM and all multi-byte text decoded like Request.text()", async () => {
    const { stream } = chunked(['\ufeff{"name":"Zü', 'rich 😀"}']);
    expect(await readJsonBody({ headers: headers(JSON_TYPE), body: stream }, { maxBytes: 100 })).toEqual({ name: "Zürich 😀" });
  });

  it("stops reading a stream as soon as it passes the cap, and cancels the upload", async () => {
    const { stream, state } = chunked(Array.from({ length: 100 }, () => "x".repeat(40)));
    expect(await problem({ headers: headers(JSON_TYPE), body: stream }, 100)).toBe("too_large");
    expect(state.pulled).toBe(3); // 40 + 40 + 40 > 100: the rest is never read
    expect(state.cancelled).toBe(true);
  });

  it("says the cap and what to send in its messages", async () => {
    await expect(readJsonBody({ headers: headers(JSON_TYPE), text: async () => "x".repeat(2000) }, { maxBytes: 1000 })).rejects.toThrow(
      "The body is larger than 1 kB.",
    );
    await expect(readJsonBody({ headers: headers({}), text: async () => "{}" }, { maxBytes: 1000, what: "the probe config" })).rejects.toThrow(
      "Send the probe config as JSON with `Content-Type: application/json`.",
    );
    await expect(readJsonBody({ headers: headers(JSON_TYPE), text: async () => "nope" }, { maxBytes: 1000 })).rejects.toThrow("The body is not valid JSON.");
  });

  it("reads a real Request's body stream", async () => {
    const request = new Request("http://localhost/", { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ ok: true }) });
    expect(await readJsonBody(request, { maxBytes: 100 })).toEqual({ ok: true });
  });
});
