import cron from "node-cron";
import { describe, expect, it } from "vitest";
import { JOBS } from "./table";

describe("job table", () => {
  it("has unique names and cron expressions that parse", () => {
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
    for (const job of JOBS) expect(cron.validate(job.cron), job.name).toBe(true);
  });
});
