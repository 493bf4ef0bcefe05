import { describe, expect, it } from "vitest";
import { Prisma } from "../db";
import { DELETE_ORDER, TABLES } from "./tables";

describe("the table list", () => {
  it("--replace empties every table, each once", () => {
    expect([...DELETE_ORDER].sort()).toEqual(Object.values(Prisma.ModelName).sort());
    expect(Object.keys(TABLES).sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });
});
