import { describe, expect, it, vi } from "vitest";
import { actionArg, formAction, parsedAction, UNREADABLE_FORM } from "./forms";
import { NUL_MESSAGE } from "./text/nul";

describe("formAction", () => {
  const run = vi.fn(async (id: string, _prev: unknown, form: FormData) => ({ ok: true, message: `${id}:${form.get("name")}` }));
  const action = formAction([actionArg.id, actionArg.state, actionArg.form], run);
  const form = new FormData();
  form.set("name", "Ana");

  it("runs with the arguments its page sends", async () => {
    expect(await action("c1", undefined, form)).toEqual({ ok: true, message: "c1:Ana" });
    expect(await action("c1", { ok: false, message: "earlier" }, form)).toEqual({ ok: true, message: "c1:Ana" });
  });

  it.each<[string, unknown[]]>([
    ["a string for the form", ["c1", undefined, "garbage"]],
    ["an object for the form", ["c1", undefined, { name: "Ana" }]],
    ["no form", ["c1", undefined]],
    ["no arguments", []],
    ["an object for the id", [{ id: "c1" }, undefined, form]],
    ["an empty id", ["", undefined, form]],
    ["an overlong id", ["x".repeat(201), undefined, form]],
    ["a NUL in the id", ["c\u00001", undefined, form]],
  ])("refuses %s without running", async (_, args) => {
    run.mockClear();
    expect(await (action as (...a: unknown[]) => Promise<unknown>)(...args)).toMatchObject({ ok: false });
    expect(run).not.toHaveBeenCalled();
  });

  it("says so when a field holds a NUL (PostgreSQL cannot store one), and refuses anything else as unreadable", async () => {
    const pasted = new FormData();
    pasted.set("name", "An\u0000a");
    pasted.set("file", new File(["\u0000"], "binary.csv")); // a file's bytes are the action's business
    expect(await action("c1", undefined, pasted)).toEqual({ ok: false, message: NUL_MESSAGE });
    expect(await (action as (...a: unknown[]) => Promise<unknown>)("c1", undefined, "garbage")).toEqual(UNREADABLE_FORM);
  });

  it("ignores extra trailing arguments", async () => {
    expect(await (action as (...a: unknown[]) => Promise<unknown>)("c1", undefined, form, "extra")).toEqual({ ok: true, message: "c1:Ana" });
  });
});

describe("parsedAction", () => {
  it("checks flags and fixed choices, and answers with its own refusal", async () => {
    const move = parsedAction(
      [actionArg.oneOf(["up", "down"]), actionArg.flag],
      async (direction: "up" | "down", all: boolean) => `${direction}${all}`,
      () => "no",
    );
    expect(await move("up", true)).toBe("uptrue");
    expect(await (move as (...a: unknown[]) => Promise<string>)("sideways", true)).toBe("no");
    expect(await (move as (...a: unknown[]) => Promise<string>)("up", "true")).toBe("no");
  });
});
