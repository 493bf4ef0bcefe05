import { z } from "zod";
import { describe, expect, it } from "vitest";
import { renameFields, zodFieldMessages, type FieldNaming } from "./zod-fields";

const Schema = z.strictObject({
  name: z.string().min(3, "at least 3 characters"),
  notifySubscribers: z.boolean().optional(),
  components: z.array(z.strictObject({ id: z.string(), status: z.enum(["up", "down"]) })).optional(),
});

const errorOf = (input: unknown) => {
  const result = Schema.safeParse(input);
  if (result.success) throw new Error("expected a failure");
  return result.error;
};

const snake = (path: readonly PropertyKey[]) => path.map((p) => String(p).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(".");
const API: FieldNaming = { root: "body", key: snake, shortMessages: true };
const PLAIN: FieldNaming = { root: "config" };

describe("zodFieldMessages", () => {
  it.each<[string, unknown, FieldNaming, Record<string, string>]>([
    ["a schema's own message", { name: "ab" }, API, { name: "at least 3 characters" }],
    ["missing, short", {}, API, { name: "required" }],
    ["wrong type, short", { name: 42, notifySubscribers: "yes" }, API, { name: "expected string", notify_subscribers: "expected boolean" }],
    ["unknown keys, one field each", { name: "abc", severity: 1, colour: 2 }, API, { severity: "unknown field", colour: "unknown field" }],
    ["nested paths, dotted", { name: "abc", components: [{ id: "c1", status: "on_fire" }] }, API, { "components.0.status": expect.any(String) }],
    ["the whole input", "not an object", API, { body: "expected object" }],
    ["zod's own text", { name: 42 }, PLAIN, { name: "Invalid input: expected string, received number" }],
    ["zod's own text for the whole input", "nope", PLAIN, { config: "Invalid input: expected object, received string" }],
    ["camelCase kept without a key function", { name: "abc", notifySubscribers: "yes" }, PLAIN, { notifySubscribers: expect.stringContaining("boolean") }],
  ])("%s", (_, input, naming, expected) => {
    expect(zodFieldMessages(errorOf(input), naming)).toEqual(expected);
  });

  it.each(["__proto__", "constructor", "valueof"])("names an unknown %s key like any other (a key an object literal would swallow)", (key) => {
    const input = JSON.parse(`{"name":"abc","${key}":{"admin":true}}`);
    const fields = zodFieldMessages(errorOf(input), API);
    expect(Object.keys(fields)).toEqual([key]);
    expect(JSON.parse(JSON.stringify(fields))).toEqual(JSON.parse(`{"${key}":"unknown field"}`));
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it("keeps the first message per field", () => {
    const Twice = z.object({
      code: z
        .string()
        .min(3, "too short")
        .regex(/^[a-z]+$/, "letters only"),
    });
    const error = Twice.safeParse({ code: "A" }).error!;
    expect(zodFieldMessages(error, PLAIN)).toEqual({ code: "too short" });
  });
});

describe("renameFields", () => {
  it.each<[Record<string, string> | undefined, FieldNaming, Record<string, string> | undefined]>([
    [undefined, API, undefined],
    [{ scheduledUntil: "the window must end after it starts" }, API, { scheduled_until: "the window must end after it starts" }],
    [{ scheduledUntil: "x" }, PLAIN, { scheduledUntil: "x" }],
    [{ "": "x" }, PLAIN, { config: "x" }],
  ])("%j with %j → %j", (fields, naming, expected) => {
    expect(renameFields(fields, naming)).toEqual(expected);
  });
});
