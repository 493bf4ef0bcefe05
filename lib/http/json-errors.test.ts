import { z } from "zod";
import { describe, expect, it, vi } from "vitest";
import { ConflictError, HTTP_STATUS, NotFoundError, RequestBodyError, ServiceError } from "../errors";
import { errorToJson, jsonError, methodNotAllowed, type ErrorContract } from "./json-errors";
import { log } from "../log";

// The two contracts in use, as the endpoints declare them (lib/api/manage/handle.ts,
// lib/probes/test-api.ts): what differs between them is only what is listed here.
const API: ErrorContract = {
  invalid: { status: 400, message: "Some fields are not valid." },
  fields: { root: "body", key: (p) => p.map((s) => String(s).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join("."), shortMessages: true },
  bodyStatus: "invalid",
  internal: { message: "Something went wrong.", log: "api" },
};
const TESTER: ErrorContract = {
  invalid: { status: 422, message: "The config is not valid." },
  fields: { root: "config" },
  bodyStatus: "precise",
  internal: { message: "Try again.", log: "tester" },
};

const zodError = z.strictObject({ startsAt: z.string() }).safeParse({ startsAt: 1, extra: true }).error!;

describe("errorToJson", () => {
  it.each<[string, unknown, ErrorContract, number, object]>([
    [
      "zod, management API",
      zodError,
      API,
      400,
      { code: "invalid", message: "Some fields are not valid.", fields: { starts_at: "expected string", extra: "unknown field" } },
    ],
    [
      "zod, probe tester",
      zodError,
      TESTER,
      422,
      { code: "invalid", message: "The config is not valid.", fields: expect.objectContaining({ startsAt: expect.any(String) }) },
    ],
    ["too large, precise", new RequestBodyError("too_large", "big"), TESTER, 413, { code: "invalid", message: "big" }],
    ["wrong type, precise", new RequestBodyError("unsupported_media_type", "json"), TESTER, 415, { code: "invalid", message: "json" }],
    ["bad JSON, precise", new RequestBodyError("malformed_json", "bad"), TESTER, 400, { code: "invalid", message: "bad" }],
    ["too large, as a plain 400", new RequestBodyError("too_large", "big"), API, 400, { code: "invalid", message: "big" }],
    ["wrong type, as a plain 400", new RequestBodyError("unsupported_media_type", "json"), API, 400, { code: "invalid", message: "json" }],
    ["not found", new NotFoundError("incident"), API, 404, { code: "not_found", message: "incident not found" }],
    ["conflict", new ConflictError("changed"), TESTER, 409, { code: "conflict", message: "changed" }],
    ["forbidden", new ServiceError("forbidden", "no"), TESTER, 403, { code: "forbidden", message: "no" }],
    [
      "typed fields, renamed like zod's",
      new ServiceError("invalid", "window", { scheduledUntil: "must end after it starts" }),
      API,
      400,
      { code: "invalid", message: "window", fields: { scheduled_until: "must end after it starts" } },
    ],
  ])("%s → %i", (_, error, contract, status, body) => {
    const answer = errorToJson(error, contract);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error: body });
    expect(answer.headers).toEqual({});
  });

  it.each([API, TESTER])("hides anything untyped behind a generic 500 and logs the cause ($internal.log)", (contract) => {
    const spy = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const cause = new TypeError("Cannot read properties of undefined (reading 'id') at /srv/vigil/lib/x.ts:3");
    const answer = errorToJson(cause, contract);
    expect(answer).toEqual({ status: 500, headers: {}, body: { error: { code: "internal", message: contract.internal.message } } });
    expect(spy).toHaveBeenCalledWith({ err: cause, where: contract.internal.log }, `${contract.internal.log} failed`);
    spy.mockRestore();
  });

  it("answers 503 'nothing was saved' when the database is unreachable, without its text", () => {
    const answer = errorToJson(Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" }), API);
    expect(answer).toEqual({
      status: 503,
      headers: { "Retry-After": "5" },
      body: { error: { code: "unavailable", message: expect.stringMatching(/nothing was saved/) } },
    });
  });
});

describe("jsonError", () => {
  it.each(Object.entries(HTTP_STATUS) as [keyof typeof HTTP_STATUS, number][])("%s answers %i by default", (code, status) => {
    expect(jsonError(code, "m")).toEqual({ status, headers: {}, body: { error: { code, message: "m" } } });
  });

  it("takes fields, headers and a status", () => {
    expect(jsonError("rate_limited", "slow down", { headers: { "Retry-After": "40" } }).headers).toEqual({ "Retry-After": "40" });
    expect(jsonError("invalid", "m", { status: 422, fields: { a: "b" } })).toEqual({
      status: 422,
      headers: {},
      body: { error: { code: "invalid", message: "m", fields: { a: "b" } } },
    });
  });
});

describe("methodNotAllowed", () => {
  it("answers a JSON 405 naming the method and what to use instead", async () => {
    const response = methodNotAllowed(["GET", "POST"])(new Request("http://localhost/api/x", { method: "PUT" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, POST");
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: { code: "method_not_allowed", message: "PUT is not supported here; use GET or POST." } });
  });
});
