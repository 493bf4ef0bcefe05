import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, type ActionCall, actionCallProblem, argumentsProblem, isActionCall } from "./server-action-request";

// What the browser really sends: React's own reply encoder, the one Next's client uses.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.edge") as {
  encodeReply(args: unknown[]): Promise<string | FormData>;
};

const ID = "60b4da3d2eb55296b04c4d19834c4a4ac2c55072c7";

function call(headers: Record<string, string>): ActionCall {
  const all: Record<string, string> = { host: "status.example.com", ...headers };
  return { method: "POST", headers: { get: (name) => all[name.toLowerCase()] ?? null } };
}

/** A request's body and content type, as Request would send them. */
async function wire(body: string | FormData): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string }> {
  const request = new Request("http://status.example.com/", { method: "POST", body });
  return { bytes: new Uint8Array(await request.arrayBuffer()), type: request.headers.get("content-type")! };
}

async function fetchCall(args: unknown[], headers: Record<string, string> = {}) {
  const { bytes, type } = await wire(await encodeReply(args));
  return actionCallProblem(call({ "next-action": ID, "content-type": type, origin: "https://status.example.com", ...headers }), bytes);
}

describe("actionCallProblem", () => {
  const form = new FormData();
  form.set("name", "Ana");
  form.set("file", new File(["channel,target\n"], "subscribers.csv"));
  const shared = { name: "x" };

  it.each<[string, unknown[]]>([
    ["a form with no state yet", [undefined, form]],
    [
      "a bound id, the previous state and the form",
      [ID, { ok: false, message: "$ starts with a dollar", fields: { name: "required" }, values: { name: "$x" } }, form],
    ],
    ["bound flags and choices", ["c1", "p1", true, undefined]],
    ["numbers React spells out", [-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5, null]],
    ["an object seen twice", [{ values: shared, again: shared }, form]],
    ["the markdown preview's text", ["# Title\n\n$5 off"]],
  ])("lets through what React's client sends: %s", async (_, args) => {
    expect(await fetchCall(args)).toBeNull();
  });

  it.each<[string, string, number, RegExp]>([
    ["a string for the form", '["$undefined","garbage"]', 200, /./],
    ["not JSON", '["$undefined"', 400, /not JSON/],
    ["not a list", '{"0":1}', 400, /not a list/],
    ["a forward reference", '["$@0"]', 400, /never send/],
    ["a Blob reference", '["$B1"]', 400, /never send/],
    ["a Map reference", '["$Q1"]', 400, /never send/],
    ["a server reference", '["$h1"]', 400, /never send/],
    ["a date", '["$D%ff"]', 400, /never send/],
    ["a BigInt", '["$nabc"]', 400, /never send/],
    ["another part", '["$1"]', 400, /never send/],
    ["a path to nothing", '[{"a":1},"$0:0:b"]', 400, /never send/],
    ["deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`, 400, /deeper/],
  ])("refuses %s in a text body", async (_, text, status, message) => {
    const problem = await actionCallProblem(call({ "next-action": ID, "content-type": "text/plain;charset=UTF-8" }), new TextEncoder().encode(text));
    // A well-formed call whose values are wrong for the action is the action's to refuse (lib/forms.ts).
    if (status === 200) expect(problem).toBeNull();
    else expect(problem).toEqual({ status, message: expect.stringMatching(message) });
  });

  it("checks field 0 of a multipart call and a no-JS form's bound arguments", async () => {
    const multipart = async (fields: [string, string][], headers: Record<string, string> = { "next-action": ID }) => {
      const body = new FormData();
      for (const [name, value] of fields) body.append(name, value);
      const { bytes, type } = await wire(body);
      return actionCallProblem(call({ "content-type": type, ...headers }), bytes);
    };
    expect(
      await multipart([
        ["0", '["$undefined","$K1"]'],
        ["_1_name", "Ana"],
      ]),
    ).toBeNull();
    expect((await multipart([["0", '["$F1"]']]))?.status).toBe(400);
    expect((await multipart([["_1_name", "no root"]]))?.message).toMatch(/missing/);
    const noJs = (meta: string, bound: string) =>
      multipart(
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", meta],
          ["$ACTION_1:1", bound],
          ["$ACTION_KEY", "k1"],
        ],
        {},
      );
    expect(await noJs(JSON.stringify({ id: ID, bound: "$@1" }), '["c1","$undefined"]')).toBeNull();
    expect(await noJs(JSON.stringify({ id: ID, bound: null }), "ignored")).toBeNull();
    expect((await noJs("{", '["c1"]'))?.message).toMatch(/no action/);
    expect((await noJs(JSON.stringify({ id: ID, bound: "$@1" }), '["$@2"]'))?.status).toBe(400);
    expect(
      await multipart(
        [
          [`$ACTION_ID_${ID}`, ""],
          ["email", "a@example.com"],
        ],
        {},
      ),
    ).toBeNull();
  });

  it("refuses malformed multipart, an empty action id, a cross-site or unparseable Origin, and a body past the limit", async () => {
    const bytes = new TextEncoder().encode("[]");
    expect(
      (await actionCallProblem(call({ "next-action": ID, "content-type": "multipart/form-data; boundary=x" }), new TextEncoder().encode("--x\r\nnope")))
        ?.status,
    ).toBe(400);
    expect((await actionCallProblem(call({ "next-action": " " }), bytes))?.status).toBe(400);
    expect((await fetchCall([], { origin: "https://evil.example" }))?.status).toBe(403);
    expect((await fetchCall([], { origin: "null" }))?.status).toBe(403);
    expect((await fetchCall([], { origin: "%ff" }))?.status).toBe(400);
    expect(
      await fetchCall([], { origin: "https://status.example.com", "x-forwarded-host": "status.example.com, proxy.internal", host: "10.0.0.5:3000" }),
    ).toBeNull();
    expect((await actionCallProblem(call({ "next-action": ID, "content-length": String(ACTION_BODY_LIMIT_BYTES + 1) }), bytes))?.status).toBe(413);
    expect((await actionCallProblem(call({ "next-action": ID }), new Uint8Array(ACTION_BODY_LIMIT_BYTES + 1)))?.status).toBe(413);
  });
});

describe("isActionCall and argumentsProblem", () => {
  it("knows which requests Next would try as actions", () => {
    expect(isActionCall(call({ "next-action": ID }))).toBe(true);
    expect(isActionCall(call({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isActionCall(call({ "content-type": "application/json" }))).toBe(false);
    expect(isActionCall({ ...call({ "next-action": ID }), method: "GET" })).toBe(false);
  });

  it("reads a path reference against the arguments themselves", () => {
    expect(argumentsProblem('[{"a":{"b":1}},"$0:0:a"]')).toBeNull();
    expect(argumentsProblem('[{"a":{"b":1}},"$0:0:a:b"]')).toBeNull();
    expect(argumentsProblem('[{"a":1},"$0:0:__proto__"]')).toMatch(/never send/);
    expect(argumentsProblem('[{"a":1},"$1:0:a"]')).toMatch(/never send/);
  });
});
