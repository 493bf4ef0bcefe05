import { describe, expect, it } from "vitest";
import { libpqConnection, pgDumpInvocation, pgRestoreInvocation } from "./postgres-tools";

const URL_WITH_PASSWORD = "postgres://vigil:p%40ss%20word@db.example.com:5432/vigil?sslmode=require";

describe("pg_dump and pg_restore invocations", () => {
  it("pass the password in PGPASSWORD (decoded), never in an argument", () => {
    expect(libpqConnection(URL_WITH_PASSWORD)).toEqual({
      dbname: "postgres://vigil@db.example.com:5432/vigil?sslmode=require",
      env: { PGPASSWORD: "p@ss word" },
    });
    for (const tool of [pgDumpInvocation(URL_WITH_PASSWORD, "x.dump"), pgRestoreInvocation(URL_WITH_PASSWORD, "x.dump")]) {
      expect(tool.args.join(" ")).not.toMatch(/p%40ss|p@ss/);
      expect(tool.line).not.toMatch(/p%40ss|p@ss|db\.example/);
    }
  });

  it("set no PGPASSWORD when the URL has none", () => {
    expect(libpqConnection("postgres://vigil@127.0.0.1/vigil").env).toEqual({});
  });

  it.each([
    [pgDumpInvocation(URL_WITH_PASSWORD, "my backup.dump"), `pg_dump --format=custom --file='my backup.dump' "$DATABASE_URL"`],
    [pgRestoreInvocation(URL_WITH_PASSWORD, "b.dump"), `pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" b.dump`],
  ])("document the line to run by hand: %s", (tool, line) => {
    expect(tool.line).toBe(line);
  });

  it("run pg_dump in the custom format into the file, pg_restore in one transaction", () => {
    expect(pgDumpInvocation(URL_WITH_PASSWORD, "b.dump").args).toEqual([
      "--format=custom",
      "--file=b.dump",
      "--dbname=postgres://vigil@db.example.com:5432/vigil?sslmode=require",
    ]);
    expect(pgRestoreInvocation(URL_WITH_PASSWORD, "b.dump").args).toEqual([
      "--clean",
      "--if-exists",
      "--no-owner",
      "--single-transaction",
      "--dbname=postgres://vigil@db.example.com:5432/vigil?sslmode=require",
      "b.dump",
    ]);
  });
});
